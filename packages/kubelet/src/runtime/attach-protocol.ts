// Frames of the shim's attach socket (documented in packages/kubelet/native/attach.c):
// [type: u8][length: u32 big-endian][payload], in both directions.

/** client -> shim */
export const ClientFrame = { stdin: 0, stdinEof: 1, resize: 2 } as const;
/** shim -> client */
export const ShimFrame = { stdout: 1, stderr: 2, exit: 3 } as const;

const HEADER = 5;

export function encodeFrame(type: number, payload: Uint8Array = new Uint8Array(0)): Buffer {
  const frame = Buffer.alloc(HEADER + payload.length);
  frame.writeUInt8(type, 0);
  frame.writeUInt32BE(payload.length, 1);
  frame.set(payload, HEADER);
  return frame;
}

export function encodeResize(cols: number, rows: number): Buffer {
  const size = Buffer.alloc(4);
  size.writeUInt16BE(Math.min(cols, 0xffff), 0);
  size.writeUInt16BE(Math.min(rows, 0xffff), 2);
  return encodeFrame(ClientFrame.resize, size);
}

export interface Frame {
  type: number;
  payload: Buffer;
}

/** Accumulates socket reads and yields every complete frame. */
export class FrameDecoder {
  private pending: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): Frame[] {
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    const frames: Frame[] = [];
    while (this.pending.length >= HEADER) {
      const length = this.pending.readUInt32BE(1);
      if (this.pending.length < HEADER + length) break;
      frames.push({ type: this.pending.readUInt8(0), payload: this.pending.subarray(HEADER, HEADER + length) });
      this.pending = this.pending.subarray(HEADER + length);
    }
    return frames;
  }
}
