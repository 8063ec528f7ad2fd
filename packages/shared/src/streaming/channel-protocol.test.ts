import { describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import {
  Channel,
  decodeFrame,
  decodeResize,
  encodeCloseFrame,
  encodeFrame,
  encodeResize,
  negotiateStreamProtocol,
  STREAM_PROTOCOL_V4,
  STREAM_PROTOCOL_V5,
} from './channel-protocol.js';
import { ChannelDemux, channelWritable } from './websocket-streams.js';

describe('channel framing', () => {
  it('prefixes the payload with the channel byte and decodes it back', () => {
    const frame = encodeFrame(Channel.stdout, 'hello\n');
    expect([...frame.subarray(0, 1)]).toEqual([1]);
    expect(frame.subarray(1).toString()).toBe('hello\n');
    expect(decodeFrame(frame, STREAM_PROTOCOL_V5)).toEqual({ kind: 'data', channel: 1, payload: Buffer.from('hello\n') });
  });

  it('reads [255, ch] as a close signal under v5 only', () => {
    expect(decodeFrame(encodeCloseFrame(Channel.stdin), STREAM_PROTOCOL_V5)).toEqual({ kind: 'close', channel: 0 });
    expect(decodeFrame(encodeCloseFrame(Channel.stdin), STREAM_PROTOCOL_V4)).toEqual({ kind: 'data', channel: 255, payload: Buffer.from([0]) });
  });

  it('ignores empty messages', () => {
    expect(decodeFrame(Buffer.alloc(0), STREAM_PROTOCOL_V5)).toBeUndefined();
  });

  it('picks the first offered protocol it speaks, in the client order', () => {
    expect(negotiateStreamProtocol('v5.channel.k8s.io')).toBe(STREAM_PROTOCOL_V5);
    expect(negotiateStreamProtocol('v4.channel.k8s.io, v5.channel.k8s.io')).toBe(STREAM_PROTOCOL_V4);
    expect(negotiateStreamProtocol(['channel.k8s.io', 'v3.channel.k8s.io'])).toBeUndefined();
    expect(negotiateStreamProtocol(undefined)).toBeUndefined();
  });

  it('round-trips a terminal size in client-go spelling', () => {
    const frame = encodeResize({ cols: 100, rows: 40 });
    expect(frame.subarray(1).toString()).toBe('{"Width":100,"Height":40}\n');
    expect(decodeResize(frame.subarray(1))).toEqual({ cols: 100, rows: 40 });
    expect(decodeResize(Buffer.from('nonsense'))).toBeUndefined();
  });
});

describe('channel streams', () => {
  it('sends written chunks as frames and a v5 close frame on end', async () => {
    const sent: Buffer[] = [];
    const out = channelWritable(Channel.stdin, STREAM_PROTOCOL_V5, (frame, done) => {
      sent.push(frame);
      done();
    });
    out.write('ab');
    await new Promise<void>((resolve) => out.end(resolve));
    expect(sent.map((f) => [...f])).toEqual([[0, 97, 98], [255, 0]]);
  });

  it('sends no close frame to a v4 peer', async () => {
    const sent: Buffer[] = [];
    const out = channelWritable(Channel.stdin, STREAM_PROTOCOL_V4, (frame, done) => {
      sent.push(frame);
      done();
    });
    await new Promise<void>((resolve) => out.end('x', resolve));
    expect(sent.map((f) => [...f])).toEqual([[0, 120]]);
  });

  it('routes frames per channel and ends a sink on its close signal', async () => {
    const stdin = new PassThrough();
    const resizes: unknown[] = [];
    const demux = new ChannelDemux(STREAM_PROTOCOL_V5).pipeTo(Channel.stdin, stdin).route(Channel.resize, (p) => resizes.push(decodeResize(p)));
    demux.receive(encodeFrame(Channel.stdin, 'line\n'));
    demux.receive(encodeResize({ cols: 80, rows: 24 }));
    demux.receive(encodeCloseFrame(Channel.stdin));
    demux.receive(encodeFrame(Channel.stdin, 'after close'));
    const chunks: Buffer[] = [];
    for await (const chunk of stdin) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe('line\n');
    expect(resizes).toEqual([{ cols: 80, rows: 24 }]);
  });
});
