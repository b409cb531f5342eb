import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MODEL, describeCost, estimateCost, estimateTokens, priceFor, PRICES } from '../../src/generate/models.js';
import { projectRoot } from './setup.js';

const sdk = join(projectRoot, 'node_modules', '@anthropic-ai', 'sdk');

describe('default model', () => {
  it('is a model the SDK knows and does not warn about', () => {
    const dts = readFileSync(join(sdk, 'resources', 'messages', 'messages.d.ts'), 'utf8');
    const union = /export type Model = ([^;]+);/.exec(dts)![1]!;
    const known = [...union.matchAll(/'([^']+)'/g)].map((m) => m[1]);
    expect(known).toContain(DEFAULT_MODEL);
    for (const file of [join(sdk, 'internal', 'data', 'deprecated-models.mjs'), join(sdk, 'resources', 'messages', 'messages.mjs')]) {
      const text = readFileSync(file, 'utf8');
      const table = /DEPRECATED_MODELS = \{([^}]*)\}/.exec(text);
      if (table) expect(table[1]).not.toContain(`'${DEFAULT_MODEL}'`);
    }
  });

  it('has a price', () => {
    expect(priceFor(DEFAULT_MODEL)).not.toBeNull();
  });
});

describe('cost estimate', () => {
  it('prices every kind of token', () => {
    const p = PRICES['claude-sonnet-5-5']!;
    const cost = estimateCost('claude-sonnet-5-5', { inputTokens: 1_000_000, outputTokens: 1_000_000, cacheReadTokens: 1_000_000, cacheWriteTokens: 1_000_000 });
    expect(cost).toBeCloseTo(p.input + p.output + p.cacheRead + p.cacheWrite);
  });

  it('matches dated snapshots and says when a model has no price', () => {
    expect(priceFor('claude-haiku-4-5-20251001')).toEqual(PRICES['claude-haiku-4-5']);
    expect(estimateCost('some-other-model', { inputTokens: 1, outputTokens: 1, cacheReadTokens: 0, cacheWriteTokens: 0 })).toBeNull();
    expect(describeCost('some-other-model', { inputTokens: 1, outputTokens: 1, cacheReadTokens: 0, cacheWriteTokens: 0 })).toMatch(/unknown/);
    expect(describeCost(DEFAULT_MODEL, { inputTokens: 1000, outputTokens: 1000, cacheReadTokens: 0, cacheWriteTokens: 0 })).toMatch(/^estimated cost: \$[\d.]+ .*estimate/);
  });

  it('estimates tokens from text length', () => {
    expect(estimateTokens('')).toBe(0);
    expect(estimateTokens('x'.repeat(350))).toBe(100);
  });
});
