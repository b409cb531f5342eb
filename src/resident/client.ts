/**
 * The resident process, client side: what bin/spec runs before anything else loads.
 *
 * A pre-commit run (`spec lint --staged --cache` after a prose edit) is short, and most of it is the cost of
 * a cold process: Node's built-in modules, the CLI's code cache, and the parser and rules running on a JIT
 * that has seen none of them (docs/performance.md). So, outside CI, a `spec lint` run leaves a *spare* behind
 * (src/resident/spare.ts): a detached process of the same build that loads the CLI, lints a small spec of its
 * own a few times (so that the parser and the rules are compiled), and waits on a Unix socket. The next
 * `spec lint` sends it its arguments, working directory, environment and terminal, and relays what it
 * writes. A spare serves one run and exits, so every run still has a process of its own (no state is
 * carried from one run to the next); before it exits it starts the next spare. One that is not used for
 * SPEC_RESIDENT_IDLE seconds (600 by default) exits, and the chain ends.
 *
 * Where: `run/` in the per-user cache directory (src/code/cache-dir.ts), used only when it is this user's
 * and no one else can write to it; the socket's name is a hash of the package's directory, its build
 * (dist/build-id.txt), when its packages were installed, the Node binary and its version, so a rebuilt,
 * reinstalled or upgraded install never reaches an older spare. Not on Windows, not in CI (`CI` set: pull-request checks, whose runs are cold and one-off
 * anyway), not with `--stdin`, NODE_OPTIONS or Node flags of the caller's own, and never with
 * SPEC_RESIDENT=0. Anything unexpected — no spare, a spare that does not answer at once, a socket path too
 * long — runs the CLI in this process, as without a spare.
 *
 * This module needs only `node:net`, `node:fs`, `node:path` and `node:os`: bin/spec requires its CommonJS
 * build (dist/resident/client.cjs, scripts/bundle.mjs) on every `spec lint`.
 */
import { readFileSync, statSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { dirname, join } from 'node:path';
import { userCacheDir, usableDir } from '../code/cache-dir.js';

/** The hidden first argument that makes bin/spec a spare (src/resident/spare.ts). */
export const SPARE_ARG = '--spec-resident';

/** What a client sends: one JSON line. */
export interface ResidentRequest {
  v: 1;
  argv: string[];
  cwd: string;
  env: Record<string, string>;
  umask: number;
  tty: { stdout: boolean; stderr: boolean; columns: number | null };
}

/** Asks a spare to end now (its socket goes with it), or to say what it is (it goes on waiting). */
export type ResidentQuery = { v: 1; stop: true } | { v: 1; status: true };

/** What a spare says of itself. */
export interface ResidentStatus {
  pid: number;
  /** When it began to wait (ms since the epoch). */
  since: number;
  /** What it warmed up on: the specs of the last run (their root), or its own spec. */
  warmedUpOn: string;
}

/** What a spare sends, one JSON line each: accepted, output on fd 1 or 2, the exit code. */
export type ResidentFrame = { t: 'a' } | { t: 1 | 2; d: string } | { t: 'x'; c: number };

/** Where the spare for this install, build and Node binary listens. */
export interface ResidentPlace {
  socket: string;
  dir: string;
}

/** Longest Unix socket path every platform takes (sun_path is 104 bytes on macOS, 108 on Linux). */
const MAX_SOCKET_PATH = 100;

/** Whether a run of these arguments, in this environment, may go to a spare (see the module comment). */
export function residentEligible(argv: readonly string[], env: NodeJS.ProcessEnv = process.env, execArgv: readonly string[] = process.execArgv): boolean {
  if (process.platform === 'win32' || env.SPEC_RESIDENT === '0' || env.SPEC_BUNDLE === '0') return false;
  if (env.CI && env.CI !== 'false' && env.CI !== '0') return false;
  if (env.NODE_OPTIONS || execArgv.length > 0) return false;
  const command = argv.find((a) => !a.startsWith('-'));
  return command === 'lint' && !argv.includes('--stdin');
}

/** 64-bit FNV-1a of a string, as hex: a name, not a secret (the directory is what keeps others out). */
function nameHash(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x050c5d1f;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c ^ (h1 >>> 7), 0x01000193) >>> 0;
  }
  return h1.toString(16).padStart(8, '0') + h2.toString(16).padStart(8, '0');
}

/**
 * When the packages beside the CLI were last installed: npm rewrites `node_modules/.package-lock.json` on every
 * install, in the project's own `node_modules` (a checkout) or in the one the package sits in (a dependency).
 * A spare has loaded some of them; a new install gets a new spare.
 */
function installStamp(root: string): string {
  const out: string[] = [];
  for (const f of [join(root, 'node_modules', '.package-lock.json'), join(dirname(root), '.package-lock.json')]) {
    try {
      const st = statSync(f);
      out.push(`${st.size}:${st.mtimeMs}`);
    } catch {
      out.push('-');
    }
  }
  return out.join(',');
}

/**
 * The socket of the spare for the package at `root`, or null when there can be none (no private directory,
 * no build id, a path too long). Makes the directory, owner-only, when it is missing.
 */
export function residentPlace(root: string, env: NodeJS.ProcessEnv = process.env): ResidentPlace | null {
  const base = userCacheDir(env);
  if (!base) return null;
  const dir = join(base, 'run');
  let build: string;
  try {
    build = readFileSync(join(root, 'dist', 'build-id.txt'), 'latin1').trim();
  } catch {
    return null;
  }
  const socket = join(dir, `${nameHash([root, build, installStamp(root), process.execPath, process.version, process.arch].join('\0'))}.sock`);
  if (Buffer.byteLength(socket) > MAX_SOCKET_PATH) return null;
  if (!usableDir(dir)) return null;
  return { socket, dir };
}

/** The outcome of asking a spare: served (with the exit code), or run here — and whether to leave a spare after. */
export type ResidentOutcome = { served: true; code: number } | { served: false; startSpare: boolean };

/** How long a spare may take to accept a run before this process runs it itself (it answers in ~1 ms). */
const ACCEPT_MS = 1000;

/** The run's environment as strings (what a child process would get). */
function envOf(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (typeof v === 'string') out[k] = v;
  return out;
}

/**
 * Sends the run to the spare at `place`, relaying its output to this process's stdout and stderr. Resolves
 * `served` once the spare has sent its exit code, or `served: false` when there is no spare to take it
 * (`startSpare`: none listens, so this run should leave one). A signal that would end this process (Ctrl-C)
 * closes the connection, which stops the spare's run, and then ends this process as it would have ended.
 */
export function viaResident(place: ResidentPlace, argv: string[]): Promise<ResidentOutcome> {
  return new Promise((resolve) => {
    let accepted = false;
    let settled = false;
    let buffer = '';
    const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
    const onSignal = (sig: NodeJS.Signals) => {
      socket.destroy();
      for (const s of signals) process.removeAllListeners(s);
      process.kill(process.pid, sig);
    };
    const settle = (outcome: ResidentOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      for (const s of signals) process.off(s, onSignal);
      resolve(outcome);
    };
    const socket: Socket = connect(place.socket);
    // `spec lint … | head`: a closed pipe ends the run quietly, as in the CLI's own process (main.ts)
    for (const stream of [process.stdout, process.stderr]) {
      stream.on('error', (err: NodeJS.ErrnoException) => {
        socket.destroy();
        if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
        throw err;
      });
    }
    const timer = setTimeout(() => {
      if (accepted) return;
      socket.destroy();
      settle({ served: false, startSpare: false });
    }, ACCEPT_MS);
    socket.setEncoding('utf8');
    socket.on('error', (err: NodeJS.ErrnoException) => {
      if (!accepted) settle({ served: false, startSpare: err.code === 'ENOENT' || err.code === 'ECONNREFUSED' });
    });
    socket.on('connect', () => {
      for (const s of signals) process.on(s, onSignal);
      const request: ResidentRequest = {
        v: 1,
        argv,
        cwd: process.cwd(),
        env: envOf(process.env),
        umask: process.umask(),
        tty: { stdout: Boolean(process.stdout.isTTY), stderr: Boolean(process.stderr.isTTY), columns: process.stdout.isTTY ? (process.stdout.columns ?? null) : null },
      };
      socket.write(`${JSON.stringify(request)}\n`);
    });
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        let frame: ResidentFrame;
        try {
          frame = JSON.parse(line) as ResidentFrame;
        } catch {
          continue;
        }
        if (frame.t === 'a') accepted = true;
        else if (frame.t === 1) process.stdout.write(frame.d);
        else if (frame.t === 2) process.stderr.write(frame.d);
        else if (frame.t === 'x') {
          socket.destroy();
          settle({ served: true, code: frame.c });
        }
      }
    });
    socket.on('close', () => {
      if (settled) return;
      if (!accepted) return settle({ served: false, startSpare: false });
      process.stderr.write('spec: the resident process stopped before the run finished; run the command again (SPEC_RESIDENT=0 runs it without one).\n');
      settle({ served: true, code: 2 });
    });
  });
}

/** Environment a spare starts with: what finding its cache and running Node need, none of the caller's secrets. */
const SPARE_ENV = ['PATH', 'HOME', 'USER', 'LOGNAME', 'LANG', 'LC_ALL', 'TMPDIR', 'XDG_CACHE_HOME', 'SPEC_CACHE_DIR', 'SPEC_RESIDENT_IDLE', 'SYSTEMROOT'];

/**
 * A spare's young generation: 16 MB semi-spaces, so that most of what a served run allocates fits without a
 * scavenge (served pre-commit runs 117–120 ms against 120–122 ms, 13 runs each, +11 MB of a waiting spare's
 * RSS; 32 MB gained ~5 ms for +45 MB). On the spare's command line only: the caller's process is untouched.
 */
const SPARE_HEAP_FLAGS = ['--min-semi-space-size=16', '--max-semi-space-size=16'];

/** The variable that hands a spare its warm-up hint (in its environment, which only its user can read, not on its command line). */
export const HINT_ENV = 'SPEC_RESIDENT_HINT';

/**
 * Starts a spare for the next run (detached, no output, in `/`), with the flags this process's CLI runs
 * under; `hint`: what the last run linted (src/resident/hint.ts, as JSON), for its warm-up. Never throws: a
 * spare is only a way to be faster.
 */
export function startSpare(place: ResidentPlace, bin: string, nodeFlags: readonly string[], hint: string, env: NodeJS.ProcessEnv = process.env): void {
  try {
    const childEnv: Record<string, string> = {};
    for (const k of SPARE_ENV) if (typeof env[k] === 'string') childEnv[k] = env[k]!;
    childEnv[HINT_ENV] = hint;
    // node:child_process only now: a served run never loads it in this process
    const { spawn } = process.getBuiltinModule('node:child_process') as typeof import('node:child_process');
    const child = spawn(process.execPath, [...nodeFlags, ...SPARE_HEAP_FLAGS, bin, SPARE_ARG, place.socket], { detached: true, stdio: 'ignore', cwd: '/', env: childEnv });
    child.on('error', () => {});
    child.unref();
  } catch {
    // no spare this time
  }
}

/** Sends a query to the spare at `place`: its answer line, or null when none listens. */
function query(place: ResidentPlace, q: ResidentQuery): Promise<string | null> {
  return new Promise((resolve) => {
    let answer = '';
    const socket = connect(place.socket);
    socket.setEncoding('utf8');
    socket.setTimeout(ACCEPT_MS, () => socket.destroy());
    socket.on('error', () => resolve(null));
    socket.on('connect', () => socket.end(`${JSON.stringify(q)}\n`));
    socket.on('data', (d: string) => (answer += d));
    socket.on('close', () => resolve(answer));
  });
}

/** Ends the spare listening at `place`, if any; resolves whether one was there. */
export async function stopSpare(place: ResidentPlace): Promise<boolean> {
  return (await query(place, { v: 1, stop: true })) !== null;
}

/** What the spare listening at `place` says of itself, or null when none does. */
export async function spareStatus(place: ResidentPlace): Promise<ResidentStatus | null> {
  const line = await query(place, { v: 1, status: true });
  try {
    const s = line ? (JSON.parse(line) as { t?: string } & ResidentStatus) : null;
    return s && s.t === 's' && typeof s.pid === 'number' ? { pid: s.pid, since: s.since, warmedUpOn: s.warmedUpOn } : null;
  } catch {
    return null;
  }
}
