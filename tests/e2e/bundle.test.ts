/**
 * bin/spec runs the CLI from one bundled file, dist/spec.cjs (scripts/bundle.mjs), through a V8 code cache
 * kept per user (src/code/compile-cache.ts); SPEC_BUNDLE=0 runs the ES modules of dist/ instead. Both must
 * behave the same, and the cache must only ever change speed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { isAscii } from 'node:buffer';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { projectRoot, runCli, specBin, tempFixtureRepo } from '../helpers/cli.js';

let repo: { dir: string; cleanup: () => void };
let work: string;
beforeAll(() => {
  repo = tempFixtureRepo();
  work = mkdtempSync(join(tmpdir(), 'spec-bundle-'));
});
afterAll(() => {
  repo.cleanup();
  rmSync(work, { recursive: true, force: true });
});

/** The CLI bundle's cache files in a cache directory. */
function cliCacheFiles(dir: string): string[] {
  const v8 = join(dir, 'v8');
  return existsSync(v8) ? readdirSync(v8).filter((f) => f.startsWith('spec-cli-') && f.endsWith('.bin')).map((f) => join(v8, f)) : [];
}

/** The tags line of a cache file (compile-cache.ts: magic, two hashes, then the tags as JSON). */
function tagsOf(file: string): string[] {
  const buf = readFileSync(file);
  const rest = buf.subarray('spec-v8-code-cache/2\n'.length + 2 * 65);
  return JSON.parse(rest.toString('utf8', 0, rest.indexOf(0x0a))) as string[];
}

/** Node 24 takes --liftoff-only only on the command line: bin/spec starts the CLI again with it (most commands). */
const SECOND_START = Number(process.versions.node.split('.')[0]) >= 24;

const RUNS: string[][] = [
  ['--version'],
  ['--help'],
  ['lint', '--help'],
  ['lint', '--format', 'json', 'tech-specs/'],
  ['lint', 'tech-specs/workspace-invites.md'],
  ['lint', '--format', 'sarif', 'tech-specs/member-lookup-index.md'],
  ['lint', 'tech-specs/no-such-spec.md'],
  ['lint', '--format', 'nope'],
  ['rules'],
  ['tasks', '--format', 'json', 'tech-specs/workspace-invites.md'],
  ['no-such-command'],
];

describe('the bundled CLI', () => {
  it('is built, in ASCII (read as latin1), and calls no import() (which has no loader inside vm.Script)', () => {
    const code = readFileSync(join(projectRoot, 'dist', 'spec.cjs'));
    expect(isAscii(code)).toBe(true);
    expect(code.toString('latin1')).not.toMatch(/(?<![\w$.])import\s*\(/);
  });

  it('gives the same output, errors and exit codes as the ES modules (SPEC_BUNDLE=0)', () => {
    const cacheDir = mkdtempSync(join(work, 'same-'));
    for (const args of RUNS) {
      const modules = runCli(args, { cwd: repo.dir, env: { SPEC_BUNDLE: '0', SPEC_CACHE_DIR: cacheDir } });
      const bundled = runCli(args, { cwd: repo.dir, env: { SPEC_CACHE_DIR: cacheDir } });
      const again = runCli(args, { cwd: repo.dir, env: { SPEC_CACHE_DIR: cacheDir } }); // through the code cache
      for (const r of [bundled, again]) {
        expect(r.status, args.join(' ')).toBe(modules.status);
        expect(r.stdout, args.join(' ')).toBe(modules.stdout);
        expect(r.stderr, args.join(' ')).toBe(modules.stderr);
      }
      expect(modules.status, args.join(' ')).toBeLessThan(3);
    }
    // only the bundle writes it; on Node 24 the runs started again with --liftoff-only keep their own (bin/spec)
    expect(cliCacheFiles(cacheDir)).toHaveLength(SECOND_START ? 2 : 1);
  }, 180_000); // three CLI runs per case: under a loaded 2-core CI machine, well over the default 30 s

  it('the code cache: written by the first run, kept by runs of a kind it has seen, grown by a new kind', () => {
    const cacheDir = mkdtempSync(join(work, 'grow-'));
    const run = (args: string[]) => runCli(args, { cwd: repo.dir, env: { SPEC_CACHE_DIR: cacheDir } });
    const first = run(['lint', '--format', 'json', 'tech-specs/']);
    const [file] = cliCacheFiles(cacheDir);
    expect(file).toBeDefined();
    expect(tagsOf(file!)).toEqual(['lint --format']);
    const ino = statSync(file!).ino;
    expect(run(['lint', '--format', 'json', 'tech-specs/']).stdout).toBe(first.stdout);
    expect(run(['lint', '--format=stylish', 'tech-specs/workspace-invites.md']).status).toBe(first.status);
    expect(statSync(file!).ino).toBe(ino); // not rewritten (a rewrite renames a new file over it)
    run(['tasks', '--format', 'json', 'tech-specs/workspace-invites.md']);
    expect(statSync(file!).ino).not.toBe(ino);
    expect(tagsOf(file!)).toEqual(['lint --format', 'tasks --format']);
    expect(cliCacheFiles(cacheDir)).toHaveLength(1);
  });

  it('a corrupt code cache changes nothing but is replaced', () => {
    const cacheDir = mkdtempSync(join(work, 'corrupt-'));
    const run = () => runCli(['lint', '--format', 'json', 'tech-specs/'], { cwd: repo.dir, env: { SPEC_CACHE_DIR: cacheDir } });
    const good = run();
    const [file] = cliCacheFiles(cacheDir);
    const bytes = readFileSync(file!);
    for (const bad of [bytes.subarray(0, bytes.length >> 1), Buffer.from(bytes.map((b, i) => (i === bytes.length - 7 ? b ^ 0xff : b))), Buffer.alloc(0)]) {
      writeFileSync(file!, bad);
      const r = run();
      expect([r.status, r.stdout, r.stderr]).toEqual([good.status, good.stdout, good.stderr]);
      expect(readFileSync(file!).equals(bad)).toBe(false);
    }
    const off = runCli(['lint', '--format', 'json', 'tech-specs/'], { cwd: repo.dir, env: { SPEC_CACHE_DIR: cacheDir, SPEC_COMPILE_CACHE: '0' } });
    expect([off.status, off.stdout, off.stderr]).toEqual([good.status, good.stdout, good.stderr]);
  });
});

describe('what a run loads', () => {
  const dirs: Array<() => void> = [];
  afterAll(() => {
    for (const cleanup of dirs) cleanup();
  });
  // The ES module loader costs a pre-commit run ~10 ms to start, and importing a built-in as an ES module
  // loads all it exports; bin/spec is CommonJS, the bundle requires what it uses, and the code engines load
  // their packages' CommonJS builds (src/require-external.ts) and their grammars as bytes.
  const preload = () => {
    const file = join(work, `loaded-${Math.random().toString(36).slice(2)}.cjs`);
    const out = `${file}.txt`;
    writeFileSync(file, `const before = new Set(process.moduleLoadList);\nprocess.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(out)}, process.moduleLoadList.filter((m) => !before.has(m)).join('\\n')));\n`);
    return { file, loaded: () => readFileSync(out, 'utf8').split('\n') };
  };
  const run = (args: string[], cwd: string, env: Record<string, string> = {}) => {
    const p = preload();
    const r = spawnSync(process.execPath, ['--require', p.file, specBin, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env } });
    return { ...r, loaded: p.loaded() };
  };
  const fence = '```';

  it('no ES module, whether every code engine loads (one spec with Go, TypeScript, SQL and commands) or none (a pre-commit run, which loads no worker_threads either)', () => {
    const own = tempFixtureRepo();
    dirs.push(own.cleanup);
    const spec = join(own.dir, 'tech-specs', 'workspace-invites.md');
    const text = readFileSync(spec, 'utf8');
    writeFileSync(join(own.dir, 'tech-specs', 'engines.md'), `${text}\n${fence}go\nfunc f() {\n\tx :=\n}\n${fence}\n\n${fence}ts\nconst x = ;\n${fence}\n\n${fence}sql\nSELEC 1;\n${fence}\n`);
    const cacheDir = mkdtempSync(join(work, 'loaded-'));
    const all = run(['lint', '--format', 'json', 'tech-specs/engines.md'], own.dir, { SPEC_CACHE_DIR: cacheDir });
    const ids = new Set((JSON.parse(all.stdout) as Array<{ messages: Array<{ ruleId: string }> }>)[0]!.messages.map((m) => m.ruleId));
    for (const id of ['code/go-syntax', 'code/ts-syntax', 'code/sql-syntax']) expect(ids, id).toContain(id); // each engine ran
    expect(all.loaded.filter((m) => m.includes('internal/modules/esm/module_job') || m.includes('cjs-module-lexer'))).toEqual([]);
    expect(all.loaded).not.toContain('NativeModule internal/crypto/webcrypto');

    // the pre-commit run: a prose edit to a staged spec, the previous commit's cache in place
    const git = (...a: string[]) => spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...a], { cwd: own.dir, encoding: 'utf8' });
    git('init', '-q', '-b', 'main');
    git('add', '-A');
    git('commit', '-q', '-m', 'init');
    writeFileSync(spec, `${text}\n- [ASSUMPTION] One edit.\n`);
    git('add', spec);
    run(['lint', '--staged', '--cache'], own.dir, { SPEC_CACHE_DIR: cacheDir });
    writeFileSync(spec, `${text}\n- [ASSUMPTION] Another edit.\n`);
    git('add', spec);
    const staged = run(['lint', '--staged', '--cache'], own.dir, { SPEC_CACHE_DIR: cacheDir });
    expect(staged.status, staged.stderr).toBeLessThan(2);
    expect(staged.loaded.filter((m) => m.includes('internal/modules/esm/module_job'))).toEqual([]);
    // one thread: the worker machinery stays unloaded
    expect(staged.loaded).not.toContain('NativeModule worker_threads');
  }, 60_000);
});

describe('a build that cannot load', () => {
  it('is a message saying what to do and exit code 2, not a stack trace', () => {
    const dir = mkdtempSync(join(work, 'broken-'));
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    for (const f of ['spec', 'package.json']) writeFileSync(join(bin, f), readFileSync(join(projectRoot, 'bin', f)));
    mkdirSync(join(dir, 'dist', 'cli'), { recursive: true });
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'spec-lint', type: 'module' }));
    writeFileSync(join(dir, 'dist', 'cli', 'main.js'), "throw new Error('half-written build');\n");
    const r = spawnSync(process.execPath, [join(bin, 'spec'), '--version'], { cwd: dir, encoding: 'utf8', env: { ...process.env, SPEC_REEXEC: '0' } });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('spec: could not start the CLI: half-written build.');
    expect(r.stderr).toContain('npm ci');
    expect(r.stderr).not.toMatch(/^\s+at /m);
  });
});
