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

const SIGNATURE = 0x44495243; // "DIRC"

/** The entries of an index file, in its order; null when it cannot be read or is not fully understood. */
export function readGitIndex(file: string): IndexEntry[] | null {
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

function parseEntries(buf: Buffer, version: number, count: number, oidLength: number): IndexEntry[] | null {
  const out: IndexEntry[] = [];
  const checksum = oidLength; // the trailing hash has the object id's length
  let pos = 12;
  let previous: Buffer = Buffer.alloc(0);
  for (let i = 0; i < count; i++) {
    const start = pos;
    const flagsAt = start + 40 + oidLength;
    if (flagsAt + 2 > buf.length - checksum) return null;
    const mode = buf.readUInt32BE(start + 24);
    const flags = buf.readUInt16BE(flagsAt);
    const extended = (flags & 0x4000) !== 0;
    if (extended && version < 3) return null;
    const stage = (flags >> 12) & 3;
    const nameLength = flags & 0xfff;
    let p = flagsAt + 2 + (extended ? 2 : 0);
    let pathBytes: Buffer;
    if (version === 4) {
      // varint (git's offset encoding): bytes to drop from the end of the previous path
      let drop = 0;
      let b: number;
      let n = 0;
      do {
        if (p >= buf.length) return null;
        b = buf[p++]!;
        drop = n === 0 ? b & 0x7f : ((drop + 1) << 7) | (b & 0x7f);
        n++;
        if (n > 5) return null;
      } while (b & 0x80);
      if (drop > previous.length) return null;
      const nul = buf.indexOf(0, p);
      if (nul < 0 || nul >= buf.length - checksum) return null;
      pathBytes = Buffer.concat([previous.subarray(0, previous.length - drop), buf.subarray(p, nul)]);
      pos = nul + 1;
    } else {
      const nul = buf.indexOf(0, p);
      if (nul < 0 || nul >= buf.length - checksum) return null;
      pathBytes = buf.subarray(p, nul);
      // 1–8 NULs so that the entry's length is a multiple of 8
      pos = start + ((nul - start + 8) & ~7);
      if (pos > buf.length - checksum) return null;
      for (let z = nul; z < pos; z++) if (buf[z] !== 0) return null;
    }
    if (nameLength !== 0xfff ? pathBytes.length !== nameLength : pathBytes.length < 0xfff) return null;
    if (pathBytes.length === 0 || (mode & 0o170000) === 0o040000) return null; // a sparse directory entry
    out.push({ path: pathBytes.toString('utf8'), oid: buf.toString('hex', start + 40, start + 40 + oidLength), stage, mode });
    previous = pathBytes;
  }
  // extensions: a 4-byte signature and a 32-bit size each, up to the checksum
  while (pos + 8 <= buf.length - checksum) {
    const sig = buf.toString('latin1', pos, pos + 4);
    const size = buf.readUInt32BE(pos + 4);
    // an extension git must understand (lower case: `link` for a split index, `sdir` for a sparse one)
    if (!/^[A-Z]/.test(sig)) return null;
    pos += 8 + size;
  }
  return pos === buf.length - checksum ? out : null;
}
