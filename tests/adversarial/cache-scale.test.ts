/**
 * `--cache` with specs that share a migration version (a copy-paste accident): every spec's result depends
 * on the answer to "who else uses version V", which lists every such spec. Stored per spec, the answer made
 * the cache file grow with the square of the number of specs (2,000 specs: 414 MB; 5,000: out of memory).
 * Stored by key it grows linearly: doubling the specs about doubles the file. (The sizes of 2,000 and 5,000
 * specs are in the bench: bench/shared-version-cache.mjs.)
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lintCached } from '../../src/lint/cache.js';
import { mergeConfig } from '../../src/lint/config.js';
import { createRepoIndex } from '../../src/lint/repo.js';
import { tempRepo, validSpecs } from './helpers.js';

const spec = validSpecs['member-lookup-index.md']!;

async function cacheSize(n: number): Promise<{ bytes: number; collisions: number }> {
  const repo = tempRepo();
  const cacheDir = mkdtempSync(join(tmpdir(), 'spec-cache-scale-'));
  try {
    const files: string[] = [];
    for (let i = 0; i < n; i++) files.push(repo.write(`tech-specs/copy-${String(i).padStart(4, '0')}.md`, spec.replace('# Tech Spec:', `# Tech Spec: copy ${i} of`)));
    const config = mergeConfig({}, repo.dir, null);
    const cacheFile = join(cacheDir, 'lint.json');
    const run = await lintCached({ config, files, repo: createRepoIndex(repo.dir), cacheFile, jobs: 0 });
    const collisions = run.results.filter((r) => r.messages.some((m) => m.ruleId === 'goose/version-unique')).length;
    return { bytes: statSync(cacheFile).size, collisions };
  } finally {
    repo.remove();
    rmSync(cacheDir, { recursive: true, force: true });
  }
}

describe('--cache with specs sharing a migration version', () => {
  it('grows linearly with the number of specs', { timeout: 240_000 }, async () => {
    const small = await cacheSize(40);
    const large = await cacheSize(160);
    // the copies do collide: every one reports the shared version
    expect(small.collisions).toBe(40);
    expect(large.collisions).toBe(160);
    // four times the specs: about four times the file (sixteen times when it grew quadratically)
    const ratio = large.bytes / small.bytes;
    expect(ratio).toBeGreaterThan(3);
    expect(ratio).toBeLessThan(5.5);
  });
});
