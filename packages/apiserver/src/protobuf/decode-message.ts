// Decodes one protobuf message into the JSON object Kubernetes' Go types would marshal it to,
// driven by the generated schema: JSON field names, Go's omitempty/pointer/inline rules,
// repeated → arrays, map<> → objects, bytes → base64, and the apimachinery types with their
// own JSON form (well-known-json.ts).
import { MESSAGES } from './schema.generated.js';
import { FieldFlag } from './schema-types.js';
import type { FieldSchema } from './schema-types.js';
import { WELL_KNOWN_JSON } from './well-known-json.js';
import { ProtobufDecodeError, WireType, packedElements, wireFields } from './wire-reader.js';
import type { WireField } from './wire-reader.js';

type Json = Record<string, unknown>;
const MAX_DEPTH = 64;

const SCALAR_WIRE: Readonly<Record<string, number>> = {
  string: WireType.bytes, bytes: WireType.bytes, bool: WireType.varint,
  int32: WireType.varint, int64: WireType.varint, uint32: WireType.varint, uint64: WireType.varint,
  double: WireType.fixed64, float: WireType.fixed32,
};

function scalarValue(type: string, f: WireField): unknown {
  switch (type) {
    case 'string': return f.bytes.toString('utf8');
    case 'bytes': return Buffer.from(f.bytes);
    case 'bool': return f.varint !== 0n;
    case 'int32': return Number(BigInt.asIntN(32, f.varint));
    case 'uint32': return Number(BigInt.asUintN(32, f.varint));
    case 'int64': return Number(BigInt.asIntN(64, f.varint));
    case 'uint64': return Number(f.varint);
    case 'double': return f.bytes.readDoubleLE(0);
    case 'float': return f.bytes.readFloatLE(0);
    default: throw new ProtobufDecodeError(`unknown scalar type ${type}`);
  }
}

function isZero(v: unknown): boolean {
  return v === '' || v === 0 || v === false || (Buffer.isBuffer(v) && v.length === 0);
}

/** bytes become base64 strings, as Go's encoding/json writes []byte. */
function toJson(v: unknown): unknown {
  return Buffer.isBuffer(v) ? v.toString('base64') : v;
}

function mapTypes(type: string): [string, string] | undefined {
  if (!type.startsWith('map<')) return undefined;
  const comma = type.indexOf(',');
  return [type.slice(4, comma), type.slice(comma + 1, -1)];
}

function decodeValue(type: string, f: WireField, path: string, depth: number): unknown {
  if (type in SCALAR_WIRE) return scalarValue(type, f);
  return decodeMessage(type, f.bytes, path, depth + 1);
}

function checkWire(type: string, f: WireField, path: string): void {
  const expected = SCALAR_WIRE[type] ?? WireType.bytes;
  if (f.wireType !== expected) throw new ProtobufDecodeError(`${path}: wire type ${f.wireType}, expected ${expected} for ${type}`);
}

/** Repeated scalars may come packed (one length-delimited record) or one record per element. */
function repeatedElements(type: string, f: WireField): Iterable<WireField> {
  const wire = SCALAR_WIRE[type];
  if (wire === undefined || wire === WireType.bytes || f.wireType !== WireType.bytes) return [f];
  return packedElements(f.number, wire, f.bytes);
}

function decodeMapEntry(keyType: string, valueType: string, entry: Buffer, path: string, depth: number): [string, unknown] {
  let key: unknown = '';
  let value: unknown;
  for (const f of wireFields(entry)) {
    if (f.number === 1) {
      checkWire(keyType, f, path);
      key = scalarValue(keyType, f);
    } else if (f.number === 2) {
      checkWire(valueType, f, path);
      value = decodeValue(valueType, f, `${path}[${String(key)}]`, depth);
    }
  }
  if (value === undefined) value = valueType in SCALAR_WIRE ? (valueType === 'bytes' ? Buffer.alloc(0) : valueType === 'string' ? '' : 0) : decodeMessage(valueType, Buffer.alloc(0), path, depth + 1);
  return [String(key), toJson(value)];
}

export function decodeMessage(name: string, buf: Buffer, path = name.slice(name.lastIndexOf('.') + 1), depth = 0): unknown {
  if (depth > MAX_DEPTH) throw new ProtobufDecodeError(`${path}: messages nested too deeply`);
  const schema = MESSAGES[name];
  if (!schema) throw new ProtobufDecodeError(`${path}: no schema for message ${name}`);
  const byNumber = new Map<number, FieldSchema>(schema.map((f) => [f[0], f]));
  const values = new Map<number, unknown>();
  for (const f of wireFields(buf)) {
    const field = byNumber.get(f.number);
    if (!field) continue; // unknown fields are dropped, as Go's generated code does
    const [, jsonName, type, flags] = field;
    const fieldPath = `${path}.${jsonName || type.slice(type.lastIndexOf('.') + 1)}`;
    const map = mapTypes(type);
    if (map) {
      checkWire('map', f, fieldPath);
      const obj = (values.get(f.number) as Json | undefined) ?? {};
      const [k, v] = decodeMapEntry(map[0], map[1], f.bytes, fieldPath, depth);
      obj[k] = v;
      values.set(f.number, obj);
    } else if (flags & FieldFlag.repeated) {
      const list = (values.get(f.number) as unknown[] | undefined) ?? [];
      for (const element of repeatedElements(type, f)) {
        checkWire(type, element, fieldPath);
        list.push(toJson(decodeValue(type, element, `${fieldPath}[${list.length}]`, depth)));
      }
      values.set(f.number, list);
    } else {
      checkWire(type, f, fieldPath);
      values.set(f.number, decodeValue(type, f, fieldPath, depth));
    }
  }
  const wellKnown = WELL_KNOWN_JSON[name];
  if (wellKnown) {
    const byName: Json = {};
    for (const [number, v] of values) byName[byNumber.get(number)![1]] = v;
    try {
      return wellKnown(byName, buf.length);
    } catch (err) {
      throw new ProtobufDecodeError(`${path}: ${(err as Error).message}`);
    }
  }
  const out: Json = {};
  for (const [number, jsonName, type, flags] of schema) {
    if (!values.has(number)) continue;
    const v = values.get(number);
    const scalar = type in SCALAR_WIRE;
    // Go encodes a non-pointer field even at its zero value; omitempty then drops it from JSON.
    if (scalar && !(flags & FieldFlag.pointer) && flags & FieldFlag.omitempty && !(flags & FieldFlag.repeated) && isZero(v)) continue;
    if (flags & FieldFlag.inline && v && typeof v === 'object') Object.assign(out, v);
    else out[jsonName] = toJson(v);
  }
  return out;
}
