// Walks the Go runtime type data (abi.Type, Go 1.2x amd64 layout) of a Go binary and returns
// every named struct of the given packages with its fields: name, struct tag, and whether the
// field is a pointer. Kubernetes' protobuf encoding cannot tell a nil pointer from a zero value
// of a non-pointer field apart from this (both are "encoded when set"), and Go's JSON rules
// (omitempty, inline) live only in the struct tags, so the decoder needs both.
const KIND = { array: 17, chan: 18, func: 19, interface: 20, map: 21, ptr: 22, slice: 23, struct: 25 };
// Size of each kind's abi type header, where its uncommonType (package path, methods) follows.
const HEADER_SIZE = { [KIND.ptr]: 56, [KIND.slice]: 56, [KIND.array]: 72, [KIND.chan]: 64, [KIND.map]: 88, [KIND.struct]: 80, [KIND.func]: 56, [KIND.interface]: 80 };
const TFLAG_UNCOMMON = 1;
const TFLAG_EXTRA_STAR = 2;

export function goStructs(elf, wantPackage) {
  const { bin } = elf;
  const types = elf.section('.rodata').addr; // moduledata.types: type offsets are relative to it
  const typelinks = elf.section('.typelink');
  const at = (va) => elf.fileOffset(va);
  const u64 = (va) => Number(bin.readBigUInt64LE(at(va)));
  const i32 = (va) => bin.readInt32LE(at(va));
  const kind = (t) => bin[at(t + 23)] & 0x1f;
  const tflag = (t) => bin[at(t + 20)];

  function varint(o) {
    let v = 0;
    let shift = 0;
    let b;
    do {
      b = bin[o++];
      v |= (b & 0x7f) << shift;
      shift += 7;
    } while (b & 0x80);
    return [v, o];
  }
  /** abi.Name: flags byte, varint length, bytes, then (flag 2) a varint-prefixed tag. */
  function nameAt(va) {
    const o = at(va);
    const flags = bin[o];
    const [len, p] = varint(o + 1);
    const name = bin.toString('latin1', p, p + len);
    let tag = '';
    if (flags & 2) {
      const [tagLen, q] = varint(p + len);
      tag = bin.toString('latin1', q, q + tagLen);
    }
    return { name, tag };
  }
  function typeString(t) {
    const s = nameAt(types + i32(t + 40)).name;
    return tflag(t) & TFLAG_EXTRA_STAR ? s.slice(1) : s;
  }

  const out = new Map();
  const seen = new Set();
  const stack = [];
  for (let o = typelinks.offset; o < typelinks.offset + typelinks.size; o += 4) stack.push(types + bin.readInt32LE(o));
  while (stack.length) {
    const t = stack.pop();
    if (!t || seen.has(t)) continue;
    seen.add(t);
    const k = kind(t);
    const ptrToThis = i32(t + 44);
    if (ptrToThis) stack.push(types + ptrToThis);
    const header = HEADER_SIZE[k] ?? 48;
    let pkgPath = '';
    if (tflag(t) & TFLAG_UNCOMMON) {
      const u = t + header;
      pkgPath = nameAt(types + i32(u)).name;
      const methods = bin.readUInt16LE(at(u + 4));
      const moff = bin.readUInt32LE(at(u + 8));
      for (let i = 0; i < methods; i++) {
        const mtyp = i32(u + moff + i * 16 + 4);
        if (mtyp > 0) stack.push(types + mtyp);
      }
    }
    if (k === KIND.ptr || k === KIND.slice || k === KIND.array || k === KIND.chan) stack.push(u64(t + 48));
    else if (k === KIND.map) stack.push(u64(t + 48), u64(t + 56));
    else if (k === KIND.func) {
      const params = bin.readUInt16LE(at(t + 48)) + (bin.readUInt16LE(at(t + 50)) & 0x7fff);
      const p = t + 56 + (tflag(t) & TFLAG_UNCOMMON ? 16 : 0);
      for (let i = 0; i < params; i++) stack.push(u64(p + 8 * i));
    } else if (k === KIND.struct) {
      const fieldsPtr = u64(t + 56);
      const fieldCount = u64(t + 64);
      const fields = [];
      for (let i = 0; i < fieldCount; i++) {
        const f = fieldsPtr + i * 24;
        const { name, tag } = nameAt(u64(f));
        const ft = u64(f + 8);
        stack.push(ft);
        fields.push({ name, tag, pointer: kind(ft) === KIND.ptr, goType: typeString(ft) });
      }
      if (pkgPath && wantPackage(pkgPath)) out.set(`${pkgPath}.${typeString(t).split('.').pop()}`, fields);
    }
  }
  return out;
}
