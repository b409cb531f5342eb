/**
 * The resident process, spare side (src/resident/client.ts says what it is for): a detached process that
 * has loaded the CLI and linted copies of what the last run linted a dozen times, waiting on a Unix socket
 * for one run.
 *
 * It takes one run and exits: the client's arguments, working directory, environment, umask and terminal
 * (whether stdout and stderr are terminals, the width) replace its own before the CLI starts, everything the
 * run writes to stdout and stderr goes back over the socket in order, then its exit code. If the client goes
 * away first (Ctrl-C, a closed pipe) the run stops as a run in the client's own process would have: by
 * SIGINT, so nothing is half-written (every file the CLI writes is written whole and renamed into place).
 * After the run it starts the next spare; one that nobody asks for within SPEC_RESIDENT_IDLE seconds exits.
 *
 * The warm-up runs in a private temporary directory: copies of the last run's specs, their PRDs and the
 * configuration (src/resident/hint.ts), else a spec of its own (warm-up.ts), with a copy of the run's cache
 * (whose code-engine answers it uses), its output discarded, git kept from the user's configuration, and
 * every engine load refused, so a waiting spare holds the CLI and nothing more. What the warm-up leaves in
 * memory is keyed by content or by path (the temporary directory's), never by what a later run could look
 * up: the engines' memo by text is content, and a run that is served from it still records the answers in
 * its own cache (results.ts recordResult).
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, relative } from 'node:path';
import { blockEngineLoads, loadedEngines } from '../code/timing.js';
import { LIMITS, readRegularFile } from '../fs/access.js';
import type { ResidentFrame, ResidentRequest, ResidentStatus } from './client.js';
import { restoreWarmUpHint, type WarmUpHint } from './hint.js';
import { WARM_UP_SPEC } from './warm-up.js';

type Main = (argv: string[]) => Promise<number>;

/** How long a spare waits for a run (seconds), SPEC_RESIDENT_IDLE: 600 unless set to a positive number. */
function idleMs(env: NodeJS.ProcessEnv): number {
  const s = Number(env.SPEC_RESIDENT_IDLE);
  return (Number.isFinite(s) && s > 0 ? s : 600) * 1000;
}

/** A stream's `write` that hands each non-empty chunk, as text, to `onText` (and calls the write's callback). */
function streamWrite(onText: (text: string) => void): typeof process.stdout.write {
  return ((chunk: string | Uint8Array, enc?: unknown, cb?: unknown) => {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    if (text.length > 0) onText(text);
    const done = typeof enc === 'function' ? enc : cb;
    if (typeof done === 'function') (done as () => void)();
    return true;
  }) as typeof process.stdout.write;
}

/** Warm-up runs: enough for V8 to compile the parser's and the rules' hot functions. */
const WARM_UP_RUNS = 12;
/** A cache file larger than this is not copied for the warm-up (its code results are a convenience). */
const MAX_WARM_UP_CACHE = 32 * 1024 * 1024;

/**
 * Copies what the last run linted into `dir` (the specs, their PRDs and the configuration, at their paths
 * relative to the repository root; the cache file as cache.json): the specs' relative paths, or null when
 * there is nothing usable. Files are read as the CLI reads them (regular files, size-checked); what lies
 * outside the root is left out.
 */
function copyHinted(hint: WarmUpHint, dir: string): string[] | null {
  const inside = (abs: string) => {
    const rel = relative(hint.root, abs);
    return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : null;
  };
  const copy = (abs: string, maxBytes: number, to?: string): string | null => {
    const rel = to ?? inside(abs);
    if (rel === null) return null;
    try {
      const bytes = readRegularFile(abs, { maxBytes });
      mkdirSync(dirname(join(dir, rel)), { recursive: true });
      writeFileSync(join(dir, rel), bytes);
      return rel;
    } catch {
      return null;
    }
  };
  if (hint.configPath !== null && copy(hint.configPath, LIMITS.document) === null) return null;
  const specs = hint.specs.map((s) => copy(s, LIMITS.spec)).filter((s): s is string => s !== null);
  if (specs.length === 0) return null;
  for (const p of hint.prds) copy(p, LIMITS.document);
  if (hint.cacheFile !== null) copy(hint.cacheFile, MAX_WARM_UP_CACHE, 'cache.json');
  return specs;
}

/**
 * Runs the CLI a few times in a temporary directory, output discarded, engine loads refused: on copies of
 * what the last run linted (`hint`), with its cache's code-engine results, else on a spec of its own.
 */
async function warmUp(main: Main, hint: WarmUpHint | null): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'spec-warm-up-'));
  const out = process.stdout.write;
  const err = process.stderr.write;
  process.stdout.write = streamWrite(() => {});
  process.stderr.write = streamWrite(() => {});
  blockEngineLoads('a resident spare warming up holds no engine');
  // git in the temporary directory, for the warm-up's own `git add` and the runs' `git diff`: no global or
  // system configuration (no filter or other program of the user's runs for a warm-up)
  const gitEnv = { GIT_CONFIG_GLOBAL: process.env.GIT_CONFIG_GLOBAL, GIT_CONFIG_NOSYSTEM: process.env.GIT_CONFIG_NOSYSTEM };
  process.env.GIT_CONFIG_GLOBAL = '/dev/null';
  process.env.GIT_CONFIG_NOSYSTEM = '1';
  try {
    let specs = hint ? copyHinted(hint, dir) : null;
    if (!specs) {
      mkdirSync(join(dir, 'tech-specs'));
      specs = ['tech-specs/warm-up.md'];
      writeFileSync(join(dir, specs[0]!), WARM_UP_SPEC);
    }
    const texts = specs.map((s) => readFileSync(join(dir, s)));
    process.chdir(dir);
    let staged = false;
    try {
      execFileSync('git', ['init', '-q'], { cwd: dir, stdio: 'ignore', timeout: 5000 });
      staged = true;
    } catch {
      // no git: warm up on plain runs
    }
    for (let i = 0; i < WARM_UP_RUNS; i++) {
      // a different prose edit each time, as between two commits, so that the cache does not answer
      specs.forEach((s, k) => writeFileSync(join(dir, s), Buffer.concat([texts[k]!, Buffer.from(`\n- [ASSUMPTION] Warm-up edit ${i}.\n`)])));
      if (staged) execFileSync('git', ['add', '-A'], { cwd: dir, stdio: 'ignore', timeout: 5000 });
      await main(['lint', ...(staged ? ['--staged'] : []), '--cache', '--cache-location', join(dir, 'cache.json'), ...(staged ? [] : specs)]);
    }
  } catch {
    // a warm-up that fails only leaves the spare colder
  } finally {
    for (const [k, v] of Object.entries(gitEnv)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    blockEngineLoads(null);
    restoreWarmUpHint(hint);
    process.stdout.write = out;
    process.stderr.write = err;
    for (const s of [process.stdout, process.stderr]) s.removeAllListeners('error');
    process.chdir('/');
    process.exitCode = undefined;
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Listens on `socket`, replacing a socket file nobody listens on; null when another spare already does. */
async function listen(socket: string): Promise<Server | null> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const server = createServer({ allowHalfOpen: false });
    const error = await new Promise<NodeJS.ErrnoException | null>((resolve) => {
      server.once('error', resolve);
      server.listen(socket, () => resolve(null));
    });
    if (!error) {
      try {
        chmodSync(socket, 0o600);
      } catch {
        // the directory is owner-only anyway
      }
      return server;
    }
    if (error.code !== 'EADDRINUSE' || attempt > 0) return null;
    // a socket file: live (another spare) or left by one that was killed
    const live = await new Promise<boolean>((resolve) => {
      const probe: Socket = connect(socket);
      probe.once('connect', () => {
        probe.destroy();
        resolve(true);
      });
      probe.once('error', () => resolve(false));
    });
    if (live) return null;
    try {
      unlinkSync(socket);
    } catch {
      return null;
    }
  }
  return null;
}

/** Whether `x` is a request this build understands. */
function isRequest(x: unknown): x is ResidentRequest {
  const r = x as ResidentRequest;
  return (
    typeof r === 'object' && r !== null && r.v === 1 && Array.isArray(r.argv) && r.argv.every((a) => typeof a === 'string') &&
    typeof r.cwd === 'string' && typeof r.env === 'object' && r.env !== null && typeof r.umask === 'number' && typeof r.tty === 'object' && r.tty !== null
  );
}

/** Takes the client's place: its directory, environment, umask and terminal. Throws when the directory is gone. */
function become(request: ResidentRequest): void {
  process.chdir(request.cwd);
  for (const k of Object.keys(process.env)) delete process.env[k];
  for (const [k, v] of Object.entries(request.env)) if (typeof v === 'string') process.env[k] = v;
  process.umask(request.umask);
  const define = (stream: NodeJS.WriteStream, tty: boolean, columns: number | null) => {
    Object.defineProperty(stream, 'isTTY', { value: tty || undefined, configurable: true, writable: true });
    Object.defineProperty(stream, 'columns', { value: columns ?? undefined, configurable: true, writable: true });
  };
  define(process.stdout, Boolean(request.tty.stdout), request.tty.columns);
  define(process.stderr, Boolean(request.tty.stderr), request.tty.columns);
}

/**
 * The spare's life: warm up, wait for one run, serve it, start the next spare (`next`), exit. Exits with 0
 * when another spare already listens on the socket, or when none is asked for in time.
 */
export async function runSpare(socket: string, hint: WarmUpHint | null, main: Main, next: () => void): Promise<void> {
  await warmUp(main, hint);
  if (loadedEngines().length > 0) process.exit(0); // a spare holds no engine (the warm-up is wrong)
  const server = await listen(socket);
  if (!server) process.exit(0);
  let inode = -1;
  try {
    inode = statSync(socket).ino;
  } catch {
    process.exit(0);
  }
  const removeSocket = () => {
    try {
      if (statSync(socket).ino === inode) unlinkSync(socket);
    } catch {
      // gone already
    }
  };
  const since = Date.now();
  const idle = setTimeout(() => {
    removeSocket();
    process.exit(0);
  }, idleMs(process.env));
  let taken = false;
  server.on('connection', (client: Socket) => {
    client.setEncoding('utf8');
    let buffer = '';
    client.on('error', () => {});
    const onData = (chunk: string) => {
      if (taken) return client.destroy();
      buffer += chunk;
      const nl = buffer.indexOf('\n');
      if (nl < 0) {
        if (buffer.length > 16 * 1024 * 1024) client.destroy();
        return;
      }
      let request: unknown;
      try {
        request = JSON.parse(buffer.slice(0, nl));
      } catch {
        return client.destroy();
      }
      const q = request as { v?: unknown; stop?: unknown; status?: unknown } | null;
      if (q?.v === 1 && q.stop === true) {
        removeSocket();
        process.exit(0);
      }
      if (q?.v === 1 && q.status === true) {
        const status: ResidentStatus = { pid: process.pid, since, warmedUpOn: hint ? hint.root : 'its own spec' };
        client.end(`${JSON.stringify({ t: 's', ...status })}\n`);
        return;
      }
      if (!isRequest(request)) return client.destroy();
      taken = true;
      client.off('data', onData);
      clearTimeout(idle);
      server.close();
      removeSocket();
      void serve(client, request, main, next);
    };
    client.on('data', onData);
  });
}

/** Serves one run on `client`, then starts the next spare and exits. */
async function serve(client: Socket, request: ResidentRequest, main: Main, next: () => void): Promise<void> {
  // frames go out together, once per turn of the event loop (a write per frame cost ~1 ms each)
  let pending = '';
  const flush = () => {
    if (pending && !client.destroyed) client.write(pending);
    pending = '';
  };
  const send = (frame: ResidentFrame) => {
    if (pending === '') setImmediate(flush);
    pending += `${JSON.stringify(frame)}\n`;
  };
  const exit = process.exit.bind(process);
  // once the reply is out (or the client has gone): the next spare, then this one's exit
  let left = false;
  const leave = () => {
    if (left) return;
    left = true;
    next();
    exit(0);
  };
  let finished = false;
  const finish = (code: number) => {
    if (finished) return;
    finished = true;
    send({ t: 'x', c: code });
    flush();
    client.end();
    client.once('finish', leave);
    setTimeout(leave, 2000).unref();
  };
  // the client went away before the run ended: stop as its own process would have (Ctrl-C)
  client.on('close', () => {
    if (!finished) process.kill(process.pid, 'SIGINT');
    else leave();
  });
  process.stdout.write = streamWrite((text) => send({ t: 1, d: text }));
  process.stderr.write = streamWrite((text) => send({ t: 2, d: text }));
  // the CLI never calls process.exit on a lint run but for a closed pipe; here that ends the run, not the spare's reply
  process.exit = ((code?: number) => finish(typeof code === 'number' ? code : typeof process.exitCode === 'number' ? process.exitCode : 0)) as typeof process.exit;
  process.on('uncaughtException', (err) => {
    process.stderr.write(`spec: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
    finish(2);
  });
  send({ t: 'a' });
  flush();
  try {
    become(request);
  } catch (err) {
    process.stderr.write(`spec: cannot run in ${request.cwd}: ${(err as Error).message}\n`);
    return finish(2);
  }
  let code: number;
  try {
    code = await main(request.argv);
  } catch (err) {
    process.stderr.write(`spec: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
    code = 2;
  }
  finish(code);
}
