/**
 * The built CLI loads the micromark parser on first need (`require` of dist/markdown/micromark.js): a spec
 * the fast parser leaves alone is linted like any other.
 */
import { describe, expect, it } from 'vitest';
import { fastParse } from '../../src/markdown/fast.js';
import { runCli, tempRepo, validSpecs } from '../adversarial/helpers.js';

describe('a spec that needs micromark, through the built CLI', () => {
  it('is linted with the same findings as the fast-parsed spec it extends', { timeout: 120_000 }, () => {
    const base = validSpecs['workspace-invites.md']!;
    // a setext heading after the last line: the fast parser declines the whole text
    const slow = `${base}\nSee the runbook\n===============\n`;
    expect(fastParse(base)).not.toBeNull();
    expect(fastParse(slow)).toBeNull();
    const repo = tempRepo();
    try {
      repo.write('tech-specs/fast.md', base);
      repo.write('tech-specs/slow.md', slow);
      const r = runCli(['lint', '--format', 'json'], repo.dir);
      expect(r.stderr).toBe('');
      const results = JSON.parse(r.stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string; line: number }> }>;
      const byFile = (name: string) => results.find((x) => x.filePath.endsWith(name))!.messages.map((m) => `${m.ruleId}:${m.line}`);
      expect(byFile('slow.md').filter((m) => m.startsWith('lint/'))).toEqual([]);
      // the setext heading is one more heading at the end; everything above it reads the same
      expect(byFile('slow.md').filter((m) => Number(m.split(':').at(-1)) < base.split('\n').length)).toEqual(byFile('fast.md'));
    } finally {
      repo.remove();
    }
  });
});
