// Per-spec time in each engine, and what --exec costs, on the project's own examples (issue: "npm run bench
// reports, per spec, the time spent in each engine; linting the examples with --exec must not take longer
// than linting without it plus one embedded-Postgres start").
//
//   node bench/engines.mjs            (npm run bench runs it after the corpus comparison)
//
// Needs a build (dist/); `npm run bench` builds first.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const dist = (p) => pathToFileURL(join(root, 'dist', p)).href;
const { lintFiles } = await import(dist('lint/engine.js'));
const { mergeConfig } = await import(dist('lint/config.js'));
const { engineTimes, resetEngineTimes } = await import(dist('code/timing.js'));
const { createRepoIndex } = await import(dist('lint/repo.js'));

const ms = (x) => `${x.toFixed(0)} ms`;

/** The example repositories: the fixture repository (migrations, Go, TS) and this project's own specs. */
const examples = [
  { name: 'tests/fixtures/repo', dir: join(root, 'tests', 'fixtures', 'repo'), specs: 'tech-specs' },
  { name: 'this project', dir: root, specs: 'tech-specs' },
];

const rows = [];
for (const ex of examples) {
  const config = mergeConfig({}, ex.dir, null);
  const repo = createRepoIndex(ex.dir);
  const specDir = join(ex.dir, ex.specs);
  const files = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else if (e.name.endsWith('.md') && e.name.toLowerCase() !== 'readme.md') files.push(join(d, e.name));
    }
  };
  walk(specDir);
  for (const file of files.sort()) {
    resetEngineTimes();
    const t0 = performance.now();
    const run = await lintFiles({ config, files: [file], repo, exec: false });
    const total = performance.now() - t0;
    const times = engineTimes();
    const engines = Object.entries(times)
      .map(([name, t]) => `${name} ${t.ms.toFixed(0)} ms (load ${t.loadMs.toFixed(0)})`)
      .join(', ');
    rows.push({ spec: `${ex.name}: ${file.slice(ex.dir.length + 1)}`, total, engines: engines || 'none', problems: run.results[0].messages.length });
  }
}

console.log('\nTime per spec and per engine (in process, first spec of a kind pays the engine load):\n');
console.log('| spec | total | engines | problems |');
console.log('|---|---|---|---|');
for (const r of rows) console.log(`| ${r.spec} | ${ms(r.total)} | ${r.engines} | ${r.problems} |`);

// --exec vs without, as processes, on the fixture repository (it has migrations), plus one PGlite start.
const tmp = mkdtempSync(join(tmpdir(), 'spec-bench-exec-'));
try {
  cpSync(examples[0].dir, tmp, { recursive: true });
  const bin = join(root, 'bin', 'spec');
  const wall = (args) => {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [bin, 'lint', ...args], { cwd: tmp, encoding: 'utf8' });
    return { ms: performance.now() - t0, status: r.status };
  };
  // warm the PGlite data-directory cache once, as a developer's second run would have it
  wall(['--exec']);
  const plain = [];
  const exec = [];
  for (let i = 0; i < 3; i++) {
    plain.push(wall([]).ms);
    exec.push(wall(['--exec']).ms);
  }
  const median = (a) => [...a].sort((x, y) => x - y)[1];
  const { PGlite } = await import('@electric-sql/pglite');
  const { pgliteStartMs } = await (async () => {
    const t0 = performance.now();
    const db = await PGlite.create();
    await db.query('select 1');
    const t = performance.now() - t0;
    await db.close();
    return { pgliteStartMs: t };
  })();
  const p = median(plain);
  const e = median(exec);
  console.log('\n--exec on tests/fixtures/repo (processes, median of 3, PGlite cache warm):\n');
  console.log('| run | wall |');
  console.log('|---|---|');
  console.log(`| spec lint | ${ms(p)} |`);
  console.log(`| spec lint --exec | ${ms(e)} |`);
  console.log(`| one embedded-Postgres start (fresh initdb, PGlite.create) | ${ms(pgliteStartMs)} |`);
  const ok = e <= p + pgliteStartMs;
  console.log(`\ntarget: --exec ≤ without + one Postgres start (${ms(p + pgliteStartMs)}): ${ok ? 'PASS' : 'FAIL'}`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
