// Reads a little-endian ELF64 executable (a Go binary such as kubectl): its sections and a
// virtual-address → file-offset mapping, which the Go type walker needs to follow pointers.
export function openElf(bin) {
  const shoff = Number(bin.readBigUInt64LE(0x28));
  const shentsize = bin.readUInt16LE(0x3a);
  const shnum = bin.readUInt16LE(0x3c);
  const shstrndx = bin.readUInt16LE(0x3e);
  const phoff = Number(bin.readBigUInt64LE(0x20));
  const phentsize = bin.readUInt16LE(0x36);
  const phnum = bin.readUInt16LE(0x38);
  if (bin.readUInt32BE(0) !== 0x7f454c46 || bin[4] !== 2 || bin[5] !== 1) throw new Error('not a little-endian ELF64 file');

  const sections = [];
  for (let i = 0; i < shnum; i++) {
    const o = shoff + i * shentsize;
    sections.push({ nameOffset: bin.readUInt32LE(o), addr: Number(bin.readBigUInt64LE(o + 16)), offset: Number(bin.readBigUInt64LE(o + 24)), size: Number(bin.readBigUInt64LE(o + 32)) });
  }
  const names = sections[shstrndx];
  for (const s of sections) {
    const start = names.offset + s.nameOffset;
    s.name = bin.toString('latin1', start, bin.indexOf(0, start));
  }
  const segments = [];
  for (let i = 0; i < phnum; i++) {
    const o = phoff + i * phentsize;
    if (bin.readUInt32LE(o) === 1 /* PT_LOAD */) {
      segments.push({ offset: Number(bin.readBigUInt64LE(o + 8)), vaddr: Number(bin.readBigUInt64LE(o + 16)), filesz: Number(bin.readBigUInt64LE(o + 32)) });
    }
  }
  return {
    bin,
    section(name) {
      const s = sections.find((x) => x.name === name);
      if (!s) throw new Error(`no ${name} section (is this a Go binary?)`);
      return s;
    },
    fileOffset(vaddr) {
      for (const s of segments) if (vaddr >= s.vaddr && vaddr < s.vaddr + s.filesz) return vaddr - s.vaddr + s.offset;
      throw new Error(`address 0x${vaddr.toString(16)} is not in the file`);
    },
  };
}
