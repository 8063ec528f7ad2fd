// The server side of a SPDY/3.1 connection, independent of the transport (kubectl tunnels it in
// WebSocket binary messages): the client opens streams with headers, the server replies and
// both sides send data until each half-closes with FIN; RST_STREAM or GOAWAY cut streams short.
// PINGs are answered. No flow control is enforced (spdystream, kubectl's side, keeps none).
import { controlFrame, dataFrame, goAwayFrame, rstStreamFrame, SPDY_FLAG_FIN, SpdyFrameReader, SpdyFrameType, SpdyHeaderWriter } from './spdy-frames.js';
import type { SpdyFrame } from './spdy-frames.js';
import { SpdyHeaderReader } from './spdy-header-reader.js';

export type SpdySend = (bytes: Buffer, done: () => void) => void;

export class SpdyStream {
  private dataListener: (payload: Buffer) => void = () => undefined;
  private endListener: () => void = () => undefined;
  private resetListener: () => void = () => undefined;
  private remoteEnded = false;
  private localEnded = false;
  private wasReset = false;

  constructor(
    readonly id: number,
    readonly headers: Readonly<Record<string, string>>,
    private readonly session: SpdyServerSession,
  ) {}

  onData(listener: (payload: Buffer) => void): this {
    this.dataListener = listener;
    return this;
  }

  /** The client half-closed (FIN); called at most once, also when already ended on arrival. */
  onEnd(listener: () => void): this {
    this.endListener = listener;
    if (this.remoteEnded) queueMicrotask(listener);
    return this;
  }

  onReset(listener: () => void): this {
    this.resetListener = listener;
    if (this.wasReset) queueMicrotask(listener);
    return this;
  }

  get ended(): boolean {
    return this.localEnded || this.wasReset;
  }

  write(payload: Buffer, done: () => void = () => undefined): void {
    if (this.ended) return done();
    this.session.send(dataFrame(this.id, payload), done);
  }

  end(payload: Buffer = Buffer.alloc(0)): void {
    if (this.ended) return;
    this.localEnded = true;
    this.session.send(dataFrame(this.id, payload, true), () => undefined);
    if (this.remoteEnded) this.session.forget(this.id);
  }

  reset(status: number): void {
    if (this.ended) return;
    this.wasReset = true;
    this.session.send(rstStreamFrame(this.id, status), () => undefined);
  }

  /** @internal */ receiveData(payload: Buffer, fin: boolean): void {
    if (payload.length > 0 && !this.remoteEnded) this.dataListener(payload);
    if (fin) this.receiveEnd();
  }

  /** @internal */ receiveEnd(): void {
    if (this.remoteEnded) return;
    this.remoteEnded = true;
    this.endListener();
    if (this.localEnded) this.session.forget(this.id);
  }

  /** @internal */ receiveReset(): void {
    if (this.wasReset) return;
    this.wasReset = true;
    this.resetListener();
  }
}

export class SpdyServerSession {
  private readonly reader = new SpdyFrameReader();
  private readonly headerReader = new SpdyHeaderReader();
  private readonly headerWriter = new SpdyHeaderWriter();
  private readonly streams = new Map<number, SpdyStream>();
  private chain: Promise<void> = Promise.resolve();
  private lastStreamId = 0;
  private closed = false;

  constructor(
    private readonly transport: SpdySend,
    private readonly onStream: (stream: SpdyStream) => void,
    private readonly onProtocolError: (err: Error) => void = () => undefined,
  ) {}

  /** Bytes from the client, in order. */
  receive(chunk: Buffer): void {
    for (const frame of this.reader.push(chunk)) {
      // Header blocks inflate asynchronously: every frame waits for the ones before it.
      this.chain = this.chain.then(() => this.handle(frame)).catch((err: unknown) => this.fail(err as Error));
    }
  }

  send(bytes: Buffer, done: () => void): void {
    if (this.closed) return done();
    this.transport(bytes, done);
  }

  /** A stream closed in both directions is no longer looked up. */
  forget(id: number): void {
    this.streams.delete(id);
  }

  /** The transport is gone: every open stream is reset. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.headerReader.close();
    for (const stream of this.streams.values()) stream.receiveReset();
    this.streams.clear();
  }

  private reply(stream: SpdyStream): void {
    const id = Buffer.alloc(4);
    id.writeUInt32BE(stream.id);
    this.send(controlFrame(SpdyFrameType.synReply, 0, Buffer.concat([id, this.headerWriter.compress({})])), () => undefined);
  }

  private fail(err: Error): void {
    if (this.closed) return;
    this.send(goAwayFrame(this.lastStreamId), () => undefined);
    this.onProtocolError(err);
    this.close();
  }

  private async handle(frame: SpdyFrame): Promise<void> {
    if (this.closed) return;
    if (!frame.control) {
      const stream = this.streams.get(frame.streamId);
      if (!stream) return this.send(rstStreamFrame(frame.streamId, 2), () => undefined);
      stream.receiveData(frame.payload, (frame.flags & SPDY_FLAG_FIN) !== 0);
      return;
    }
    const { payload } = frame;
    switch (frame.type) {
      case SpdyFrameType.synStream: {
        const id = payload.readUInt32BE(0) & 0x7fffffff;
        const headers = await this.headerReader.read(payload.subarray(10));
        this.lastStreamId = Math.max(this.lastStreamId, id);
        const stream = new SpdyStream(id, headers, this);
        this.streams.set(id, stream);
        // The reply goes first: spdystream's CreateStream waits for it.
        this.reply(stream);
        this.onStream(stream);
        if (frame.flags & SPDY_FLAG_FIN) stream.receiveEnd();
        return;
      }
      case SpdyFrameType.headers:
        // Headers after the SYN still advance the shared zlib stream.
        await this.headerReader.read(payload.subarray(4));
        return;
      case SpdyFrameType.rstStream: {
        const id = payload.readUInt32BE(0) & 0x7fffffff;
        this.streams.get(id)?.receiveReset();
        this.streams.delete(id);
        return;
      }
      case SpdyFrameType.ping:
        return this.send(controlFrame(SpdyFrameType.ping, 0, payload), () => undefined);
      case SpdyFrameType.goAway:
        return this.close();
      default:
        // SETTINGS, WINDOW_UPDATE, SYN_REPLY (we open no streams): nothing to do.
        return;
    }
  }
}
