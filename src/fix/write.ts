/**
 * Writing a fixed spec: atomically (a temporary file in the same directory, then a rename over the file), so
 * an interrupted `--fix` leaves either the old text or the new, never half of one. The file's mode and a
 * leading byte-order mark are kept; a symbolic link is followed (the file it points to is replaced, the link
 * stays).
 */
import { closeSync, fsyncSync, openSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';

export function writeFileAtomic(path: string, text: string): void {
  const target = realpathSync(path);
  const st = statSync(target);
  let bom = '';
  try {
    const head = readFileSync(target).subarray(0, 3);
    if (head.length === 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) bom = '\uFEFF';
  } catch {
    // unreadable now: written without one
  }
  const tmp = join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let fd: number | null = null;
  try {
    fd = openSync(tmp, 'wx', st.mode & 0o7777);
    writeSync(fd, bom + text);
    fsyncSync(fd);
    closeSync(fd);
    fd = null;
    renameSync(tmp, target);
  } catch (err) {
    if (fd !== null) closeSync(fd);
    rmSync(tmp, { force: true });
    throw err;
  }
}
