// `spec tasks` at scale (issue 14: a 4,000-task chain took 12 s and 10,000 over 120 s and 1.8 GB, from a
// transitive closure per task). Generates specs of N tasks — a chain (each task depends on the one before) —
// and runs `spec tasks --format json` on each from the bundle (bin/spec), reporting wall time and peak RSS.
// For information, a fan of 1,000 (every task depends on T-0001): there the output itself is quadratic
// (each task's `parallelWith` lists most of the others), so its cost is the output's, not the algorithm's.
// Not a test: figures, no pass/fail.
//
//   node bench/tasks.mjs                 (4,000 and 10,000 tasks)
//   node bench/tasks.mjs --n 2000,20000
//
// Needs a build (dist/); `npm run build` first.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const arg = process.argv.indexOf('--n');
const sizes = arg > 0 ? process.argv[arg + 1].split(',').map(Number) : [4000, 10000];

const id = (i) => `T-${String(i + 1).padStart(4, '0')}`;

/** A spec with `n` tasks; `deps(i)` names the dependencies of task i. */
function spec(n, deps) {
  const out = ['# Tech Spec: Scale', '', '**Type:** Engineering-initiated', '**Status:** Draft', '', '## 6. Implementation Tasks', '', '### Phase 1: Work', ''];
  for (let i = 0; i < n; i++) {
    out.push(
      `- **${id(i)}:** Step ${i + 1}`,
      '  - _Implements:_ ER-001',
      `  - _Description:_ Do step ${i + 1}.`,
      '  - _Files:_',
      `    - Modify: \`internal/step${i % 50}/step.go\` — step ${i + 1}`,
      `  - _Done condition:_ \`go test ./internal/step${i % 50}/... -run TestStep${i + 1}\` passes.`,
      `  - _Dependencies:_ ${deps(i).join(', ') || 'None'}`,
      '',
    );
  }
  return out.join('\n');
}

const dir = mkdtempSync(join(tmpdir(), 'spec-bench-tasks-'));
writeFileSync(join(dir, 'spec.config.json'), '{}\n');
const rows = [];
try {
  const runs = [...sizes.map((n) => [n, 'chain', (i) => (i ? [id(i - 1)] : [])]), [1000, 'fan', (i) => (i ? [id(0)] : [])]];
  for (const [n, shape, deps] of runs) {
    {
      const file = join(dir, `${shape}-${n}.md`);
      writeFileSync(file, spec(n, deps));
      const rss = join(dir, 'rss.json');
      const t0 = performance.now();
      const r = spawnSync(process.execPath, ['--require', join(root, 'bench', 'maxrss.cjs'), join(root, 'bin', 'spec'), 'tasks', file, '--format', 'json'], {
        cwd: dir,
        env: { ...process.env, BENCH_RSS_FILE: rss },
        maxBuffer: 1 << 30,
        encoding: 'utf8',
      });
      const wall = performance.now() - t0;
      if (r.status !== 0) throw new Error(`spec tasks failed on ${shape}-${n}: ${r.stderr}`);
      const graph = JSON.parse(r.stdout);
      const levels = graph.levels.length;
      const { maxRssKb } = JSON.parse(readFileSync(rss, 'utf8'));
      rows.push({ tasks: n, shape, levels, wall: `${(wall / 1000).toFixed(2)} s`, rss: `${(maxRssKb / 1024).toFixed(0)} MB` });
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log('| Tasks | Shape | Levels | spec tasks (wall) | Peak RSS |');
console.log('|---|---|---|---|---|');
for (const r of rows) console.log(`| ${r.tasks.toLocaleString('en-US')} | ${r.shape} | ${r.levels} | ${r.wall} | ${r.rss} |`);
