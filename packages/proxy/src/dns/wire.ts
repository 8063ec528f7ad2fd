// The DNS message format (RFC 1035 §4) as far as a cluster DNS server needs it: header, questions
// and resource records with A, CNAME, SRV and SOA data decoded and encoded; other types are kept
// as raw bytes. Names are dot-joined without the trailing dot (the root is ''); compression
// pointers are followed on decode (with a loop guard) and written on encode.

export const TYPE = { A: 1, NS: 2, CNAME: 5, SOA: 6, PTR: 12, AAAA: 28, SRV: 33, OPT: 41, ANY: 255 } as const;
export const CLASS_IN = 1;
export const RCODE = { NOERROR: 0, FORMERR: 1, SERVFAIL: 2, NXDOMAIN: 3, NOTIMP: 4, REFUSED: 5 } as const;

export interface DnsQuestion {
  name: string;
  type: number;
  class: number;
}

export type RecordData =
  | { type: 'A'; address: string }
  | { type: 'CNAME'; target: string }
  | { type: 'SRV'; priority: number; weight: number; port: number; target: string }
  | { type: 'SOA'; mname: string; rname: string; serial: number; refresh: number; retry: number; expire: number; minimum: number }
  /** any other type, rdata undecoded */
  | { type: number; rdata: Buffer };

export interface ResourceRecord {
  name: string;
  class: number;
  ttl: number;
  data: RecordData;
}

export interface DnsFlags {
  response: boolean;
  opcode: number;
  authoritative: boolean;
  truncated: boolean;
  recursionDesired: boolean;
  recursionAvailable: boolean;
  rcode: number;
}

export interface DnsMessage {
  id: number;
  flags: DnsFlags;
  questions: DnsQuestion[];
  answers: ResourceRecord[];
  authorities: ResourceRecord[];
  additionals: ResourceRecord[];
}

export class DnsFormatError extends Error {}

export function typeCode(data: RecordData): number {
  return typeof data.type === 'number' ? data.type : TYPE[data.type];
}

// ---- decoding ----

class Reader {
  offset = 0;
  constructor(private readonly buf: Buffer) {}

  need(n: number): void {
    if (this.offset + n > this.buf.length) throw new DnsFormatError('message truncated');
  }
  u8(): number {
    this.need(1);
    return this.buf.readUInt8(this.offset++);
  }
  u16(): number {
    this.need(2);
    const v = this.buf.readUInt16BE(this.offset);
    this.offset += 2;
    return v;
  }
  u32(): number {
    this.need(4);
    const v = this.buf.readUInt32BE(this.offset);
    this.offset += 4;
    return v;
  }
  bytes(n: number): Buffer {
    this.need(n);
    const v = this.buf.subarray(this.offset, this.offset + n);
    this.offset += n;
    return v;
  }

  /** A possibly compressed name; the reader ends after the name's first pointer or terminator. */
  name(): string {
    const labels: string[] = [];
    let at = this.offset;
    let resumeAt: number | undefined;
    for (let jumps = 0; ; ) {
      if (at >= this.buf.length) throw new DnsFormatError('name runs past the message');
      const len = this.buf.readUInt8(at);
      if ((len & 0xc0) === 0xc0) {
        if (at + 1 >= this.buf.length) throw new DnsFormatError('name runs past the message');
        if (++jumps > 64) throw new DnsFormatError('compression loop');
        resumeAt ??= at + 2;
        at = ((len & 0x3f) << 8) | this.buf.readUInt8(at + 1);
        continue;
      }
      if (len & 0xc0) throw new DnsFormatError('unsupported label type');
      if (len === 0) {
        this.offset = resumeAt ?? at + 1;
        break;
      }
      if (at + 1 + len > this.buf.length) throw new DnsFormatError('label runs past the message');
      labels.push(this.buf.toString('latin1', at + 1, at + 1 + len));
      at += 1 + len;
    }
    const name = labels.join('.');
    if (name.length > 253) throw new DnsFormatError('name too long');
    return name;
  }
}

function decodeFlags(bits: number): DnsFlags {
  return {
    response: (bits & 0x8000) !== 0,
    opcode: (bits >> 11) & 0xf,
    authoritative: (bits & 0x0400) !== 0,
    truncated: (bits & 0x0200) !== 0,
    recursionDesired: (bits & 0x0100) !== 0,
    recursionAvailable: (bits & 0x0080) !== 0,
    rcode: bits & 0xf,
  };
}

function decodeRecord(r: Reader): ResourceRecord {
  const name = r.name();
  const type = r.u16();
  const cls = r.u16();
  const ttl = r.u32();
  const length = r.u16();
  r.need(length);
  const end = r.offset + length;
  let data: RecordData;
  switch (type) {
    case TYPE.A:
      data = { type: 'A', address: [...r.bytes(4)].join('.') };
      break;
    case TYPE.CNAME:
      data = { type: 'CNAME', target: r.name() };
      break;
    case TYPE.SRV:
      data = { type: 'SRV', priority: r.u16(), weight: r.u16(), port: r.u16(), target: r.name() };
      break;
    case TYPE.SOA:
      data = { type: 'SOA', mname: r.name(), rname: r.name(), serial: r.u32(), refresh: r.u32(), retry: r.u32(), expire: r.u32(), minimum: r.u32() };
      break;
    default:
      data = { type, rdata: Buffer.from(r.bytes(length)) };
  }
  if (r.offset !== end) throw new DnsFormatError(`record data of type ${type} has the wrong length`);
  return { name, class: cls, ttl, data };
}

export function decodeMessage(buf: Buffer): DnsMessage {
  const r = new Reader(buf);
  const id = r.u16();
  const flags = decodeFlags(r.u16());
  const counts = [r.u16(), r.u16(), r.u16(), r.u16()] as const;
  const questions: DnsQuestion[] = [];
  for (let i = 0; i < counts[0]; i++) questions.push({ name: r.name(), type: r.u16(), class: r.u16() });
  const records = (n: number) => Array.from({ length: n }, () => decodeRecord(r));
  return { id, flags, questions, answers: records(counts[1]), authorities: records(counts[2]), additionals: records(counts[3]) };
}

/** The id of a message that does not decode, so a FORMERR reply can still be matched to it. */
export function peekId(buf: Buffer): number | undefined {
  return buf.length >= 2 ? buf.readUInt16BE(0) : undefined;
}

// ---- encoding ----

class Writer {
  private chunks: Buffer[] = [];
  length = 0;
  /** lower-cased name suffix → offset of its first occurrence (pointers reach 14 bits) */
  private readonly names = new Map<string, number>();

  private push(b: Buffer): void {
    this.chunks.push(b);
    this.length += b.length;
  }
  u8(v: number): void {
    this.push(Buffer.of(v & 0xff));
  }
  u16(v: number): void {
    const b = Buffer.alloc(2);
    b.writeUInt16BE(v & 0xffff);
    this.push(b);
  }
  u32(v: number): void {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(v >>> 0);
    this.push(b);
  }
  bytes(b: Buffer): void {
    this.push(b);
  }

  name(name: string): void {
    const labels = name === '' ? [] : name.split('.');
    for (let i = 0; i < labels.length; i++) {
      const suffix = labels.slice(i).join('.').toLowerCase();
      const at = this.names.get(suffix);
      if (at !== undefined) {
        this.u16(0xc000 | at);
        return;
      }
      if (this.length < 0x4000) this.names.set(suffix, this.length);
      const label = Buffer.from(labels[i]!, 'latin1');
      if (label.length === 0 || label.length > 63) throw new DnsFormatError(`bad label in ${JSON.stringify(name)}`);
      this.u8(label.length);
      this.push(label);
    }
    this.u8(0);
  }

  /** Writes rdata behind a 16-bit length filled in afterwards. */
  sized(write: () => void): void {
    const lengthAt = this.chunks.length;
    this.u16(0);
    const start = this.length;
    write();
    this.chunks[lengthAt]!.writeUInt16BE(this.length - start);
  }

  finish(): Buffer {
    return Buffer.concat(this.chunks, this.length);
  }
}

function encodeFlags(f: DnsFlags): number {
  return (
    (f.response ? 0x8000 : 0) |
    ((f.opcode & 0xf) << 11) |
    (f.authoritative ? 0x0400 : 0) |
    (f.truncated ? 0x0200 : 0) |
    (f.recursionDesired ? 0x0100 : 0) |
    (f.recursionAvailable ? 0x0080 : 0) |
    (f.rcode & 0xf)
  );
}

function encodeRecord(w: Writer, rr: ResourceRecord): void {
  const data = rr.data;
  w.name(rr.name);
  w.u16(typeCode(data));
  w.u16(rr.class);
  w.u32(rr.ttl);
  w.sized(() => {
    if (typeof data.type === 'number') {
      w.bytes((data as { rdata: Buffer }).rdata);
      return;
    }
    switch (data.type) {
      case 'A':
        w.bytes(Buffer.from(data.address.split('.').map(Number)));
        return;
      case 'CNAME':
        w.name(data.target);
        return;
      case 'SRV':
        w.u16(data.priority);
        w.u16(data.weight);
        w.u16(data.port);
        w.name(data.target);
        return;
      case 'SOA':
        w.name(data.mname);
        w.name(data.rname);
        for (const v of [data.serial, data.refresh, data.retry, data.expire, data.minimum]) w.u32(v);
        return;
    }
  });
}

export function encodeMessage(msg: DnsMessage): Buffer {
  const w = new Writer();
  w.u16(msg.id);
  w.u16(encodeFlags(msg.flags));
  for (const n of [msg.questions.length, msg.answers.length, msg.authorities.length, msg.additionals.length]) w.u16(n);
  for (const q of msg.questions) {
    w.name(q.name);
    w.u16(q.type);
    w.u16(q.class);
  }
  for (const rr of [...msg.answers, ...msg.authorities, ...msg.additionals]) encodeRecord(w, rr);
  return w.finish();
}
