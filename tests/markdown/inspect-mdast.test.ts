/**
 * `spec inspect --mdast <file>` prints the tree and the parser that gave it; `SPEC_PARSER=micromark` forces
 * the full parser. Through the built CLI (run `npm run build` first).
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { runCli, tempRepo } from '../adversarial/helpers.js';
import { referenceJson } from '../parser-suites/compare.js';

const spec = '# Title\n\n- [ ] **T-001:** add `x`\n\n| a | b \\| c |\n|---|---|\n| 1 | <br> |\n';

describe('spec inspect --mdast', () => {
  it('prints the fast parser’s tree, and micromark’s very tree under SPEC_PARSER=micromark', { timeout: 120_000 }, () => {
    const repo = tempRepo();
    try {
      const file = repo.write('notes/a.md', spec);
      const fast = runCli(['inspect', '--mdast', file], repo.dir);
      expect(fast.stderr).toBe('');
      expect(fast.status).toBe(0);
      const a = JSON.parse(fast.stdout) as { parser: string; tree: unknown };
      expect(a.parser).toBe('fast');
      const forced = runCli(['inspect', '--mdast', file], repo.dir, { SPEC_PARSER: 'micromark' });
      const b = JSON.parse(forced.stdout) as { parser: string; tree: unknown };
      expect(b.parser).toBe('micromark');
      expect(JSON.stringify(a.tree)).toBe(JSON.stringify(b.tree));
      expect(JSON.stringify(a.tree)).toBe(referenceJson(spec));
    } finally {
      repo.remove();
    }
  });

  it('says micromark for a text the fast parser declines, and rejects a missing file cleanly', { timeout: 120_000 }, () => {
    const repo = tempRepo();
    try {
      const file = repo.write('notes/setext.md', 'Title\n=====\n');
      const r = runCli(['inspect', '--mdast', file], repo.dir);
      const out = JSON.parse(r.stdout) as { parser: string; tree: { children: { type: string }[] } };
      expect(out.parser).toBe('micromark');
      expect(out.tree.children[0]!.type).toBe('heading');
      const missing = runCli(['inspect', '--mdast', join(repo.dir, 'nope.md')], repo.dir);
      expect(missing.status).not.toBe(0);
      expect(missing.stderr).toMatch(/no such file/);
      expect(missing.stderr).not.toMatch(/\n\s+at /);
    } finally {
      repo.remove();
    }
  });
});
