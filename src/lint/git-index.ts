/**
 * Reads git's index file (`.git/index`, or $GIT_INDEX_FILE) directly: what `git ls-files -s` lists, without
 * starting git. A pre-commit run of `spec lint --staged` needs the staged blob id of every spec; spawning git
 * and parsing its text costs more than the rest of the selection.
 *
 * The format (gitformat-index(5)): a 12-byte header (`DIRC`, version 2, 3 or 4, entry count), the entries
 * sorted by path, then extensions and a checksum. An entry is ten 32-bit fields (ctime, mtime, dev, ino,
 * mode, uid, gid, size), the object id (20 bytes, or 32 in a SHA-256 repository), 16 bits of flags (assume
 * valid, extended, 2-bit stage, 12-bit name length), 16 more bits of flags when extended (version 3 and
 * later), and the path, NUL-terminated: padded with NULs to a multiple of 8 bytes in versions 2 and 3,
 * prefix-compressed (a varint of bytes to drop from the previous path, then the rest) in version 4.
 *
 * Anything this reader does not fully understand gives null, and the caller asks git: another version, a
 * split index (`link` extension: entries live in a shared file too), a sparse index (`sdir`: directories
 * stand for their files), an entry that does not parse with either object-id length, a truncated file.
 */
import { readFileSync } from 'node:fs';

export interface IndexEntry {
  path: string;
  /** The object id, hex. */
  oid: string;
  /** 0 for a normal entry, 1–3 for the sides of a conflict. */
  stage: number;
  /** The file mode (0o100644, 0o100755, 0o120000 for a symlink, 0o160000 for a submodule). */
  mode: number;
}

/** An index file's entries, by position; object ids are made hex only when asked for (most never are). */
export interface GitIndex {
  paths: string[];
  stages: Uint8Array;
  modes: Uint32Array;
  /** The object id of entry `i`, hex. */
  oid(i: number): string;
}

/** The entries as a list (tests, and callers that want them all). */
export function indexEntryList(index: GitIndex): IndexEntry[] {
  return index.paths.map((path, i) => ({ path, oid: index.oid(i), stage: index.stages[i]!, mode: index.modes[i]! }));
}

const SIGNATURE = 0x44495243; // "DIRC"
const NON_ASCII = /[^\x00-\x7f]/;

/** The entries of an index file, in its order; null when it cannot be read or is not fully understood. */
export function readGitIndex(file: string): GitIndex | null {
  let buf: Buffer;
  try {
    buf = readFileSync(file);
  } catch {
    return null;
  }
  if (buf.length < 12 || buf.readUInt32BE(0) !== SIGNATURE) return null;
  const version = buf.readUInt32BE(4);
  if (version !== 2 && version !== 3 && version !== 4) return null;
  const count = buf.readUInt32BE(8);
  // the object id length is not in the file: take the one every entry parses with
  return parseEntries(buf, version, count, 20) ?? parseEntries(buf, version, count, 32);
}

function parseEntries(buf: Buffer, version: number, count: number, oidLength: number): GitIndex | null {
  if (count > (buf.length - 12) / (42 + oidLength)) return null;
  const paths: string[] = new Array(count);
  const stages = new Uint8Array(count);
  const modes = new Uint32Array(count);
  const oidAt = new Uint32Array(count);
  const checksum = oidLength; // the trailing hash has the object id's length
  const limit = buf.length - checksum;
  // one decode of the whole file, sliced per entry (paths and object ids are substrings of these): far
  // cheaper than a Buffer call per field for thousands of entries
  const text = buf.toString('latin1');
  const u16 = (at: number) => (buf[at]! << 8) | buf[at + 1]!;
  let pos = 12;
  let previous = '';
  for (let i = 0; i < count; i++) {
    const start = pos;
    const flagsAt = start + 40 + oidLength;
    if (flagsAt + 2 > limit) return null;
    const modeHigh = u16(start + 24);
    const mode = modeHigh * 65536 + u16(start + 26);
    const flags = u16(flagsAt);
    const extended = (flags & 0x4000) !== 0;
    if (extended && version < 3) return null;
    const stage = (flags >> 12) & 3;
    const nameLength = flags & 0xfff;
    let p = flagsAt + 2 + (extended ? 2 : 0);
    let path: string;
    let bytes: number;
    if (version === 4) {
      // varint (git's offset encoding): bytes to drop from the end of the previous path
      let drop = 0;
      let b: number;
      let n = 0;
      do {
        if (p >= limit) return null;
        b = buf[p++]!;
        drop = n === 0 ? b & 0x7f : ((drop + 1) << 7) | (b & 0x7f);
        n++;
        if (n > 5) return null;
      } while (b & 0x80);
      if (drop > previous.length) return null;
      const nul = text.indexOf('\0', p);
      if (nul < 0 || nul >= limit) return null;
      path = previous.slice(0, previous.length - drop) + text.slice(p, nul);
      bytes = path.length; // latin1: a character per byte
      pos = nul + 1;
    } else {
      const nul = text.indexOf('\0', p);
      if (nul < 0 || nul >= limit) return null;
      path = text.slice(p, nul);
      bytes = nul - p;
      // 1–8 NULs so that the entry's length is a multiple of 8
      pos = start + ((nul - start + 8) & ~7);
      if (pos > limit) return null;
      for (let z = nul; z < pos; z++) if (buf[z] !== 0) return null;
    }
    if (nameLength !== 0xfff ? bytes !== nameLength : bytes < 0xfff) return null;
    if (bytes === 0 || (mode & 0o170000) === 0o040000) return null; // a sparse directory entry
    previous = path;
    // the path is bytes (UTF-8 by git's convention); decoded as latin1 above, right only when all are ASCII
    paths[i] = NON_ASCII.test(path) ? Buffer.from(path, 'latin1').toString('utf8') : path;
    stages[i] = stage;
    modes[i] = mode;
    oidAt[i] = start + 40;
  }
  // extensions: a 4-byte signature and a 32-bit size each, up to the checksum
  while (pos + 8 <= limit) {
    const sig = buf.toString('latin1', pos, pos + 4);
    const size = buf.readUInt32BE(pos + 4);
    // an extension git must understand (lower case: `link` for a split index, `sdir` for a sparse one)
    if (!/^[A-Z]/.test(sig)) return null;
    pos += 8 + size;
  }
  if (pos !== limit) return null;
  return { paths, stages, modes, oid: (i) => buf.toString('hex', oidAt[i]!, oidAt[i]! + oidLength) };
}
