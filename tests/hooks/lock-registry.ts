/**
 * A package registry on 127.0.0.1 that knows exactly the packages of package-lock.json: for each, a
 * packument listing the locked versions, with their locked integrity, and the tarballs themselves, read
 * from npm's own cache (filled by `npm ci`) by that integrity. The install tests thus run npm's real
 * resolution (a global install from git, a tarball install, pre-commit's installs) and never reach the
 * network. A tarball missing from the cache is answered 404, naming the package, rather than fetched.
 */
import { execFileSync, spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';

interface LockEntry {
  version?: string;
  resolved?: string;
  integrity?: string;
  link?: boolean;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, unknown>;
  engines?: Record<string, string>;
  os?: string[];
  cpu?: string[];
  bin?: Record<string, string> | string;
  license?: string;
}

export interface LockRegistry {
  url: string;
  /** Tarballs npm asked for (a cache miss each). */
  misses: string[];
  close(): Promise<void>;
}

/** npm's cache directory (`npm config get cache`). */
function npmCacheDir(): string {
  return execFileSync('npm', ['config', 'get', 'cache'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
}

/** The file holding a tarball in npm's content-addressed cache (cacache's `content-v2/<algorithm>/<hex>` layout), or null. */
function cachedContent(cacheDir: string, integrity: string): string | null {
  for (const sri of integrity.split(/\s+/)) {
    const m = /^(sha\d+)-(.+)$/.exec(sri);
    if (!m) continue;
    const hex = Buffer.from(m[2]!, 'base64').toString('hex');
    const file = join(cacheDir, '_cacache', 'content-v2', m[1]!, hex.slice(0, 2), hex.slice(2, 4), hex.slice(4));
    if (existsSync(file)) return file;
  }
  return null;
}

export async function startLockRegistry(lockFile: string): Promise<LockRegistry> {
  const cacheDir = npmCacheDir();
  const lock = JSON.parse(readFileSync(lockFile, 'utf8')) as { packages: Record<string, LockEntry> };
  const byName = new Map<string, Map<string, LockEntry>>();
  for (const [key, entry] of Object.entries(lock.packages)) {
    const at = key.lastIndexOf('node_modules/');
    if (at === -1 || entry.link || !entry.version || !entry.integrity) continue;
    const name = key.slice(at + 'node_modules/'.length);
    if (!byName.has(name)) byName.set(name, new Map());
    byName.get(name)!.set(entry.version, entry);
  }
  const misses: string[] = [];
  let base = '';
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent((req.url ?? '/').split('?')[0]!.slice(1));
    if (path.startsWith('-/tarball/')) {
      const rest = path.slice('-/tarball/'.length);
      const at = rest.lastIndexOf('/');
      const entry = byName.get(rest.slice(0, at))?.get(rest.slice(at + 1));
      const file = entry?.integrity ? cachedContent(cacheDir, entry.integrity) : null;
      if (!file) {
        misses.push(rest);
        res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: `not in the npm cache: ${rest}` }));
        return;
      }
      res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(readFileSync(file));
      return;
    }
    const versions = byName.get(path);
    if (!versions) {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: `not in package-lock.json: ${path}` }));
      return;
    }
    const list = [...versions.keys()];
    const packument = {
      name: path,
      'dist-tags': { latest: list.sort((a, b) => a.localeCompare(b, 'en', { numeric: true })).at(-1) },
      versions: Object.fromEntries(
        [...versions].map(([version, e]) => [
          version,
          {
            name: path,
            version,
            ...(e.dependencies ? { dependencies: e.dependencies } : {}),
            ...(e.optionalDependencies ? { optionalDependencies: e.optionalDependencies } : {}),
            ...(e.peerDependencies ? { peerDependencies: e.peerDependencies } : {}),
            ...(e.peerDependenciesMeta ? { peerDependenciesMeta: e.peerDependenciesMeta } : {}),
            ...(e.engines ? { engines: e.engines } : {}),
            ...(e.os ? { os: e.os } : {}),
            ...(e.cpu ? { cpu: e.cpu } : {}),
            ...(e.bin ? { bin: e.bin } : {}),
            dist: { tarball: `${base}/-/tarball/${path}/${version}`, integrity: e.integrity },
          },
        ]),
      ),
    };
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(packument));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${base}/`,
    misses,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Runs a command without blocking the event loop (the registry answers from this process). */
export function runAsync(cmd: string, args: string[], opts: { cwd: string; env?: NodeJS.ProcessEnv; timeout?: number }): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeout ?? 10 * 60_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ status: code ?? -1, stdout, stderr });
    });
  });
}

/** npm's environment: the test's registry, no audit or fund calls, nothing from the user's npmrc. */
export function npmEnv(registry: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  // what an `npm test` run around this one exported (npm_config_*, npm_package_*) is not the user's set-up
  for (const k of Object.keys(env)) if (/^npm_(config|package|lifecycle)_/i.test(k) && k.toLowerCase() !== 'npm_config_cache') delete env[k];
  delete env.GITHUB_ACTIONS;
  return { ...env, npm_config_registry: registry, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false', NO_COLOR: '1', ...extra };
}

