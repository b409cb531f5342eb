/**
 * Specs over MAX_SPEC_BYTES are reported (template/readable, an error, line 1) and not parsed, whether read
 * from disk (told by the file's size, before reading it) or given as text (staged content); a spec at the
 * limit is read as usual.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSpec, MAX_SPEC_BYTES, tooLargeMessage } from '../../src/lint/engine.js';
import { lintMany } from '../../src/lint/workers.js';
import { mergeConfig } from '../../src/lint/config.js';
import { createRepoIndex } from '../../src/lint/repo.js';

let dir: string;
const head = '# Tech Spec: Big\n\n';
const sized = (bytes: number) => head + 'word '.repeat(Math.floor((bytes - head.length) / 5)) + 'x'.repeat((bytes - head.length) % 5);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'spec-size-'));
  writeFileSync(join(dir, 'at-limit.md'), sized(MAX_SPEC_BYTES));
  writeFileSync(join(dir, 'over-limit.md'), sized(MAX_SPEC_BYTES + 1));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the spec size limit', () => {
  it('is 2 MB, and the message says what to do', () => {
    expect(MAX_SPEC_BYTES).toBe(2 * 1024 * 1024);
    expect(tooLargeMessage(10 * 1024 * 1024)).toBe(
      'the file is too large to lint (10.0 MB; the limit is 2.0 MB): a spec covers one feature and is usually well under 100 KB; split it into one spec per feature, or move long appendices, data and generated listings into separate files and link them',
    );
  });

  it('a file over the limit is one read error and an empty model; at the limit it is parsed', () => {
    const over = loadSpec(join(dir, 'over-limit.md'), 'over-limit.md');
    expect(over.readErrors).toEqual([{ message: tooLargeMessage(MAX_SPEC_BYTES + 1), loc: { line: 1, column: 1, endLine: 1, endColumn: 1 } }]);
    expect(over.lineCount).toBeLessThanOrEqual(1);
    const at = loadSpec(join(dir, 'at-limit.md'), 'at-limit.md');
    expect(at.readErrors).toEqual([]);
    expect(at.title?.name).toBe('Big');
  });

  it('text given instead of the file is measured in UTF-8 bytes', () => {
    const multi = 'é'.repeat(MAX_SPEC_BYTES / 2) + 'x'; // 2 bytes each: one byte over
    expect(loadSpec(join(dir, 'staged.md'), 'staged.md', multi).readErrors.map((e) => e.message)).toEqual([tooLargeMessage(MAX_SPEC_BYTES + 1)]);
    expect(loadSpec(join(dir, 'staged.md'), 'staged.md', sized(MAX_SPEC_BYTES)).readErrors).toEqual([]);
  });

  it('a run reports it as template/readable, an error on line 1, and nothing else', async () => {
    const config = mergeConfig({}, dir, null);
    const run = await lintMany({ config, files: [join(dir, 'over-limit.md')], repo: createRepoIndex(dir), jobs: 0 });
    const r = run.outcomes[0]!.result;
    expect(r.messages.map((m) => [m.ruleId, m.severity, m.line, m.column])).toEqual([['template/readable', 'error', 1, 1]]);
    expect(r.errorCount).toBe(1);
  });
});
