/**
 * versionCandidates (src/lint/crossspec.ts) decides which specs a run reads to answer "who else uses
 * migration version V?": it must hold every version the model extractor can find in a spec's migration
 * paths, however the path is written. Random migration headings and path paragraphs, with every kind of
 * character before the version, check it against extractSpec; the byte scan of --staged must agree.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { extractSpec } from '../../src/model/extract.js';
import { migrationVersion, versionCandidates } from '../../src/lint/crossspec.js';
import { candidatesAmong } from '../../src/lint/changed.js';

const before = fc.constantFrom('', ' ', '/', 'migrations/', 'db/m/', 'p', 'v', 'x-', 'a.', '_', 'a_', 'a__', '_a_', 'a\\_', '*', '**', '*a*_', '`', '\\', '[', '](', '(', '"', "'", 'é', 'é_', '&amp;', '&#50;', '<b>', '<!-- c -->', '~');
const digits = fc.stringMatching(/^[0-9]{1,14}$/);
const name = fc.stringMatching(/^[a-z][a-z_]{0,10}$/);
const wrap = fc.constantFrom<[string, string]>(['', ''], ['`', '`'], ['*', '*'], ['**', '**'], ['_', '_'], ['[', '](x)'], ['`', '` (new)']);
const underscore = fc.constantFrom('_', '\\_');

const migrationText = fc
  .array(fc.tuple(fc.constantFrom('heading', 'paragraph'), wrap, before, digits, underscore, name), { minLength: 1, maxLength: 4 })
  .map((parts) => {
    const out = ['# Technical Specification: Example', '', '## 5. Database migrations', ''];
    for (const [form, [open, close], pre, v, us, n] of parts) {
      const path = `${pre}${v}${us}${n}.sql`;
      out.push(form === 'heading' ? `#### ${open}${path}${close}` : `${open}${path}${close}`, '', '```sql', '-- +goose Up', 'SELECT 1;', '-- +goose Down', 'SELECT 1;', '```', '');
    }
    return out.join('\n');
  });

describe('version candidates', () => {
  it('hold every version of every migration path the extractor finds', () => {
    let checked = 0;
    fc.assert(
      fc.property(migrationText, (text) => {
        const candidates = versionCandidates(text);
        expect(candidatesAmong(Buffer.from(text, 'utf8'))).toEqual(candidates);
        if (candidates === null) return;
        for (const m of extractSpec(text, 'tech-specs/x.md').migrations) {
          const v = m.path ? migrationVersion(m.path) : null;
          if (v !== null) (checked++, expect(candidates, `${m.path} in\n${text}`).toContain(v));
        }
      }),
      { numRuns: 600, seed: 20261122 },
    );
    expect(checked).toBeGreaterThan(200); // not vacuous
  });

  it('leave out digits inside a name (after a letter, or an `_` after one), where no migration file name starts', () => {
    const text = '# T\n\n## 5. Database migrations\n\n#### `migrations/20260101000000_a.sql`\n\n```sql\n-- +goose Up\nSELECT 1;\n-- +goose Down\nSELECT 1;\n```\n\nSee reorder_p2_1_test.go and v3_x.\n';
    expect(versionCandidates(text)).toEqual(['20260101000000']);
    expect(extractSpec(text, 'tech-specs/x.md').migrations.map((m) => m.path)).toEqual(['migrations/20260101000000_a.sql']);
  });
});
