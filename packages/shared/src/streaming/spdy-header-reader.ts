// The inflating side of one connection's header blocks: one zlib stream for the connection's
// life (later blocks refer back to earlier ones), seeded with SPDY's dictionary, each block
// ending at a sync flush. Blocks must be read in order; callers serialize.
import { constants, createInflate } from 'node:zlib';
import type { Inflate } from 'node:zlib';
import { SPDY3_HEADER_DICTIONARY } from './spdy-dictionary.js';
import { decodeHeaderBlock } from './spdy-frames.js';

export class SpdyHeaderReader {
  private readonly inflate: Inflate = createInflate({ dictionary: SPDY3_HEADER_DICTIONARY });
  private output: Buffer[] = [];
  private failure: Error | undefined;

  constructor() {
    this.inflate.on('data', (chunk: Buffer) => this.output.push(chunk));
    this.inflate.on('error', (err: Error) => (this.failure = err));
  }

  read(compressed: Buffer): Promise<Record<string, string>> {
    return new Promise((resolve, reject) => {
      if (this.failure) return reject(this.failure);
      this.inflate.write(compressed);
      this.inflate.flush(constants.Z_SYNC_FLUSH, () => {
        if (this.failure) return reject(this.failure);
        const block = Buffer.concat(this.output);
        this.output = [];
        try {
          resolve(decodeHeaderBlock(block));
        } catch (err) {
          reject(err as Error);
        }
      });
    });
  }

  close(): void {
    this.inflate.close();
  }
}
