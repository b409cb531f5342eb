/**
 * The near-linear helpers of task/order and template/placeholder give exactly what the scans they replace
 * gave: a regex per path (task/order), `some(within)` over every range and a slice per offset
 * (template/placeholder). Random inputs over small alphabets, so that matches, boundaries and line breaks
 * are frequent.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PathReferences } from '../../src/rules/task/order.js';
import { containment, locWithin } from '../../src/rules/template/placeholder.js';
import type { Loc } from '../../src/model/types.js';

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const byRegex = (paths: string[], text: string) =>
  new Set(paths.filter((p) => new RegExp(`(?<![\\w./-])${escapeRe(p)}(?![\\w/-]|\\.\\w)`).test(text)));

describe('task/order: PathReferences', () => {
  const chars = fc.constantFrom('a', 'b', '/', '.', '-', '_', ' ', '`', '(', '1', 'é', '\n');
  const str = (max: number) => fc.array(chars, { maxLength: max }).map((a) => a.join(''));

  it('finds the paths each regex finds', () => {
    fc.assert(
      fc.property(fc.uniqueArray(str(6), { maxLength: 12 }), str(80), (paths, text) => {
        // texts built from the paths themselves, so that references are common
        const withPaths = paths.length ? `${text} ${paths[0]} x${paths[paths.length - 1]}.go ${paths.join(' ')}` : text;
        for (const t of [text, withPaths]) expect(new PathReferences(paths).in(t)).toEqual(byRegex(paths, t));
      }),
      { numRuns: 2000, seed: 7 },
    );
  });

  it('paths that are prefixes of each other, at the ends of the text', () => {
    const paths = ['a', 'a/b', 'a/b.go', 'a/b.go.txt', 'b', ''];
    for (const text of ['a', 'a/b', 'a/b.go', 'a/b.go.', 'a/b.go.t', 'xa/b', ' a/b.', '.a', 'a-', 'a/b.go)', '']) {
      expect(new PathReferences(paths).in(text), text).toEqual(byRegex(paths, text));
    }
  });
});

describe('template/placeholder: containment and locWithin', () => {
  const within = (inner: Loc, outer: Loc) =>
    (outer.line < inner.line || (outer.line === inner.line && outer.column <= inner.column)) &&
    (outer.endLine > inner.endLine || (outer.endLine === inner.endLine && outer.endColumn >= inner.endColumn));
  const loc = fc
    .tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 1, max: 6 }))
    .map(([line, column, span, endColumn]) => ({ line, column, endLine: line + span, endColumn: span === 0 ? Math.max(column, endColumn) : endColumn }));

  it('answers as some(within) does', () => {
    fc.assert(
      fc.property(fc.array(loc, { maxLength: 10 }), fc.array(loc, { maxLength: 10 }), (outers, inners) => {
        const contains = containment(outers);
        for (const inner of inners) expect(contains(inner)).toBe(outers.some((o) => within(inner, o)));
      }),
      { numRuns: 3000, seed: 11 },
    );
  });

  // the implementation it replaces: a slice and a regex per offset
  const oldLocWithin = (node: Loc, text: string, start: number, end: number): Loc => {
    const at = (offset: number) => {
      const before = text.slice(0, offset);
      const breaks = before.match(/\r\n|\r|\n/g)?.length ?? 0;
      if (breaks === 0) return { line: node.line, column: node.column + offset };
      const lastBreak = Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r'));
      return { line: node.line + breaks, column: offset - lastBreak };
    };
    const a = at(start);
    const b = at(end);
    return { line: a.line, column: a.column, endLine: b.line, endColumn: b.column };
  };

  it('locWithin places offsets as before, \\r\\n, \\r and \\n alike', () => {
    const text = fc.array(fc.constantFrom('a', 'b', '\r', '\n', '\r\n', ' '), { maxLength: 40 }).map((a) => a.join(''));
    fc.assert(
      fc.property(text, text, fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 8 }), (t1, t2, offsets) => {
        const node = { line: 3, column: 5, endLine: 9, endColumn: 2 };
        for (const t of [t1, t2, t1]) {
          for (const [x, y] of offsets) {
            const start = x % (t.length + 1);
            const end = start + (y % (t.length - start + 1));
            expect(locWithin(node, t, start, end)).toEqual(oldLocWithin(node, t, start, end));
          }
        }
      }),
      { numRuns: 2000, seed: 13 },
    );
  });
});
