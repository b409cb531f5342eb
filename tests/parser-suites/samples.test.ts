/**
 * Specs written outside the project (tests/parser-suites/samples: gofmt'd Go with tabs, `\|` and `<br>` in
 * table cells, `~` in prose, URLs, block quotes with lists, task items with markup): each goes through the
 * fast path and gives remark's very tree.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compare } from './compare.js';

const dir = join(dirname(fileURLToPath(import.meta.url)), 'samples');
const files = readdirSync(dir).filter((f) => f.endsWith('.md')).sort();

describe('specs written by others', () => {
  it.each(files)('%s takes the fast path with remark’s tree', (f) => {
    const o = compare(readFileSync(join(dir, f), 'utf8'));
    expect(o.kind === 'differs' ? `differs: …${o.fast.slice(Math.max(0, o.at - 120), o.at + 120)}… vs …${o.reference.slice(Math.max(0, o.at - 120), o.at + 120)}…` : o.kind).toBe('identical');
  });
});
