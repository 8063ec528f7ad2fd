// Protobuf wire format: the (field number, wire type, value) records of one message. Every
// read is bounds-checked so a truncated or corrupt body becomes a ProtobufDecodeError, never
// an out-of-range read or an endless loop.

export class ProtobufDecodeError extends Error {}

export const WireType = { varint: 0, fixed64: 1, bytes: 2, fixed32: 5 } as const;

export interface WireField {
  number: number;
  wireType: number;
  /** varint: the raw unsigned 64-bit value; fixed32/64 and bytes: the bytes. */
  varint: bigint;
  bytes: Buffer;
}

const EMPTY = Buffer.alloc(0);

/** One varint at pos: its unsigned 64-bit value and the position after it. */
export function readVarint(buf: Buffer, pos: number): [bigint, number] {
  let value = 0n;
  for (let shift = 0n; shift < 70n; shift += 7n) {
    if (pos >= buf.length) throw new ProtobufDecodeError('unexpected end of data in a varint');
    const b = buf[pos++]!;
    value |= BigInt(b & 0x7f) << shift;
    if (!(b & 0x80)) return [BigInt.asUintN(64, value), pos];
  }
  throw new ProtobufDecodeError('varint longer than 10 bytes');
}

export function* wireFields(buf: Buffer): Generator<WireField> {
  let pos = 0;
  const varint = (): bigint => {
    const [value, next] = readVarint(buf, pos);
    pos = next;
    return value;
  };
  const take = (len: number): Buffer => {
    if (len < 0 || pos + len > buf.length) throw new ProtobufDecodeError(`field length ${len} runs past the end of the data`);
    const out = buf.subarray(pos, pos + len);
    pos += len;
    return out;
  };
  while (pos < buf.length) {
    const key = varint();
    const number = Number(key >> 3n);
    const wireType = Number(key & 7n);
    if (number === 0) throw new ProtobufDecodeError('field number 0 is not allowed');
    switch (wireType) {
      case WireType.varint:
        yield { number, wireType, varint: varint(), bytes: EMPTY };
        break;
      case WireType.fixed64:
        yield { number, wireType, varint: 0n, bytes: take(8) };
        break;
      case WireType.bytes:
        yield { number, wireType, varint: 0n, bytes: take(Number(varint())) };
        break;
      case WireType.fixed32:
        yield { number, wireType, varint: 0n, bytes: take(4) };
        break;
      default:
        throw new ProtobufDecodeError(`unsupported wire type ${wireType} (field ${number})`);
    }
  }
}

/** The elements of a packed repeated scalar field (one length-delimited record). */
export function* packedElements(number: number, wireType: number, bytes: Buffer): Generator<WireField> {
  let pos = 0;
  while (pos < bytes.length) {
    if (wireType === WireType.varint) {
      const [value, next] = readVarint(bytes, pos);
      pos = next;
      yield { number, wireType, varint: value, bytes: EMPTY };
    } else {
      const size = wireType === WireType.fixed64 ? 8 : 4;
      if (pos + size > bytes.length) throw new ProtobufDecodeError('truncated packed field');
      yield { number, wireType, varint: 0n, bytes: bytes.subarray(pos, pos + size) };
      pos += size;
    }
  }
}
