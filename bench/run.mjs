#!/usr/bin/env node
/**
 * `npm run bench`: how long people wait for `spec lint`, and how much memory it takes, against the tool
 * they would use instead (markdownlint-cli2 0.22.1, default rules) on the same corpus.
 *
 *   1. writes (or reuses) a seeded corpus of N specs with PRDs and a repository tree (bench/corpus.mjs);
 *   2. cold lint of the corpus, `spec lint` (every rule on except --exec) and markdownlint-cli2 alternating,
 *      `--runs` times each: wall time, files/s, peak RSS, CPU time;
 *   3. a warm run with `--cache` over unchanged files, against the cold run;
 *   4. one staged spec end to end, as the pre-commit hook runs it (`spec lint --staged --cache` after a prose
 *      edit, the previous commit's run having left the cache), process start to exit, against `node -e ''`;
 *      and, for information, the same without --cache and `spec lint <file>`;
 *   5. peak RSS at N = 10,000 (`--big`), against N = 1,000;
 *   6. the field corpus (tests/field, three repositories written in other house styles), each linted cold
 *      next to markdownlint-cli2; and the fast-path share, of the corpus and of the specs written by others;
 * then prints a table with the targets and PASS/FAIL, and writes bench/.corpus/results.json
 * (`--update-docs` also rewrites the figures in docs/performance.md).
 *
 * Every process is measured from spawn to exit in this process tree; peak RSS and CPU come from
 * bench/maxrss.cjs preloaded into the measured process (worker threads included: they share it).
 *
 *   node bench/run.mjs [--n 1000] [--big 10000|0] [--runs 2] [--staged-runs 5] [--spec bin/spec] [--no-engines]
 *                      [--update-docs] [--quick]
 */
import { spawn, execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, appendFileSync, readdirSync } from 'node:fs';
import { cpus, loadavg, tmpdir, availableParallelism, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { ensureCorpus, specWithEveryEngine } from './corpus.mjs';
import { fastPathShare, markdownFiles } from './fast-path.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = dirname(here);
const started = performance.now();

// ----- options --------------------------------------------------------------------------------------------

const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : def;
};
const quick = args.includes('--quick');
const N = Number(opt('--n', quick ? '200' : '1000'));
const BIG = Number(opt('--big', quick ? '0' : '10000'));
const RUNS = Math.max(1, Number(opt('--runs', quick ? '1' : '2')));
const STAGED_RUNS = Math.max(1, Number(opt('--staged-runs', '3')));
/** Seconds the N = --big run may take; past it the run is stopped and its peak RSS so far reported. */
const BIG_BUDGET_S = Number(opt('--big-budget', '150'));
const SPEC_BIN = resolve(opt('--spec', join(root, 'bin', 'spec')));
const SEED = Number(opt('--seed', '42'));
const MDL_BIN = join(root, 'node_modules', 'markdownlint-cli2', 'markdownlint-cli2-bin.mjs');
const PRELOAD = join(here, 'maxrss.cjs');
const OUT_DIR = join(here, '.corpus');

const log = (s) => process.stderr.write(`[bench ${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${s}\n`);

// ----- preconditions --------------------------------------------------------------------------------------

if (!existsSync(join(dirname(dirname(SPEC_BIN)), 'dist', 'cli', 'main.js'))) {
  log('dist/ is missing: building (npm run compile)');
  execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.build.json')], { cwd: root, stdio: 'inherit' });
}
if (!existsSync(MDL_BIN)) {
  process.stderr.write('bench: markdownlint-cli2 is not installed (it is a devDependency): run `npm ci` first.\n');
  process.exit(2);
}
const mdlVersion = JSON.parse(readFileSync(join(root, 'node_modules', 'markdownlint-cli2', 'package.json'), 'utf8')).version;

// ----- measuring one process ------------------------------------------------------------------------------

/**
 * Runs `node [--require maxrss.cjs] script args` and resolves to its wall time (spawn to exit, ms), peak
 * RSS (MB) and CPU time (ms). Exit codes above `okMax` are failures.
 */
function measure(script, scriptArgs, { cwd, env = {}, okMax = 1, rss = true, nodeArgs = [], budgetMs = 0 } = {}) {
  return new Promise((resolvePromise, reject) => {
    const rssFile = join(tmpdir(), `bench-rss-${process.pid}-${Math.random().toString(36).slice(2)}.json`);
    const argv = [...(rss ? ['--require', PRELOAD] : []), ...nodeArgs, ...(script ? [script] : []), ...scriptArgs];
    const t0 = performance.now();
    // CI=1 unless told otherwise: every run is cold (no resident process, src/resident/) but the one that
    // measures the resident process (env CI: undefined)
    const childEnv = { ...process.env, NO_COLOR: '1', CI: '1', ...env, ...(rss ? { BENCH_RSS_FILE: rssFile } : {}) };
    for (const k of Object.keys(childEnv)) if (childEnv[k] === undefined) delete childEnv[k];
    const child = spawn(process.execPath, argv, { cwd, env: childEnv, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-4000)));
    // Linux: the kernel's peak RSS of the process (VmHWM), polled, so a run stopped at its budget still has one
    let hwmKb = 0;
    const poll = () => {
      try {
        const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (m) hwmKb = Math.max(hwmKb, Number(m[1]));
      } catch {
        // not Linux, or gone
      }
    };
    const poller = rss ? setInterval(poll, 100) : null;
    let stopped = false;
    const timer = budgetMs > 0 ? setTimeout(() => {
      poll();
      stopped = true;
      child.kill('SIGKILL');
    }, budgetMs) : null;
    child.on('error', reject);
    child.on('exit', (code) => {
      const wallMs = performance.now() - t0;
      if (poller) clearInterval(poller);
      if (timer) clearTimeout(timer);
      if (stopped) {
        resolvePromise({ wallMs, code: null, stopped: true, rssMb: hwmKb ? hwmKb / 1024 : null, cpuMs: null });
        return;
      }
      if (code === null || code > okMax) {
        reject(new Error(`${script ?? 'node'} ${scriptArgs.join(' ')} exited with ${code}:\n${stderr}`));
        return;
      }
      let m = null;
      if (rss) {
        try {
          m = JSON.parse(readFileSync(rssFile, 'utf8'));
          rmSync(rssFile, { force: true });
        } catch {
          m = null;
        }
      }
      const rssMb = m ? m.maxRssKb / 1024 : hwmKb ? hwmKb / 1024 : null;
      resolvePromise({ wallMs, code, stopped: false, rssMb, cpuMs: m ? (m.userUs + m.systemUs) / 1000 : null });
    });
  });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const k = s.length >> 1;
  return s.length % 2 ? s[k] : (s[k - 1] + s[k]) / 2;
};
const max = (xs) => Math.max(...xs);
const fmtS = (ms) => `${(ms / 1000).toFixed(2)} s`;
const fmtMs = (ms) => `${ms.toFixed(0)} ms`;
const fmtMb = (mb) => (mb == null ? 'n/a' : `${mb.toFixed(0)} MB`);

// ----- the corpus -----------------------------------------------------------------------------------------

function everyRuleConfig(corpus) {
  // every rule on (a rule that is off by default runs as a warning); --exec stays off
  const out = execFileSync(process.execPath, [SPEC_BIN, 'rules', '--format', 'json'], { cwd: corpus }).toString('utf8');
  const rules = {};
  for (const r of JSON.parse(out)) if (r.defaultSeverity === 'off') rules[r.id] = 'warn';
  const config = { paths: { prds: 'prds', specs: 'tech-specs', migrations: 'migrations' }, exec: false, rules };
  writeFileSync(join(corpus, 'spec.config.json'), JSON.stringify(config, null, 2) + '\n');
  return Object.keys(rules).length;
}

function corpusAt(n) {
  const dir = join(OUT_DIR, `n${n}`);
  const t0 = performance.now();
  const s = ensureCorpus({ out: dir, n, seed: SEED });
  log(`${s.reused ? 'reusing' : 'wrote'} corpus n=${n}: ${s.specs} specs, ${s.lines} lines (${s.minLines}–${s.maxLines} per spec), ${(s.bytes / 1e6).toFixed(1)} MB in ${fmtS(performance.now() - t0)}`);
  return { dir, ...s };
}

// ----- the runs -------------------------------------------------------------------------------------------

const machine = {
  node: process.version,
  cores: availableParallelism(),
  cpu: cpus()[0]?.model ?? 'unknown',
  memGb: +(totalmem() / 2 ** 30).toFixed(1),
  loadBefore: loadavg().map((x) => +x.toFixed(2)),
};
log(`node ${machine.node}, ${machine.cores} cores (${machine.cpu}), load average ${machine.loadBefore.join(' ')}`);
if (machine.loadBefore[0] > machine.cores) log(`warning: the machine is busy (load ${machine.loadBefore[0]} on ${machine.cores} cores): wall times will be noisy; CPU times are reported too`);

const corpus = corpusAt(N);
// the fast-path share: specs the hand-written parser takes (≈ 1 ms) rather than micromark (50–140 ms)
const shareOf = async (files) => fastPathShare(files.map((f) => [f, readFileSync(f, 'utf8')]));
const fastPath = {
  corpus: await shareOf(markdownFiles(join(corpus.dir, 'tech-specs'))),
  others: await shareOf([join(root, 'tests', 'parser-suites', 'samples'), join(root, 'tests', 'field')].flatMap(markdownFiles)),
};
const shareText = (s) => `${(s.share * 100).toFixed(1)} % (${s.fast} of ${s.total})`;
log(`fast-path share: corpus ${shareText(fastPath.corpus)}, specs written by others ${shareText(fastPath.others)}`);
const offByDefault = everyRuleConfig(corpus.dir);
log(`spec.config.json: every rule on (${offByDefault} rules that are off by default turned on as warnings), --exec off`);

const specCold = [];
const mdlCold = [];
// the OS page cache: both tools read the same warm files (and start once each, which loads their modules)
for (const f of readdirSync(join(corpus.dir, 'tech-specs'))) if (f.endsWith('.md')) readFileSync(join(corpus.dir, 'tech-specs', f));
await measure(SPEC_BIN, ['--version'], { cwd: corpus.dir, rss: false, okMax: 0 });
await measure(MDL_BIN, ['--help'], { cwd: corpus.dir, rss: false, okMax: 2 });
for (let r = 0; r < RUNS; r++) {
  const a = await measure(SPEC_BIN, ['lint', '--format', 'json'], { cwd: corpus.dir });
  specCold.push(a);
  log(`cold spec lint         run ${r + 1}/${RUNS}: ${fmtS(a.wallMs)}, ${fmtMb(a.rssMb)}, cpu ${fmtS(a.cpuMs)}`);
  const b = await measure(MDL_BIN, ['tech-specs/**/*.md'], { cwd: corpus.dir });
  mdlCold.push(b);
  log(`cold markdownlint-cli2 run ${r + 1}/${RUNS}: ${fmtS(b.wallMs)}, ${fmtMb(b.rssMb)}, cpu ${fmtS(b.cpuMs)}`);
}

// warm cache
const cacheDir = mkdtempSync(join(tmpdir(), 'spec-bench-cache-'));
const prime = await measure(SPEC_BIN, ['lint', '--format', 'json', '--cache', '--cache-location', cacheDir + '/'], { cwd: corpus.dir });
log(`cache priming run (cold, writes the cache): ${fmtS(prime.wallMs)}`);
const warm = [];
for (let r = 0; r < Math.max(RUNS, 3); r++) {
  const w = await measure(SPEC_BIN, ['lint', '--format', 'json', '--cache', '--cache-location', cacheDir + '/'], { cwd: corpus.dir });
  warm.push(w);
  log(`warm spec lint --cache run ${r + 1}: ${fmtMs(w.wallMs)}, ${fmtMb(w.rssMb)}`);
}
rmSync(cacheDir, { recursive: true, force: true });

// one staged spec, end to end, as the pre-commit hook runs it (`spec lint --staged --cache`, the cache in the
// git directory): the previous commit's run left the cache, then the spec's prose is edited and staged, so
// the spec itself is linted again while its unchanged code blocks' engine results come from the cache. Each
// measured run stages a different edit. For information: the same without --cache (every engine loaded),
// and `spec lint <file>`.
const staged = specWithEveryEngine(corpus.dir);
const stagedAbs = join(corpus.dir, staged);
const original = readFileSync(stagedAbs);
const git = (...a) => execFileSync('git', a, { cwd: corpus.dir, stdio: ['ignore', 'pipe', 'pipe'] });
const stageEdit = (k) => {
  writeFileSync(stagedAbs, Buffer.concat([original, Buffer.from(`\n- [ASSUMPTION] Staged edit ${k} of the benchmark changes nothing else.\n`)]));
  git('add', staged);
};
// The hook's run is measured as a developer meets it: outside CI, so that the previous commit's run has left
// a resident spare (src/resident/) and this one is served by it, the spare having finished its warm-up (it
// listens only then; commits are seconds apart, its warm-up ~1 s). The same run without a spare (the first
// commit of a session: a cold start) is measured too, with CI set as for every other measure here.
const resident = { CI: undefined, SPEC_RESIDENT_IDLE: '300' };
const residentClient = createRequire(import.meta.url)(join(dirname(dirname(SPEC_BIN)), 'dist', 'resident', 'client.cjs'));
const place = residentClient.residentPlace(dirname(dirname(SPEC_BIN)), process.env);
const spareReady = async () => {
  for (const end = Date.now() + 30_000; place && !existsSync(place.socket) && Date.now() < end; ) await new Promise((r) => setTimeout(r, 20));
  if (place && !existsSync(place.socket)) throw new Error('bench: no resident spare started (is CI set in this shell?)');
};
const stagedRuns = [];
const stagedColdRuns = [];
const stagedNoCacheRuns = [];
const nodeRuns = [];
const oneFileRuns = [];
try {
  // the previous commit's hook run, which leaves a spare
  stageEdit(0);
  await measure(SPEC_BIN, ['lint', '--staged', '--cache'], { cwd: corpus.dir, rss: false, env: resident });
  await measure(null, ['-e', ''], { cwd: corpus.dir, rss: false });
  for (let r = 0; r < STAGED_RUNS; r++) {
    stageEdit(2 * r + 1);
    await spareReady();
    stagedRuns.push(await measure(SPEC_BIN, ['lint', '--staged', '--cache'], { cwd: corpus.dir, rss: false, env: resident }));
    await spareReady(); // the next spare's warm-up is over before anything else is timed
    nodeRuns.push(await measure(null, ['-e', ''], { cwd: corpus.dir, rss: false }));
    stageEdit(2 * r + 2);
    stagedColdRuns.push(await measure(SPEC_BIN, ['lint', '--staged', '--cache'], { cwd: corpus.dir, rss: false }));
    stagedNoCacheRuns.push(await measure(SPEC_BIN, ['lint', '--staged'], { cwd: corpus.dir, rss: false }));
    oneFileRuns.push(await measure(SPEC_BIN, ['lint', staged], { cwd: corpus.dir, rss: false }));
  }
} finally {
  git('reset', '-q', 'HEAD', '--', staged);
  writeFileSync(stagedAbs, original);
  if (place) await residentClient.stopSpare(place);
}
log(`one staged spec (spec lint --staged --cache): median ${fmtMs(median(stagedRuns.map((x) => x.wallMs)))} served by the resident process, ${fmtMs(median(stagedColdRuns.map((x) => x.wallMs)))} without; node -e '': ${fmtMs(median(nodeRuns.map((x) => x.wallMs)))}; --staged without --cache: ${fmtMs(median(stagedNoCacheRuns.map((x) => x.wallMs)))}; spec lint <file>: ${fmtMs(median(oneFileRuns.map((x) => x.wallMs)))}`);

// memory at N = BIG
let big = null;
if (BIG > 0) {
  const bc = corpusAt(BIG);
  everyRuleConfig(bc.dir);
  const b = await measure(SPEC_BIN, ['lint', '--format', 'json'], { cwd: bc.dir, budgetMs: BIG_BUDGET_S * 1000 });
  // how far a stopped run got, from the 1,000-spec rate
  const done = b.stopped ? Math.min(BIG, Math.round((N / (median(specCold.map((x) => x.wallMs)) / 1000)) * (b.wallMs / 1000))) : BIG;
  big = { n: BIG, done, ...b };
  log(`cold spec lint at n=${BIG}: ${b.stopped ? `stopped at the ${BIG_BUDGET_S} s budget (≈${done} specs linted)` : fmtS(b.wallMs)}, peak RSS ${fmtMb(b.rssMb)}`);
}

// the field corpus (tests/field: three repositories in other house styles), each linted cold from a copy
const field = { repos: 0, specs: 0, specMs: 0, mdlMs: 0 }; // specs: its markdown files (specs and PRDs)
{
  const fieldRoot = join(root, 'tests', 'field');
  for (const repo of readdirSync(fieldRoot, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort()) {
    const copy = mkdtempSync(join(tmpdir(), `spec-bench-field-${repo}-`));
    try {
      cpSync(join(fieldRoot, repo), copy, { recursive: true });
      const mds = markdownFiles(copy).map((f) => f.slice(copy.length + 1));
      field.repos++;
      field.specs += mds.length;
      field.specMs += (await measure(SPEC_BIN, ['lint'], { cwd: copy, rss: false })).wallMs;
      field.mdlMs += (await measure(MDL_BIN, mds, { cwd: copy, rss: false })).wallMs;
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  }
  log(`field corpus: ${field.specs} markdown files in ${field.repos} repositories: spec lint ${fmtMs(field.specMs)}, markdownlint-cli2 ${fmtMs(field.mdlMs)}`);
}

// ----- the table ------------------------------------------------------------------------------------------

const sCold = median(specCold.map((x) => x.wallMs));
const mCold = median(mdlCold.map((x) => x.wallMs));
const sCpu = median(specCold.map((x) => x.cpuMs));
const mCpu = median(mdlCold.map((x) => x.cpuMs));
const sRss = max(specCold.map((x) => x.rssMb));
const mRss = max(mdlCold.map((x) => x.rssMb));
const wMed = median(warm.map((x) => x.wallMs));
const stMed = median(stagedRuns.map((x) => x.wallMs));
const stColdMed = median(stagedColdRuns.map((x) => x.wallMs));
const nodeMed = median(nodeRuns.map((x) => x.wallMs));
const oneMed = median(oneFileRuns.map((x) => x.wallMs));
const stNoCacheMed = median(stagedNoCacheRuns.map((x) => x.wallMs));
const pass = (ok) => (ok ? 'PASS' : 'FAIL');

const rows = [
  {
    measure: `cold lint, ${N.toLocaleString('en')} specs (wall)`,
    spec: `${fmtS(sCold)} (${(N / (sCold / 1000)).toFixed(0)} files/s)`,
    other: `markdownlint-cli2 ${fmtS(mCold)} (${(N / (mCold / 1000)).toFixed(0)} files/s)`,
    ratio: `${(sCold / mCold).toFixed(2)}×`,
    target: '≤ 0.25×',
    result: pass(sCold <= 0.25 * mCold),
  },
  {
    measure: `cold lint, ${N.toLocaleString('en')} specs (CPU, info)`,
    spec: fmtS(sCpu),
    other: `markdownlint-cli2 ${fmtS(mCpu)}`,
    ratio: `${(sCpu / mCpu).toFixed(2)}×`,
    target: '—',
    result: '—',
  },
  {
    measure: 'warm run, --cache, nothing changed',
    spec: fmtMs(wMed),
    other: `cold ${fmtS(sCold)}`,
    ratio: `${((100 * wMed) / sCold).toFixed(1)}%`,
    target: '≤ 5%',
    result: pass(wMed <= 0.05 * sCold),
  },
  {
    measure: 'one staged spec, start to exit, as the hook runs it on a commit after the first (--staged --cache, prose edited; served by the resident process)',
    spec: fmtMs(stMed),
    other: `node -e '' ${fmtMs(nodeMed)}`,
    ratio: `${(stMed / nodeMed).toFixed(2)}×`,
    target: '≤ 2×',
    result: pass(stMed <= 2 * nodeMed),
  },
  {
    measure: 'the same on the first commit (info: no resident process, the CLI starts cold)',
    spec: fmtMs(stColdMed),
    other: `node -e '' ${fmtMs(nodeMed)}`,
    ratio: `${(stColdMed / nodeMed).toFixed(2)}×`,
    target: '—',
    result: '—',
  },
  {
    measure: 'one staged spec without --cache (info: every code engine loaded)',
    spec: fmtMs(stNoCacheMed),
    other: `node -e '' ${fmtMs(nodeMed)}`,
    ratio: `${(stNoCacheMed / nodeMed).toFixed(2)}×`,
    target: '—',
    result: '—',
  },
  {
    measure: 'one spec with Go, TypeScript and SQL blocks, cold (`spec lint <file>`, every engine loaded), start to exit',
    spec: fmtMs(oneMed),
    other: `node -e '' ${fmtMs(nodeMed)}`,
    ratio: `${(oneMed / nodeMed).toFixed(2)}×`,
    target: '≤ 3×',
    result: pass(oneMed <= 3 * nodeMed),
  },
  {
    measure: `field corpus (${field.specs} markdown files written by others in ${field.repos} repositories), cold lint, one run per repository (info)`,
    spec: fmtMs(field.specMs),
    other: `markdownlint-cli2 ${fmtMs(field.mdlMs)}`,
    ratio: `${(field.specMs / field.mdlMs).toFixed(2)}×`,
    target: '—',
    result: '—',
  },
  {
    measure: `peak RSS, ${N.toLocaleString('en')} specs`,
    spec: fmtMb(sRss),
    other: `markdownlint-cli2 ${fmtMb(mRss)}`,
    ratio: '—',
    target: '≤ 300 MB',
    result: pass(sRss !== null && sRss <= 300),
  },
];
if (big) {
  rows.push({
    measure: `peak RSS, ${big.n.toLocaleString('en')} specs${big.stopped ? ` (first ≈${big.done.toLocaleString('en')}, ${BIG_BUDGET_S} s budget)` : ''}`,
    spec: `${fmtMb(big.rssMb)} (${fmtS(big.wallMs)})`,
    other: `${N.toLocaleString('en')} specs ${fmtMb(sRss)}`,
    ratio: `${(big.rssMb / sRss).toFixed(2)}×`,
    target: 'not growing (≤ 1.25×)',
    result: pass(big.rssMb !== null && big.rssMb <= 1.25 * sRss),
  });
}

const cols = ['measure', 'spec', 'other', 'ratio', 'target', 'result'];
const head = { measure: 'Measure', spec: 'spec lint', other: 'Compared with', ratio: 'Ratio', target: 'Target', result: 'Result' };
const table = [head, ...rows].map((r) => `| ${cols.map((c) => r[c]).join(' | ')} |`);
table.splice(1, 0, `|${cols.map(() => '---').join('|')}|`);
machine.loadAfter = loadavg().map((x) => +x.toFixed(2));
const totalS = (performance.now() - started) / 1000;
const command = args.length ? `node bench/run.mjs ${args.join(' ')}` : 'npm run bench';
const footer = [
  `Command: \`${command}\` — corpus: ${N.toLocaleString('en')} generated specs (seed ${SEED}, ${corpus.minLines}–${corpus.maxLines} lines each, ${(corpus.bytes / 1e6).toFixed(1)} MB), median of ${RUNS} alternating cold runs; markdownlint-cli2 ${mdlVersion} with its default rules.`,
  `Fast-path share (specs the hand-written parser takes rather than micromark): ${shareText(fastPath.corpus)} of the corpus, ${shareText(fastPath.others)} of the specs written by others (tests/parser-suites/samples, tests/field).`,
  `Machine: Node ${machine.node}, ${machine.cores} cores (${machine.cpu}), ${machine.memGb} GB; load average ${machine.loadBefore[0]} before, ${machine.loadAfter[0]} after. Total bench time ${totalS.toFixed(0)} s.`,
];
process.stdout.write(`\n${table.join('\n')}\n\n${footer.join('\n')}\n`);

const results = { date: new Date().toISOString(), command, machine, n: N, big: BIG, runs: RUNS, specCold, mdlCold, warm, prime, stagedRuns, stagedColdRuns, stagedNoCacheRuns, nodeRuns, oneFileRuns, bigRun: big, rows, fastPath: { corpus: fastPath.corpus.share, others: fastPath.others.share }, totalSeconds: totalS };
writeFileSync(join(OUT_DIR, 'results.json'), JSON.stringify(results, null, 2) + '\n');

if (args.includes('--update-docs')) {
  const doc = join(root, 'docs', 'performance.md');
  const text = readFileSync(doc, 'utf8');
  const start = '<!-- bench:start -->';
  const end = '<!-- bench:end -->';
  const i = text.indexOf(start);
  const j = text.indexOf(end);
  if (i < 0 || j < i) {
    log(`docs/performance.md has no ${start} … ${end} block: not updated`);
  } else {
    writeFileSync(doc, `${text.slice(0, i + start.length)}\n${table.join('\n')}\n\n${footer.join('\n\n')}\n${text.slice(j)}`);
    log('docs/performance.md updated');
  }
}

// then the time per engine on the examples (bench/engines.mjs, ~10 s), unless --no-engines: one script, so
// that `npm run bench -- <args>` hands its arguments to this one
if (!args.includes('--no-engines')) {
  try {
    execFileSync(process.execPath, [join(here, 'engines.mjs')], { stdio: 'inherit' });
  } catch (err) {
    process.exitCode = typeof err.status === 'number' ? err.status : 1;
  }
}
