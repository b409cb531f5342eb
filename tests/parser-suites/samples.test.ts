/**
 * Specs written outside the project — tests/parser-suites/samples and the field corpus of house styles
 * (tests/field: gofmt'd Go with tabs, `\|`, `<br>` and code spans holding pipes in table cells, tables without
 * leading pipes, `~` in prose, URLs and `'https://%'`, block quotes with lists, task items with markup): each
 * goes through the fast path and gives remark's very tree.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compare } from './compare.js';
import { markdownFiles } from '../helpers/markdown-files.js';

const here = dirname(fileURLToPath(import.meta.url));
const tests = dirname(here);
const files = [...markdownFiles(join(here, 'samples')), ...markdownFiles(join(tests, 'field'))].map((f) => relative(tests, f)).sort();

describe('specs written by others', () => {
  it('include the field corpus', () => expect(files.length).toBeGreaterThanOrEqual(23));

  it.each(files)('%s takes the fast path with remark’s tree', (f) => {
    const o = compare(readFileSync(join(tests, f), 'utf8'));
    expect(o.kind === 'differs' ? `differs: …${o.fast.slice(Math.max(0, o.at - 120), o.at + 120)}… vs …${o.reference.slice(Math.max(0, o.at - 120), o.at + 120)}…` : o.kind).toBe('identical');
  });
});
