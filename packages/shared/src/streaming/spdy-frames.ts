// SPDY/3.1 framing (draft-mbelshe-httpbis-spdy-00 §2.2, as kubectl's moby/spdystream speaks it):
// control frames (version 3, a type, flags, 24-bit length) and data frames (31-bit stream id,
// flags, 24-bit length). Only what a server of port-forward streams needs.
import { adler32 } from './adler32.js';
import { SPDY3_HEADER_DICTIONARY } from './spdy-dictionary.js';

export const SpdyFrameType = {
  synStream: 1,
  synReply: 2,
  rstStream: 3,
  settings: 4,
  ping: 6,
  goAway: 7,
  headers: 8,
  windowUpdate: 9,
} as const;

export const SPDY_FLAG_FIN = 0x01;
/** RST_STREAM status codes used here */
export const SpdyRstStatus = { protocolError: 1, invalidStream: 2, refusedStream: 3, cancel: 5 } as const;

export type SpdyFrame =
  | { control: true; type: number; flags: number; payload: Buffer }
  | { control: false; streamId: number; flags: number; payload: Buffer };

/** Splits a byte stream (arbitrarily chunked) into frames. */
export class SpdyFrameReader {
  private pending: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): SpdyFrame[] {
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    const frames: SpdyFrame[] = [];
    while (this.pending.length >= 8) {
      const length = this.pending.readUIntBE(5, 3);
      if (this.pending.length < 8 + length) break;
      const head = this.pending.readUInt32BE(0);
      const flags = this.pending[4] as number;
      const payload = this.pending.subarray(8, 8 + length);
      frames.push(head & 0x80000000 ? { control: true, type: head & 0xffff, flags, payload } : { control: false, streamId: head & 0x7fffffff, flags, payload });
      this.pending = this.pending.subarray(8 + length);
    }
    return frames;
  }
}

function frameHead(first: number, flags: number, length: number): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(first >>> 0);
  head[4] = flags;
  head.writeUIntBE(length, 5, 3);
  return head;
}

export function controlFrame(type: number, flags: number, payload: Buffer): Buffer {
  return Buffer.concat([frameHead(0x80030000 | type, flags, payload.length), payload]);
}

export function dataFrame(streamId: number, payload: Buffer, fin = false): Buffer {
  return Buffer.concat([frameHead(streamId & 0x7fffffff, fin ? SPDY_FLAG_FIN : 0, payload.length), payload]);
}

export function rstStreamFrame(streamId: number, status: number): Buffer {
  const payload = Buffer.alloc(8);
  payload.writeUInt32BE(streamId & 0x7fffffff);
  payload.writeUInt32BE(status, 4);
  return controlFrame(SpdyFrameType.rstStream, 0, payload);
}

export function goAwayFrame(lastGoodStreamId: number): Buffer {
  const payload = Buffer.alloc(8);
  payload.writeUInt32BE(lastGoodStreamId & 0x7fffffff);
  return controlFrame(SpdyFrameType.goAway, 0, payload);
}

/** The plain name/value block: count, then length-prefixed names and values (values may hold NUL-separated lists). */
export function encodeHeaderBlock(headers: Record<string, string>): Buffer {
  const parts: Buffer[] = [];
  const u32 = (n: number) => {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(n);
    return b;
  };
  const entries = Object.entries(headers);
  parts.push(u32(entries.length));
  for (const [name, value] of entries) {
    const n = Buffer.from(name.toLowerCase(), 'utf8');
    const v = Buffer.from(value, 'utf8');
    parts.push(u32(n.length), n, u32(v.length), v);
  }
  return Buffer.concat(parts);
}

/** Lower-cased names; a NUL-separated list keeps its first value (enough for port-forward's headers). */
export function decodeHeaderBlock(block: Buffer): Record<string, string> {
  const headers: Record<string, string> = {};
  if (block.length < 4) return headers;
  const count = block.readUInt32BE(0);
  let offset = 4;
  const take = (): string => {
    if (offset + 4 > block.length) throw new Error('spdy: truncated header block');
    const length = block.readUInt32BE(offset);
    offset += 4;
    if (offset + length > block.length) throw new Error('spdy: truncated header block');
    const text = block.subarray(offset, offset + length).toString('utf8');
    offset += length;
    return text;
  };
  for (let i = 0; i < count; i++) {
    const name = take().toLowerCase();
    const value = take();
    headers[name] = value.split('\0')[0] ?? '';
  }
  return headers;
}

/**
 * The compressing side of one connection's header blocks. Every block continues one zlib stream
 * seeded with the dictionary; the first carries the zlib header naming it. Blocks are written as
 * stored (uncompressed) deflate blocks, which any inflater reads and which keep this synchronous.
 */
export class SpdyHeaderWriter {
  private started = false;

  compress(headers: Record<string, string>): Buffer {
    const plain = encodeHeaderBlock(headers);
    const parts: Buffer[] = [];
    if (!this.started) {
      this.started = true;
      // CMF 0x78 (deflate, 32K window), FLG with FDICT and check bits; then the dictionary's id.
      const dictId = Buffer.alloc(4);
      dictId.writeUInt32BE(adler32(SPDY3_HEADER_DICTIONARY));
      parts.push(Buffer.from([0x78, 0xbb]), dictId);
    }
    for (let offset = 0; offset < plain.length || offset === 0; offset += 0xffff) {
      const chunk = plain.subarray(offset, offset + 0xffff);
      const head = Buffer.alloc(5);
      head[0] = 0; // not final, stored
      head.writeUInt16LE(chunk.length, 1);
      head.writeUInt16LE(~chunk.length & 0xffff, 3);
      parts.push(head, chunk);
      if (plain.length === 0) break;
    }
    // The sync-flush marker, an empty stored block, as zlib's Z_SYNC_FLUSH ends a block: Go's
    // inflater reads one block past the data and would hit the frame's end without it.
    parts.push(Buffer.from([0x00, 0x00, 0x00, 0xff, 0xff]));
    return Buffer.concat(parts);
  }
}
