// Prefixes every line of a log stream (`[pod/NAME/CONTAINER] `), holding an unfinished line
// until its end arrives so that concurrent followers never interleave inside a line.
export class LinePrefixer {
  private pending: Buffer = Buffer.alloc(0);

  constructor(private readonly prefix: string) {}

  /** The complete lines of `chunk` (with what was pending), prefixed. */
  push(chunk: Buffer): Buffer {
    if (!this.prefix) return chunk;
    const data = Buffer.concat([this.pending, chunk]);
    const end = data.lastIndexOf(0x0a) + 1;
    this.pending = data.subarray(end);
    return this.prefixLines(data.subarray(0, end));
  }

  /** What is left when the stream ends: a last line without its newline. */
  flush(): Buffer {
    const rest = this.pending;
    this.pending = Buffer.alloc(0);
    return rest.length > 0 && this.prefix ? Buffer.concat([Buffer.from(this.prefix), rest]) : rest;
  }

  private prefixLines(block: Buffer): Buffer {
    if (block.length === 0) return block;
    const parts: Buffer[] = [];
    const prefix = Buffer.from(this.prefix);
    let start = 0;
    while (start < block.length) {
      const nl = block.indexOf(0x0a, start);
      parts.push(prefix, block.subarray(start, nl + 1));
      start = nl + 1;
    }
    return Buffer.concat(parts);
  }
}
