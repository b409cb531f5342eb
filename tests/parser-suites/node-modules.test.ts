/**
 * Markdown written by others: the READMEs, changelogs and docs of the packages installed under
 * node_modules, a bounded, deterministic sample. The fast parser declines each one or gives remark's very
 * tree, positions included.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { repoRoot } from '../adversarial/helpers.js';
import { describeDifferences, tally } from './compare.js';

const root = join(repoRoot, 'node_modules');
const MAX_FILES = 400;
const MAX_BYTES = 256 * 1024;

/** Markdown files under node_modules, in a stable order (directories depth-first, sorted by name). */
function markdownFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string, depth: number) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    } catch {
      return;
    }
    for (const e of entries) {
      const p = join(dir, e.name);
      if (e.isDirectory()) {
        if (depth < 6 && e.name !== '.bin' && e.name !== '.cache') walk(p, depth + 1);
      } else if (e.isFile() && /\.(md|markdown)$/i.test(e.name) && statSync(p).size <= MAX_BYTES) {
        out.push(p);
      }
    }
  };
  walk(root, 0);
  // an even sample when more are installed than the bound
  if (out.length <= MAX_FILES) return out;
  const step = out.length / MAX_FILES;
  return Array.from({ length: MAX_FILES }, (_, i) => out[Math.floor(i * step)]!);
}

describe('the markdown files of the installed packages', () => {
  it('are declined or parsed to remark’s very tree', { timeout: 120_000 }, () => {
    const files = markdownFiles();
    expect(files.length).toBeGreaterThan(50);
    const t = tally(files.map((f) => [relative(root, f), readFileSync(f, 'utf8')]));
    expect(t.differing, describeDifferences(t)).toEqual([]);
    expect(t.identical).toBeGreaterThan(20);
  });
});
