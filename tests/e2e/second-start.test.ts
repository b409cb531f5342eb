/**
 * bin/spec on Node 24, whose V8 takes `--liftoff-only` only on the command line: most commands start the CLI
 * once more with the flag (docs/performance.md, "Cold engines"). The second process carries the flag, its exit
 * code and output come back through the first, and a SIGTERM sent to the first reaches it. The language server
 * and the quick commands run in one process, and so does `lint --cache` (the pre-commit run) but not with
 * `--stdin`, which keeps no cache. On Node 20 and 22 every command runs in one
 * process (the flag is set at run time), which the same checks show. Linux: the processes are read in /proc.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { projectRoot, specBin, tempFixtureRepo } from '../helpers/cli.js';

const SECOND_START = Number(process.versions.node.split('.')[0]) >= 24;
const repo = tempFixtureRepo();
afterAll(() => repo.cleanup());

/** The command lines of `pid`'s child processes. */
function childrenOf(pid: number): string[][] {
  const out: string[][] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) out.push(readFileSync(`/proc/${d}/cmdline`, 'utf8').split('\0').filter(Boolean));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

/**
 * Starts `spec <args>` and resolves when its processes can be read: once the second process is there when
 * one is expected (`second`), else after the time one would take to appear.
 */
async function started(args: string[], second = SECOND_START): Promise<{ child: ChildProcess; out: () => string; exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }> }> {
  const child = spawn(process.execPath, [specBin, ...args], { cwd: repo.dir, env: { ...process.env, NO_COLOR: '1', CI: undefined }, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => child.on('exit', (code, signal) => r({ code, signal })));
  const cli = () => childrenOf(child.pid!).filter((c) => c.includes(specBin));
  if (second) for (let i = 0; i < 500 && cli().length === 0; i++) await new Promise((r) => setTimeout(r, 10));
  else await new Promise((r) => setTimeout(r, 300));
  return { child, out: () => out, exited };
}

const spec = readFileSync(`${projectRoot}/tests/fixtures/repo/tech-specs/workspace-invites.md`, 'utf8');

describe.runIf(process.platform === 'linux' && existsSync('/proc/self/stat'))('bin/spec and Node 24', () => {
  it(SECOND_START ? 'lint starts a second process with --liftoff-only; code and output come back' : 'lint runs in one process', async () => {
    const run = await started(['lint', '--stdin', '--stdin-filename', 'tech-specs/workspace-invites.md']);
    const node = childrenOf(run.child.pid!).filter((c) => c.includes(specBin));
    if (SECOND_START) expect(node).toEqual([[process.execPath, '--liftoff-only', specBin, 'lint', '--stdin', '--stdin-filename', 'tech-specs/workspace-invites.md']]);
    else expect(node).toEqual([]);
    run.child.stdin!.end(spec);
    const { code } = await run.exited;
    expect(code).toBe(0);
    // and an error's exit code
    const bad = await started(['lint', 'tech-specs/no-such-spec.md']);
    expect((await bad.exited).code).toBe(2);
    expect(bad.out()).toContain('no-such-spec.md');
  }, 60_000);

  it('a SIGTERM sent to spec ends it by that signal (on Node 24: the second process too)', async () => {
    const run = await started(['lint', '--stdin', '--stdin-filename', 'tech-specs/workspace-invites.md']);
    if (SECOND_START) expect(childrenOf(run.child.pid!).filter((c) => c.includes(specBin))[0]).toContain('--liftoff-only');
    run.child.kill('SIGTERM');
    const { signal } = await run.exited;
    expect(signal).toBe('SIGTERM');
    // no CLI process is left behind
    await new Promise((r) => setTimeout(r, 200));
    expect(childrenOf(run.child.pid!)).toEqual([]);
  }, 60_000);

  it('the language server runs in one process, and lint --cache --stdin (which keeps no cache) like lint', async () => {
    const lsp = await started(['lsp', '--stdio'], false);
    expect(childrenOf(lsp.child.pid!).filter((c) => c.includes(specBin))).toEqual([]);
    lsp.child.kill('SIGTERM');
    await lsp.exited;
    const run = await started(['lint', '--cache', '--stdin', '--stdin-filename', 'tech-specs/workspace-invites.md']);
    expect(childrenOf(run.child.pid!).filter((c) => c.includes(specBin)).map((c) => c.includes('--liftoff-only'))).toEqual(SECOND_START ? [true] : []);
    run.child.stdin!.end(spec);
    expect((await run.exited).code).toBe(0);
  }, 60_000);
});
