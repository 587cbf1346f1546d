'use strict';
// What an executable is, read from its own bytes as the OS's loader reads them: the tests check
// the binaries this machine cannot run this way, and no `file` command (whose wording differs
// between versions) is needed. Only 64-bit little-endian ELF, PE32+ and Mach-O, the formats of
// the native packages; anything else throws.

const crypto = require('node:crypto');

/** e_machine, PE Machine and Mach-O cputype, by the name npm's `cpu` (process.arch) uses. */
const CPUS = {
  ELF: { 62: 'x64', 183: 'arm64' },
  PE: { 0x8664: 'x64', 0xaa64: 'arm64' },
  'Mach-O': { 0x01000007: 'x64', 0x0100000c: 'arm64' },
};

function cString(bytes, offset) {
  return bytes.toString('latin1', offset, bytes.indexOf(0, offset));
}

/** { format, cpu, ... } of an executable's bytes; each format adds what its loader needs. */
function readHeader(bytes) {
  if (bytes.readUInt32BE(0) === 0x7f454c46) return elf(bytes);
  if (bytes.toString('latin1', 0, 2) === 'MZ') return pe(bytes);
  if (bytes.readUInt32LE(0) === 0xfeedfacf) return machO(bytes);
  throw new Error(`not an executable of the native packages' formats: ${bytes.subarray(0, 4).toString('hex')}`);
}

function cpuOf(format, code) {
  return CPUS[format][code] ?? `unknown (0x${code.toString(16)})`;
}

/** ELF: the CPU, and the dynamic loader it asks for (PT_INTERP), null for a static binary. */
function elf(bytes) {
  if (bytes[4] !== 2 || bytes[5] !== 1) throw new Error('ELF, but not 64-bit little-endian');
  const phoff = Number(bytes.readBigUInt64LE(32));
  const phentsize = bytes.readUInt16LE(54);
  const PT_INTERP = 3;
  let interpreter = null;
  for (let i = 0; i < bytes.readUInt16LE(56); i++) {
    const header = phoff + i * phentsize;
    if (bytes.readUInt32LE(header) !== PT_INTERP) continue;
    interpreter = cString(bytes, Number(bytes.readBigUInt64LE(header + 8)));
  }
  return { format: 'ELF', cpu: cpuOf('ELF', bytes.readUInt16LE(18)), interpreter };
}

/** PE32+: the CPU, the subsystem (3: console) and the DLLs of its import table. */
function pe(bytes) {
  const signature = bytes.readUInt32LE(0x3c);
  if (bytes.toString('latin1', signature, signature + 4) !== 'PE\0\0') throw new Error('MZ, but no PE header');
  const coff = signature + 4;
  const optional = coff + 20;
  if (bytes.readUInt16LE(optional) !== 0x20b) throw new Error('PE, but not PE32+');
  const sections = Array.from({ length: bytes.readUInt16LE(coff + 2) }, (_, i) => {
    const at = optional + bytes.readUInt16LE(coff + 16) + i * 40;
    const virtualAddress = bytes.readUInt32LE(at + 12);
    const size = Math.max(bytes.readUInt32LE(at + 8), bytes.readUInt32LE(at + 16));
    return { virtualAddress, end: virtualAddress + size, file: bytes.readUInt32LE(at + 20) };
  });
  const offset = (rva) => {
    const section = sections.find((s) => rva >= s.virtualAddress && rva < s.end);
    if (!section) throw new Error(`PE: address 0x${rva.toString(16)} is in no section`);
    return rva - section.virtualAddress + section.file;
  };
  // The import table is the second data directory; PE32+ puts the first at byte 112.
  const importTable = bytes.readUInt32LE(optional + 112 + 8);
  const dlls = [];
  for (let entry = offset(importTable); bytes.readUInt32LE(entry + 12) !== 0; entry += 20) {
    dlls.push(cString(bytes, offset(bytes.readUInt32LE(entry + 12))));
  }
  return { format: 'PE', cpu: cpuOf('PE', bytes.readUInt16LE(coff)), subsystem: bytes.readUInt16LE(optional + 68), dlls };
}

/** Mach-O: the CPU, the libraries it loads, the oldest macOS it runs on and its code signature. */
function machO(bytes) {
  const LC_LOAD_DYLIB = 0xc;
  const LC_LOAD_WEAK_DYLIB = 0x80000018;
  const LC_CODE_SIGNATURE = 0x1d;
  const LC_VERSION_MIN_MACOSX = 0x24;
  const LC_BUILD_VERSION = 0x32;
  const version = (v) => `${v >>> 16}.${(v >>> 8) & 0xff}`;
  const libraries = [];
  let minimumMacos = null;
  let signature = null;
  for (let i = 0, at = 32; i < bytes.readUInt32LE(16); i++, at += bytes.readUInt32LE(at + 4)) {
    const command = bytes.readUInt32LE(at);
    if (command === LC_LOAD_DYLIB || command === LC_LOAD_WEAK_DYLIB) libraries.push(cString(bytes, at + bytes.readUInt32LE(at + 8)));
    if (command === LC_BUILD_VERSION || command === LC_VERSION_MIN_MACOSX) minimumMacos = version(bytes.readUInt32LE(at + (command === LC_BUILD_VERSION ? 12 : 8)));
    if (command === LC_CODE_SIGNATURE) signature = codeSignature(bytes, bytes.readUInt32LE(at + 8), bytes.readUInt32LE(at + 12));
  }
  return { format: 'Mach-O', cpu: cpuOf('Mach-O', bytes.readUInt32LE(4)), libraries, minimumMacos, signature };
}

/** What macOS checks of a signature as it pages the program in: each CodeDirectory's hash of
 * every page from the file's start up to its code limit, which must reach the signature. */
function codeSignature(bytes, offset, size) {
  const blob = bytes.subarray(offset, offset + size);
  const CSMAGIC_EMBEDDED_SIGNATURE = 0xfade0cc0;
  const CSMAGIC_CODEDIRECTORY = 0xfade0c02;
  if (blob.readUInt32BE(0) !== CSMAGIC_EMBEDDED_SIGNATURE) throw new Error('Mach-O: LC_CODE_SIGNATURE points at no signature');
  const directories = [];
  for (let i = 0; i < blob.readUInt32BE(8); i++) {
    const directory = blob.subarray(blob.readUInt32BE(16 + i * 8));
    if (directory.readUInt32BE(0) !== CSMAGIC_CODEDIRECTORY) continue;
    const hashOffset = directory.readUInt32BE(16);
    const pages = directory.readUInt32BE(28);
    const codeLimit = directory.readUInt32BE(32);
    const [hashSize, hashType, , pageShift] = directory.subarray(36, 40);
    const algorithm = { 1: 'sha1', 2: 'sha256' }[hashType];
    if (!algorithm) throw new Error(`Mach-O: a CodeDirectory with hash type ${hashType}`);
    const mismatchedPages = [];
    for (let page = 0; page < pages; page++) {
      const start = page << pageShift;
      const hash = crypto.createHash(algorithm).update(bytes.subarray(start, Math.min(start + (1 << pageShift), codeLimit)));
      const stored = directory.subarray(hashOffset + page * hashSize, hashOffset + (page + 1) * hashSize);
      if (!hash.digest().subarray(0, hashSize).equals(stored)) mismatchedPages.push(page);
    }
    const coversEveryPage = pages === Math.ceil(codeLimit / (1 << pageShift));
    directories.push({ codeLimit, coversEveryPage, mismatchedPages });
  }
  return { offset, directories };
}

module.exports = { readHeader };
