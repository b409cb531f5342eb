/**
 * The CommonMark 0.31.2 spec examples (the `commonmark-spec` package): the fast parser declines each one or
 * gives remark's very tree, positions included.
 */
import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { describeDifferences, tally } from './compare.js';

const { tests } = createRequire(import.meta.url)('commonmark-spec') as { tests: { markdown: string; number: number; section: string }[] };

describe('the CommonMark 0.31.2 spec examples', () => {
  it('are declined or parsed to remark’s very tree', () => {
    // the spec writes a tab as →
    const t = tally(tests.map((e) => [`example ${e.number} (${e.section})`, e.markdown.replace(/→/g, '\t')]));
    expect(t.total).toBe(652);
    expect(t.differing, describeDifferences(t)).toEqual([]);
    // and the fast path takes a good share of them (a parser that declines everything would pass above)
    expect(t.identical).toBeGreaterThan(340);
  });
});
