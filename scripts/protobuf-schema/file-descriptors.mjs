// Finds the gzipped FileDescriptorProtos that gogo-protobuf code registers in a Go binary
// (kubectl 1.32 carries one per k8s.io generated.proto) and decodes the parts we need:
// messages with their fields (number, label, type, type name) and map-entry markers.
import { gunzipSync } from 'node:zlib';

const GZIP_MAGIC = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00]);

/** One protobuf message as [fieldNumber, wireType, value] triples (value: number | Buffer). */
function* wireFields(buf) {
  let i = 0;
  const varint = () => {
    let v = 0n;
    let shift = 0n;
    let b;
    do {
      b = buf[i++];
      v |= BigInt(b & 0x7f) << shift;
      shift += 7n;
    } while (b & 0x80);
    return v;
  };
  while (i < buf.length) {
    const key = Number(varint());
    const wire = key & 7;
    if (wire === 0) yield [key >>> 3, 0, Number(varint())];
    else if (wire === 2) {
      const len = Number(varint());
      yield [key >>> 3, 2, buf.subarray(i, i + len)];
      i += len;
    } else if (wire === 1) i += 8;
    else if (wire === 5) i += 4;
    else throw new Error(`descriptor: wire type ${wire}`);
  }
}

function decodeField(buf) {
  const f = { name: '', number: 0, label: 1, type: 0, typeName: '' };
  for (const [n, , v] of wireFields(buf)) {
    if (n === 1) f.name = v.toString();
    else if (n === 3) f.number = v;
    else if (n === 4) f.label = v;
    else if (n === 5) f.type = v;
    else if (n === 6) f.typeName = v.toString().replace(/^\./, '');
  }
  return f;
}

function decodeMessage(buf, scope, into) {
  const m = { name: '', fields: [], mapEntry: false };
  const nested = [];
  for (const [n, , v] of wireFields(buf)) {
    if (n === 1) m.name = v.toString();
    else if (n === 2) m.fields.push(decodeField(v));
    else if (n === 3) nested.push(v);
    else if (n === 7) for (const [o, , ov] of wireFields(v)) if (o === 7) m.mapEntry = ov === 1;
  }
  const fullName = `${scope}.${m.name}`;
  into.set(fullName, m);
  for (const n of nested) decodeMessage(n, fullName, into);
}

function decodeFile(buf) {
  let name = '';
  let pkg = '';
  const messages = [];
  for (const [n, , v] of wireFields(buf)) {
    if (n === 1) name = v.toString();
    else if (n === 2) pkg = v.toString();
    else if (n === 4) messages.push(v);
  }
  return { name, pkg, messages };
}

function gunzipPrefix(bin, start) {
  // The stream's end is unknown; inflate from the magic and stop at the gzip trailer.
  try {
    return gunzipSync(bin.subarray(start, start + 4 * 1024 * 1024), { finishFlush: 2 /* Z_SYNC_FLUSH */ });
  } catch {
    return undefined;
  }
}

/** Every message of the wanted .proto files, by full name ("k8s.io.api.core.v1.Pod"). */
export function protoMessages(bin, wantFile) {
  const messages = new Map();
  const files = new Set();
  for (let i = bin.indexOf(GZIP_MAGIC); i >= 0; i = bin.indexOf(GZIP_MAGIC, i + 1)) {
    const raw = gunzipPrefix(bin, i);
    if (!raw || raw[0] !== 0x0a) continue;
    let file;
    try {
      file = decodeFile(raw);
    } catch {
      continue;
    }
    if (!wantFile(file.name) || files.has(file.name)) continue;
    files.add(file.name);
    for (const m of file.messages) decodeMessage(m, file.pkg, messages);
  }
  return { messages, files: [...files].sort() };
}
