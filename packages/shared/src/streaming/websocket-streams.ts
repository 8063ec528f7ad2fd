// Node streams over a channel-framed socket: outbound channels as Writables that send frames,
// inbound frames routed by channel. Independent of the WebSocket library: callers pass `send`
// and feed received messages in.
import { Writable } from 'node:stream';
import { Channel, decodeFrame, encodeCloseFrame, encodeFrame, STREAM_PROTOCOL_V5 } from './channel-protocol.js';
import type { StreamProtocol } from './channel-protocol.js';

export type SendFrame = (frame: Buffer, done: (err?: Error | null) => void) => void;

/**
 * A Writable whose chunks leave as frames on `channel`; the write callback waits for the socket
 * (backpressure). On end, v5 peers get the close signal for the channel unless `signalClose` is
 * false (servers end output channels by closing the socket, which every client understands).
 */
export function channelWritable(channel: number, protocol: StreamProtocol, send: SendFrame, opts: { signalClose?: boolean } = {}): Writable {
  const signalClose = opts.signalClose ?? true;
  return new Writable({
    write(chunk: Buffer, _encoding, callback) {
      send(encodeFrame(channel, chunk), (err) => callback(err ?? null));
    },
    final(callback) {
      if (protocol !== STREAM_PROTOCOL_V5 || !signalClose) return callback();
      send(encodeCloseFrame(channel), () => callback());
    },
  });
}

interface Route {
  onData: (payload: Buffer) => void;
  onClose?: () => void;
}

/** Dispatches received messages to per-channel handlers; frames for unrouted channels are dropped. */
export class ChannelDemux {
  private readonly routes = new Map<number, Route>();
  private readonly closed = new Set<number>();

  constructor(private readonly protocol: StreamProtocol) {}

  route(channel: number, onData: (payload: Buffer) => void, onClose?: () => void): this {
    this.routes.set(channel, { onData, ...(onClose ? { onClose } : {}) });
    return this;
  }

  /** Writes the channel's payloads into `sink` and ends it when the channel or the socket closes. */
  pipeTo(channel: number, sink: Writable): this {
    return this.route(
      channel,
      (payload) => {
        if (!sink.writableEnded && !sink.destroyed) sink.write(payload);
      },
      () => {
        if (!sink.writableEnded) sink.end();
      },
    );
  }

  receive(message: Buffer): void {
    const frame = decodeFrame(message, this.protocol);
    if (!frame) return;
    if (frame.kind === 'close') return this.closeChannel(frame.channel);
    if (this.closed.has(frame.channel)) return;
    this.routes.get(frame.channel)?.onData(frame.payload);
  }

  /** The socket ended: every channel is closed. */
  closeAll(): void {
    for (const channel of this.routes.keys()) this.closeChannel(channel);
  }

  private closeChannel(channel: number): void {
    if (this.closed.has(channel)) return;
    this.closed.add(channel);
    this.routes.get(channel)?.onClose?.();
  }
}

export { Channel };
