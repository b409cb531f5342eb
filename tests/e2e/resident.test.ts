/**
 * The resident process (src/resident/): outside CI a `spec lint` run leaves a warmed-up spare, and the next
 * run is served by it. A served run must be indistinguishable from a run in the caller's own process —
 * output, exit code, working directory, environment, terminal — and a spare must never change what it
 * warmed up on, start in CI, or trust a socket directory others can write to.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { projectRoot, runCli, specBin, tempFixtureRepo, type CliResult } from '../helpers/cli.js';

let repo: { dir: string; cleanup: () => void };
const caches: string[] = [];
beforeAll(() => {
  repo = tempFixtureRepo();
  execFileSync('git', ['init', '-q'], { cwd: repo.dir });
  execFileSync('git', ['add', '-A'], { cwd: repo.dir });
  execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-qm', 'fixture'], { cwd: repo.dir });
});
afterAll(async () => {
  // the spares the tests left are asked to end (else each would end SPEC_RESIDENT_IDLE seconds later)
  for (const c of caches) for (const socket of sockets({ SPEC_CACHE_DIR: c })) await stopSpare({ socket, dir: join(c, 'run') });
  repo.cleanup();
  for (const c of caches) rmSync(c, { recursive: true, force: true });
});

const { stopSpare } = createRequire(import.meta.url)(join(projectRoot, 'dist', 'resident', 'client.cjs')) as typeof import('../../src/resident/client.js');

/** A fresh per-user cache directory (so a fresh set of spares), with the environment that lets spares run. */
function residentEnv(extra: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  const cache = mkdtempSync(join(tmpdir(), 'spec-resident-'));
  caches.push(cache);
  return { SPEC_CACHE_DIR: cache, SPEC_RESIDENT: undefined, SPEC_RESIDENT_IDLE: '20', CI: undefined, ...extra };
}

const sockets = (env: Record<string, string | undefined>) => {
  const dir = join(env.SPEC_CACHE_DIR!, 'run');
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.sock')).map((f) => join(dir, f)) : [];
};

/** A socket file's identity: its inode and change time (a new file may reuse a freed inode number). */
const identity = (file: string) => {
  const st = statSync(file, { bigint: true });
  return `${st.ino}:${st.ctimeNs}`;
};

/** Waits (up to 20 s) for a spare to listen (on a socket other than `stale`); its socket's identity, which a served run takes away. */
function waitForSpare(env: Record<string, string | undefined>, stale?: string): string {
  const end = Date.now() + 20_000;
  while (Date.now() < end) {
    const s = sockets(env);
    if (s.length === 1 && identity(s[0]!) !== stale) return identity(s[0]!);
    spawnSync('sleep', ['0.1']);
  }
  throw new Error('no spare started');
}

/** A run through the spare that is listening now (checked: its socket goes, and a new spare follows). */
function served(args: string[], cwd: string, env: Record<string, string | undefined>, stale?: string): CliResult {
  const before = waitForSpare(env, stale);
  const r = runCli(args, { cwd, env });
  const after = sockets(env).map(identity);
  expect(after).not.toContain(before);
  return r;
}

/** The pid of the spare listening (or warming up) on `socket`, from /proc. */
function spareOf(socket: string): number {
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      const i = argv.indexOf('--spec-resident');
      if (i >= 0 && argv[i + 1] === socket) return Number(pid);
    } catch {
      // gone
    }
  }
  throw new Error(`no spare on ${socket}`);
}

const inProcess = (args: string[], cwd: string, env: Record<string, string | undefined>) => runCli(args, { cwd, env: { ...env, SPEC_RESIDENT: '0' } });

describe('the resident process', () => {
  it('serves a lint run exactly as the caller’s own process runs it: output, exit codes, cwd, environment, terminal', async () => {
    const env = residentEnv();
    // the first run has no spare: it runs here and leaves one
    expect(sockets(env)).toEqual([]);
    const first = runCli(['lint', 'tech-specs'], { cwd: repo.dir, env });
    expect(first.status).toBe(0);
    const cases: Array<{ args: string[]; cwd: string; env?: Record<string, string | undefined> }> = [
      { args: ['lint', 'tech-specs'], cwd: repo.dir },
      { args: ['lint', '--format', 'json', 'tech-specs'], cwd: repo.dir },
      // a finding (exit 1), from a subdirectory, colour forced by the environment
      { args: ['lint', 'workspace-invites.md', '--rule', 'template/structure:error', '--max-warnings', '0'], cwd: join(repo.dir, 'tech-specs'), env: { FORCE_COLOR: '1', NO_COLOR: undefined } },
      // a usage error and a missing file (exit 2)
      { args: ['lint', '--format', 'nope'], cwd: repo.dir },
      { args: ['lint', 'tech-specs/missing.md'], cwd: repo.dir },
      // the environment reaches the rules: the documentation links
      { args: ['lint', '--format', 'json', 'tech-specs'], cwd: repo.dir, env: { SPEC_DOCS_BASE_URL: 'https://docs.example.com/rules' } },
    ];
    for (const c of cases) {
      const e = { ...env, ...c.env };
      const want = inProcess(c.args, c.cwd, e);
      const got = served(c.args, c.cwd, e);
      expect({ args: c.args, ...got }).toEqual({ args: c.args, ...want });
    }
    // a spare that has served a run leaves its compiled code in the code cache, once (it runs with flags of its own)
    const cliCaches = readdirSync(join(env.SPEC_CACHE_DIR!, 'v8')).filter((f) => f.startsWith('spec-cli-'));
    const tags = cliCaches.map((f) => {
      const buf = readFileSync(join(env.SPEC_CACHE_DIR!, 'v8', f));
      const rest = buf.subarray('spec-v8-code-cache/2\n'.length + 2 * 65);
      return JSON.parse(rest.toString('utf8', 0, rest.indexOf(0x0a))) as string[];
    });
    expect(tags.filter((t) => t.includes('spare'))).toHaveLength(1);
    // `spec resident status` says which spare waits (asking does not use it up); `spec resident stop` ends it
    waitForSpare(env);
    const [socket] = sockets(env);
    const pid = spareOf(socket!);
    const status = runCli(['resident', 'status'], { cwd: repo.dir, env });
    expect(status).toMatchObject({ status: 0, stderr: '' });
    expect(status.stdout).toMatch(new RegExp(`^spec: a spare is waiting \\(pid ${pid}, since \\d{4}-\\d\\d-\\d\\dT[^,]+, warmed up on ${repo.dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\)\n$`));
    expect(spareOf(socket!)).toBe(pid);
    expect(runCli(['resident', 'stop'], { cwd: repo.dir, env })).toEqual({ status: 0, stdout: 'spec: the spare has ended\n', stderr: '' });
    const end = Date.now() + 5_000;
    while (spawnSync('kill', ['-0', String(pid)]).status === 0 && Date.now() < end) spawnSync('sleep', ['0.05']);
    expect(spawnSync('kill', ['-0', String(pid)]).status).not.toBe(0);
    expect(sockets(env)).toEqual([]);
    expect(runCli(['resident', 'status'], { cwd: repo.dir, env }).stdout).toBe('spec: no spare is waiting; the next `spec lint` outside CI leaves one\n');
    expect(runCli(['resident', 'stop'], { cwd: repo.dir, env }).stdout).toBe('spec: no spare was waiting\n');
    // the library call the bench and these tests use
    runCli(['lint', 'tech-specs'], { cwd: repo.dir, env });
    waitForSpare(env);
    expect(await stopSpare({ socket: sockets(env)[0]!, dir: join(env.SPEC_CACHE_DIR!, 'run') })).toBe(true);
  });

  it('serves the pre-commit run (--staged --cache) with the results of a run in the caller’s process, and the warm-up changes nothing it read', () => {
    const env = residentEnv();
    const spec = join(repo.dir, 'tech-specs', 'workspace-invites.md');
    const original = readFileSync(spec, 'utf8');
    const stage = (k: number) => {
      writeFileSync(spec, `${original}\n- [ASSUMPTION] Edit ${k}.\n`);
      execFileSync('git', ['add', spec], { cwd: repo.dir });
    };
    try {
      stage(0);
      runCli(['lint', '--staged', '--cache'], { cwd: repo.dir, env });
      for (let k = 1; k <= 2; k++) {
        // the spare warmed up on copies of what the last run linted: the repository and its cache are as they were
        waitForSpare(env);
        const cacheFile = join(repo.dir, '.git', 'spec-cache', 'lint.json');
        const cacheBefore = readFileSync(cacheFile);
        expect(execFileSync('git', ['status', '--porcelain'], { cwd: repo.dir, encoding: 'utf8' })).toBe('M  tech-specs/workspace-invites.md\n');
        expect(readFileSync(spec, 'utf8')).toBe(`${original}\n- [ASSUMPTION] Edit ${k - 1}.\n`);
        expect(readFileSync(cacheFile).equals(cacheBefore)).toBe(true);
        stage(k);
        const got = served(['lint', '--staged', '--cache'], repo.dir, env);
        stage(k + 100);
        const want = inProcess(['lint', '--staged', '--cache'], repo.dir, env);
        expect(got.stderr).toBe(want.stderr);
        expect(got.status).toBe(want.status);
        expect(got.stdout.replace(/Edit \d+/g, 'Edit N')).toBe(want.stdout.replace(/Edit \d+/g, 'Edit N'));
        stage(k);
      }
      // a commit that stages no spec lints nothing: the next spare still warms up on the repository's specs
      execFileSync('git', ['reset', '-q', 'HEAD', '--', spec], { cwd: repo.dir });
      served(['lint', '--staged', '--cache'], repo.dir, env);
      waitForSpare(env);
      expect(runCli(['resident', 'status'], { cwd: repo.dir, env }).stdout).toContain(`warmed up on ${repo.dir})`);
    } finally {
      execFileSync('git', ['reset', '-q', 'HEAD', '--', spec], { cwd: repo.dir });
      writeFileSync(spec, original);
    }
  });

  it('is never started in CI, with SPEC_RESIDENT=0, with Node flags of the caller’s own, or in a socket directory others can write to', () => {
    for (const extra of [{ CI: 'true' }, { SPEC_RESIDENT: '0' }, { NODE_OPTIONS: '--max-old-space-size=512' }]) {
      const env = residentEnv(extra);
      expect(runCli(['lint', 'tech-specs'], { cwd: repo.dir, env }).status).toBe(0);
      spawnSync('sleep', ['1']);
      expect(sockets(env)).toEqual([]);
    }
    const env = residentEnv();
    mkdirSync(join(env.SPEC_CACHE_DIR!, 'run'), { mode: 0o700 });
    chmodSync(join(env.SPEC_CACHE_DIR!, 'run'), 0o777);
    expect(runCli(['lint', 'tech-specs'], { cwd: repo.dir, env }).status).toBe(0);
    spawnSync('sleep', ['1']);
    expect(sockets(env)).toEqual([]);
  });

  it('a socket left by a spare that was killed is replaced; a spare that does not answer is not waited for', async () => {
    const env = residentEnv();
    runCli(['lint', 'tech-specs'], { cwd: repo.dir, env });
    const socket = sockets(env)[0] ?? (waitForSpare(env), sockets(env)[0]!);
    // the spare is killed: its socket file stays
    const pid = spareOf(socket);
    process.kill(pid, 'SIGKILL');
    spawnSync('sleep', ['0.3']);
    expect(existsSync(socket)).toBe(true);
    const stale = identity(socket);
    const want = inProcess(['lint', 'tech-specs'], repo.dir, env);
    expect(runCli(['lint', 'tech-specs'], { cwd: repo.dir, env })).toEqual(want);
    // …and the run left a new spare in its place, which serves the next run
    expect(served(['lint', 'tech-specs'], repo.dir, env, stale)).toEqual(want);

    // a process that listens on the socket but never answers: the run goes on in its own process
    const stuck = residentEnv();
    runCli(['lint', 'tech-specs'], { cwd: repo.dir, env: stuck });
    const path = (waitForSpare(stuck), sockets(stuck)[0]!);
    const spare = spareOf(path);
    process.kill(spare, 'SIGSTOP');
    try {
      const t = Date.now();
      expect(runCli(['lint', 'tech-specs'], { cwd: repo.dir, env: stuck })).toEqual(want);
      expect(Date.now() - t).toBeLessThan(15_000);
    } finally {
      process.kill(spare, 'SIGKILL');
    }
  });

  it('Ctrl-C of a served run ends it as it ends a run in the caller’s process', async () => {
    // a run long enough to interrupt: 150 specs
    const big = tempFixtureRepo();
    try {
      const text = readFileSync(join(big.dir, 'tech-specs', 'workspace-invites.md'), 'utf8');
      for (let i = 0; i < 150; i++) writeFileSync(join(big.dir, 'tech-specs', `copy-${i}.md`), text.replace('# Tech Spec: ', `# Tech Spec: Copy ${i} of `));
      const env = residentEnv();
      runCli(['lint', 'tech-specs/member-lookup-index.md'], { cwd: big.dir, env });
      const socket = (waitForSpare(env), sockets(env)[0]!);
      const pid = spareOf(socket);
      const full: Record<string, string> = {};
      for (const [k, v] of Object.entries({ ...process.env, ...env, NO_COLOR: '1' })) if (v !== undefined) full[k] = v;
      const child = spawn(process.execPath, [specBin, 'lint', 'tech-specs'], { cwd: big.dir, env: full, stdio: 'ignore' });
      const exited = new Promise<[number | null, NodeJS.Signals | null]>((r) => child.on('exit', (c, s) => r([c, s])));
      // interrupted once the spare has taken the run (its socket is gone)
      const end = Date.now() + 10_000;
      while (existsSync(socket) && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
      expect(existsSync(socket)).toBe(false);
      child.kill('SIGINT');
      const [code, signal] = await exited;
      expect({ code, signal }).toEqual({ code: null, signal: 'SIGINT' });
      // the spare that took the run stops with it, and starts no other
      const gone = Date.now() + 5_000;
      while (spawnSync('kill', ['-0', String(pid)]).status === 0 && Date.now() < gone) spawnSync('sleep', ['0.05']);
      expect(spawnSync('kill', ['-0', String(pid)]).status).not.toBe(0);
      expect(sockets(env)).toEqual([]);
    } finally {
      big.cleanup();
    }
  });
});
