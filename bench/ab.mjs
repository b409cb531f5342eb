#!/usr/bin/env node
/**
 * Two builds of spec side by side, on the bench corpus, runs alternating so that both meet the same machine,
 * every run cold (CI set: no resident process, src/resident/):
 * the pre-commit run (`spec lint --staged --cache` after a prose edit, each build with its own cache) and one
 * cold spec with Go, TypeScript and SQL blocks (`spec lint <file>`), against `node -e ''`. On a shared
 * machine `node -e ''` alone moves by a third from one minute to the next; a change is judged here, not by
 * two bench runs an hour apart.
 *
 *   node bench/ab.mjs <other checkout, built> [--runs 11] [--n 1000]
 *
 * e.g. `git worktree add ../old <commit> && (cd ../old && npm ci) && node bench/ab.mjs ../old`. The corpus is
 * the one `node bench/run.mjs` writes (bench/.corpus/n<N>), written here when missing.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureCorpus, specWithEveryEngine } from './corpus.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : def;
};
const other = args[0] && !args[0].startsWith('--') ? resolve(args[0]) : null;
if (!other) {
  process.stderr.write('usage: node bench/ab.mjs <other checkout, built> [--runs 11] [--n 1000]\n');
  process.exit(2);
}
const RUNS = Number(opt('--runs', '11'));
const N = Number(opt('--n', '1000'));
const dir = join(here, '.corpus', `n${N}`);
ensureCorpus({ out: dir, n: N, seed: 42 });

const builds = { other: join(other, 'bin', 'spec'), this: join(dirname(here), 'bin', 'spec') };
const spec = specWithEveryEngine(dir);
const abs = join(dir, spec);
const original = readFileSync(abs);
const caches = mkdtempSync(join(tmpdir(), 'spec-ab-'));
let k = 0;
const edit = () => {
  writeFileSync(abs, Buffer.concat([original, Buffer.from(`\n- [ASSUMPTION] Edit ${k++} of the A/B run changes nothing else.\n`)]));
  execFileSync('git', ['add', spec], { cwd: dir });
};
const time = (argv) => {
  const t = performance.now();
  const r = spawnSync(process.execPath, argv, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, CI: '1', NO_COLOR: '1' } });
  if (r.status === null || r.status > 1) throw new Error(`${argv.join(' ')} exited with ${r.status}:\n${r.stderr}`);
  return performance.now() - t;
};
const staged = (name) => [builds[name], 'lint', '--staged', '--cache', '--cache-location', join(caches, name) + '/'];
const res = { node: [], 'other staged': [], 'this staged': [], 'other file': [], 'this file': [] };
try {
  // each build's first runs write its code caches and its lint cache
  for (const name of Object.keys(builds)) {
    edit();
    time(staged(name));
    time(staged(name));
    time([builds[name], 'lint', spec]);
  }
  for (let r = 0; r < RUNS; r++) {
    for (const name of Object.keys(builds)) {
      edit();
      res[`${name} staged`].push(time(staged(name)));
    }
    res.node.push(time(['-e', '']));
    for (const name of Object.keys(builds)) res[`${name} file`].push(time([builds[name], 'lint', spec]));
  }
} finally {
  execFileSync('git', ['reset', '-q', 'HEAD', '--', spec], { cwd: dir });
  writeFileSync(abs, original);
  rmSync(caches, { recursive: true, force: true });
}
const median = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];
const base = median(res.node);
console.log(`${RUNS} alternating runs on ${spec} (${N}-spec corpus); other = ${other}`);
for (const [name, v] of Object.entries(res)) {
  console.log(`${name.padEnd(13)} median ${median(v).toFixed(0).padStart(4)} ms  ${(median(v) / base).toFixed(2)}× node -e ''  (min ${Math.min(...v).toFixed(0)}, max ${Math.max(...v).toFixed(0)})`);
}
