#!/usr/bin/env node
/**
 * `spec lint --cache` on specs that share a migration version (a copy-paste accident): each spec's result
 * depends on which other specs use the version, so the cache once stored that list per spec and grew with
 * the square of the count (2,000 specs: a 414 MB cache file and 3.2 GB RSS; 5,000: heap out of memory).
 * This bench lints N copies of one spec with `--cache` (cold, then warm) and prints the cache file's size,
 * the wall time and the peak RSS, per N: the size per spec should stay about the same as N grows.
 *
 *   node bench/shared-version-cache.mjs [--n 2000,5000] [--spec bin/spec]
 *
 * Not a test: figures for docs/performance.md, nothing asserted.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = dirname(here);
const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : def;
};
const sizes = opt('--n', '2000,5000').split(',').map(Number).filter((n) => n > 0);
const SPEC_BIN = resolve(opt('--spec', join(root, 'bin', 'spec')));
const fixture = join(root, 'tests', 'fixtures', 'repo');
const spec = readFileSync(join(fixture, 'tech-specs', 'member-lookup-index.md'), 'utf8');

function run(dir, rssFile) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--require', join(here, 'maxrss.cjs'), SPEC_BIN, 'lint', '--cache', '--format', 'json', '--output-file', join(dir, 'report.json')], {
    cwd: dir,
    env: { ...process.env, BENCH_RSS_FILE: rssFile, CI: '1' },
    encoding: 'utf8',
    maxBuffer: 1024 * 1024 * 1024,
  });
  const wall = (performance.now() - t0) / 1000;
  let rss = null;
  try {
    rss = JSON.parse(readFileSync(rssFile, 'utf8')).maxRssKb / 1024;
  } catch {
    // the process died before writing it
  }
  return { status: r.status, signal: r.signal, wall, rss, stderr: r.stderr.split('\n').slice(-3).join(' ') };
}

const rows = [];
for (const n of sizes) {
  const dir = mkdtempSync(join(tmpdir(), 'spec-bench-shared-'));
  try {
    cpSync(fixture, dir, { recursive: true });
    rmSync(join(dir, 'tech-specs'), { recursive: true, force: true });
    mkdirSync(join(dir, 'tech-specs'), { recursive: true });
    for (let i = 0; i < n; i++) writeFileSync(join(dir, 'tech-specs', `copy-${String(i).padStart(5, '0')}.md`), spec.replace('# Tech Spec:', `# Tech Spec: copy ${i} of`));
    const cold = run(dir, join(dir, 'rss-cold.json'));
    let bytes = null;
    try {
      bytes = statSync(join(dir, '.spec-cache', 'lint.json')).size;
    } catch {
      // no cache written
    }
    const warm = run(dir, join(dir, 'rss-warm.json'));
    rows.push({ n, bytes, cold, warm });
    process.stderr.write(`[bench] n=${n}: cache ${bytes === null ? '-' : (bytes / 2 ** 20).toFixed(1) + ' MB'}, cold ${cold.wall.toFixed(1)} s / ${cold.rss?.toFixed(0) ?? '?'} MB (exit ${cold.status ?? cold.signal}), warm ${warm.wall.toFixed(1)} s / ${warm.rss?.toFixed(0) ?? '?'} MB\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

console.log('| specs sharing a version | cache file | bytes per spec | cold run | cold peak RSS | warm run | warm peak RSS |');
console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const r of rows) {
  const mb = (x) => (x === null ? '–' : `${(x / 2 ** 20).toFixed(1)} MB`);
  console.log(`| ${r.n} | ${mb(r.bytes)} | ${r.bytes === null ? '–' : Math.round(r.bytes / r.n)} | ${r.cold.wall.toFixed(1)} s | ${r.cold.rss?.toFixed(0) ?? '?'} MB | ${r.warm.wall.toFixed(1)} s | ${r.warm.rss?.toFixed(0) ?? '?'} MB |`);
}
