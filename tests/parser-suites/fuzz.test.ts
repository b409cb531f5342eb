/**
 * A seeded differential fuzzer: structural markdown (lists, quotes, tables, fences, emphasis, HTML,
 * definitions, in nesting; see generate.ts) parsed by the fast parser and by remark. Every document is
 * declined or parsed to remark's very tree. CI runs a fixed budget; a longer run, locally:
 *
 *   SPEC_FUZZ_RUNS=200000 SPEC_FUZZ_SEED=7 npx vitest run tests/parser-suites/fuzz.test.ts
 */
import { describe, expect, it } from 'vitest';
import { generateDoc } from './generate.js';
import { describeDifferences, tally } from './compare.js';

const runs = Number(process.env.SPEC_FUZZ_RUNS ?? 4000);
const seed = Number(process.env.SPEC_FUZZ_SEED ?? 1);

describe('the differential fuzzer', () => {
  it(`finds no document the fast parser gets wrong (${runs} documents, seed ${seed})`, { timeout: Math.max(120_000, runs * 20) }, () => {
    function* docs(): Generator<[string, string]> {
      for (let i = 0; i < runs; i++) yield [`seed ${seed} document ${i}`, generateDoc(seed * 1_000_003 + i)];
    }
    const t = tally(docs());
    t.differing.sort((a, b) => a.text.length - b.text.length);
    expect(t.differing, describeDifferences(t)).toEqual([]);
    // the fast path must take a share of them, or the check says nothing
    expect(t.identical).toBeGreaterThan(runs * 0.05);
  });
});
