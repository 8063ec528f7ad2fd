// The SPDY server session against a client built here the way spdystream writes: one zlib
// stream seeded with the dictionary for all header blocks, each ending at a sync flush.
import { describe, expect, it } from 'vitest';
import { constants, createDeflate, createInflate, inflateSync } from 'node:zlib';
import { SPDY3_HEADER_DICTIONARY } from './spdy-dictionary.js';
import { controlFrame, dataFrame, decodeHeaderBlock, encodeHeaderBlock, SPDY_FLAG_FIN, SpdyFrameReader, SpdyFrameType, SpdyHeaderWriter } from './spdy-frames.js';
import type { SpdyFrame } from './spdy-frames.js';
import { SpdyServerSession } from './spdy-session.js';
import type { SpdyStream } from './spdy-session.js';

/** A client-side compressor: what Go's framer does with zlib.NewWriterLevelDict + Flush. */
function clientCompressor() {
  const deflate = createDeflate({ dictionary: SPDY3_HEADER_DICTIONARY });
  const out: Buffer[] = [];
  deflate.on('data', (c: Buffer) => out.push(c));
  return (headers: Record<string, string>) =>
    new Promise<Buffer>((resolve) => {
      deflate.write(encodeHeaderBlock(headers));
      deflate.flush(constants.Z_SYNC_FLUSH, () => resolve(Buffer.concat(out.splice(0))));
    });
}

async function synStream(compress: (h: Record<string, string>) => Promise<Buffer>, id: number, headers: Record<string, string>, flags = 0): Promise<Buffer> {
  const ids = Buffer.alloc(10);
  ids.writeUInt32BE(id);
  return controlFrame(SpdyFrameType.synStream, flags, Buffer.concat([ids, await compress(headers)]));
}

function harness() {
  const sent: SpdyFrame[] = [];
  const reader = new SpdyFrameReader();
  const streams: SpdyStream[] = [];
  const session = new SpdyServerSession(
    (bytes, done) => {
      sent.push(...reader.push(bytes));
      done();
    },
    (stream) => streams.push(stream),
  );
  const settle = () => new Promise((resolve) => setTimeout(resolve, 20));
  return { sent, streams, session, settle };
}

describe('SPDY/3.1 server session', () => {
  it('has the 1423-byte SPDY/3 dictionary', () => {
    expect(SPDY3_HEADER_DICTIONARY.length).toBe(1423);
  });

  it('reads streams opened with compressed headers, replies, and relays data and FIN both ways', async () => {
    const { sent, streams, session, settle } = harness();
    const compress = clientCompressor();
    // Split across messages at odd places, as a tunnel may deliver them.
    const bytes = Buffer.concat([
      await synStream(compress, 1, { streamType: 'error', port: '8080', requestID: '0' }),
      await synStream(compress, 3, { streamType: 'data', port: '8080', requestID: '0' }),
      dataFrame(3, Buffer.from('hello'), true),
    ]);
    session.receive(bytes.subarray(0, 7));
    session.receive(bytes.subarray(7));
    await settle();
    expect(streams.map((s) => [s.id, s.headers])).toEqual([
      [1, { streamtype: 'error', port: '8080', requestid: '0' }],
      [3, { streamtype: 'data', port: '8080', requestid: '0' }],
    ]);
    const received: string[] = [];
    let ended = false;
    streams[1]!.onData((d) => received.push(d.toString())).onEnd(() => (ended = true));
    await settle();
    // Listeners attached late still hear the end; data before them is the caller's to catch.
    expect(ended).toBe(true);

    // Replies: one per stream, header blocks continuing one zlib stream a client can inflate.
    const replies = sent.filter((f) => f.control && f.type === SpdyFrameType.synReply);
    expect(replies).toHaveLength(2);
    const inflate = createInflate({ dictionary: SPDY3_HEADER_DICTIONARY });
    const blocks: Buffer[] = [];
    for (const reply of replies) {
      const out: Buffer[] = [];
      inflate.on('data', (c: Buffer) => out.push(c));
      inflate.write(reply.payload.subarray(4));
      await new Promise<void>((resolve) => inflate.flush(constants.Z_SYNC_FLUSH, () => resolve()));
      inflate.removeAllListeners('data');
      blocks.push(Buffer.concat(out));
    }
    expect(blocks.map(decodeHeaderBlock)).toEqual([{}, {}]);

    streams[1]!.write(Buffer.from('world'));
    streams[1]!.end();
    const data = sent.filter((f): f is Extract<SpdyFrame, { control: false }> => !f.control);
    expect(data.map((f) => [f.streamId, f.payload.toString(), f.flags & SPDY_FLAG_FIN])).toEqual([
      [3, 'world', 0],
      [3, '', 1],
    ]);
  });

  it('answers PINGs and resets streams on RST_STREAM and when the transport closes', async () => {
    const { sent, streams, session, settle } = harness();
    const compress = clientCompressor();
    const ping = Buffer.alloc(4);
    ping.writeUInt32BE(7);
    session.receive(controlFrame(SpdyFrameType.ping, 0, ping));
    session.receive(await synStream(compress, 1, { streamtype: 'data', port: '80', requestid: '1' }));
    session.receive(await synStream(compress, 3, { streamtype: 'data', port: '80', requestid: '2' }));
    await settle();
    const resets: number[] = [];
    for (const stream of streams) stream.onReset(() => resets.push(stream.id));
    const rst = Buffer.alloc(8);
    rst.writeUInt32BE(1);
    rst.writeUInt32BE(5, 4);
    session.receive(controlFrame(SpdyFrameType.rstStream, 0, rst));
    await settle();
    session.close();
    expect(resets).toEqual([1, 3]);
    const pong = sent.find((f) => f.control && f.type === SpdyFrameType.ping);
    expect(pong?.payload.readUInt32BE(0)).toBe(7);
  });

  it('writes header blocks as stored blocks that end with the sync-flush marker', () => {
    const writer = new SpdyHeaderWriter();
    const first = writer.compress({ a: 'b' });
    const second = writer.compress({});
    expect(first.subarray(0, 2)).toEqual(Buffer.from([0x78, 0xbb]));
    expect(second.subarray(-5)).toEqual(Buffer.from([0, 0, 0, 0xff, 0xff]));
    const all = inflateSync(Buffer.concat([first, second]), { dictionary: SPDY3_HEADER_DICTIONARY, finishFlush: constants.Z_SYNC_FLUSH });
    expect(decodeHeaderBlock(all)).toEqual({ a: 'b' });
  });
});
