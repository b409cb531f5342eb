/**
 * Where `spec` keeps what belongs to one user and no one else: the V8 code caches (src/code/compile-cache.ts)
 * and the resident process's socket (src/resident/). A small module with no dependency beyond `node:fs`,
 * `node:os` and `node:path`, because bin/spec's resident-process client (dist/resident/client.cjs) needs it
 * before anything else loads. The places are listed in compile-cache.ts's module comment.
 */
import { mkdirSync, statSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';

/** The per-user cache directory of `spec`, or null when there is none to use. */
export function userCacheDir(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.SPEC_CACHE_DIR) return env.SPEC_CACHE_DIR;
  let home = '';
  try {
    home = homedir();
  } catch {
    home = '';
  }
  if (process.platform === 'win32') {
    const local = env.LOCALAPPDATA || (home ? join(home, 'AppData', 'Local') : '');
    return local ? join(local, 'spec', 'Cache') : null;
  }
  if (process.platform === 'darwin' && home) return join(home, 'Library', 'Caches', 'spec');
  if (env.XDG_CACHE_HOME && env.XDG_CACHE_HOME.startsWith('/')) return join(env.XDG_CACHE_HOME, 'spec');
  if (home && home !== '/') return join(home, '.cache', 'spec');
  const uid = typeof process.getuid === 'function' ? process.getuid() : null;
  return uid === null ? null : join(tmpdir(), `spec-cache-${uid}`);
}

/**
 * Creates the directory (owner-only) when it is missing, and says whether it is this user's and no one else
 * can write to it: code and sockets are trusted only from such a directory.
 */
export function usableDir(dir: string): boolean {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (process.platform === 'win32') return true;
    const st = statSync(dir);
    if (!st.isDirectory()) return false;
    const uid = typeof process.getuid === 'function' ? process.getuid() : st.uid;
    return st.uid === uid && (st.mode & 0o022) === 0;
  } catch {
    return false;
  }
}
