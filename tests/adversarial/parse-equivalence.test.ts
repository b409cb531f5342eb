/**
 * The parser's two speed-ups change no tree: GFM without autolink literals and footnotes is used only when
 * the text cannot hold them, and micromark's edits are applied in place only when that gives the same event
 * list. Checked against plain remark-gfm with micromark's own EditMap, on every fixture and on random
 * markdown.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkFrontmatter from 'remark-frontmatter';
import { EditMap } from 'micromark-util-edit-map';
import { needsFullGfm, parseMarkdown } from '../../src/markdown/parse.js';
import { editMapConsume } from '../../src/markdown/micromark.js';
import { repoRoot, validSpecs } from './helpers.js';
import { markdownFiles } from '../helpers/markdown-files.js';

const reference = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml', 'toml']);

/** The tree remark-gfm gives with micromark's own EditMap. */
function referenceTree(text: string): unknown {
  EditMap.prototype.consume = editMapConsume.original;
  try {
    return reference.parse(text);
  } finally {
    EditMap.prototype.consume = editMapConsume.inPlace;
  }
}

const PIECES = [
  '\n', '\n\n', '# ', '## ', '| ', ' | ', '|---|---|', '- ', '  - ', '    - ', '> ', '> > ', '1. ', '* ', '```', '```sql\n', '~~~', '    ',
  '**', '_', '*', '`', '~~', '~', '\\', '[', ']', '(', ')', '<', '>', '[ ] ', '[x] ', 'T-001', 'text', 'more words', '---', '\t',
  'https://example.com', 'www.example.com', 'a@b.co', '[^1]', '[^1]: note', 'mailto:a@b.co', 'WWW.X.Y', 'http://', '@scope/pkg@latest',
  'x@y', '<!-- c -->', '&amp;', '```go\ntype A struct{}\n```\n', '\u00e9', '\u{1F600}',
];
const markdown = fc.array(fc.constantFrom(...PIECES), { maxLength: 200 }).map((p) => p.join(''));
const longLists = fc
  .tuple(fc.integer({ min: 1, max: 400 }), fc.constantFrom('- ', '> - ', '1. ', '> '), fc.constantFrom('', '  - nested\n', '\n', '  continued\n'))
  .map(([n, marker, tail]) => Array.from({ length: n }, (_, i) => `${marker}item ${i}\n${tail}`).join(''));

describe('the lean parser gives the same tree as remark-gfm', () => {
  it('on every markdown file of the fixtures and the docs', () => {
    const files = [...markdownFiles(join(repoRoot, 'tests', 'fixtures')), ...markdownFiles(join(repoRoot, 'docs'))];
    expect(files.length).toBeGreaterThan(2);
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      expect(parseMarkdown(text), f).toEqual(referenceTree(text));
    }
  });

  it('on random markdown, with and without autolink and footnote triggers', { timeout: 120_000 }, () => {
    fc.assert(
      fc.property(markdown, (text) => {
        expect(parseMarkdown(text)).toEqual(referenceTree(text));
      }),
      { numRuns: 300, seed: 17 },
    );
  });

  it('on long lists and quotes (where the in-place edits apply)', { timeout: 120_000 }, () => {
    fc.assert(
      fc.property(longLists, (text) => {
        expect(parseMarkdown(text)).toEqual(referenceTree(text));
      }),
      { numRuns: 60, seed: 19 },
    );
    const spec = validSpecs['workspace-invites.md']!;
    const many = spec + '\n' + Array.from({ length: 300 }, (_, i) => `- **T-${i + 5}:** x\n  - _Implements:_ US-001\n`).join('');
    expect(parseMarkdown(many)).toEqual(referenceTree(many));
  });

  it('asks for full GFM whenever an autolink literal or a footnote could occur', () => {
    for (const t of ['see https://x.y', 'HTTP://X', 'www.a.b', 'WWW.A.B', 'mail a@b.co', 'mailto:a@b.co', 'xmpp:a@b.co/r', 'note[^1]', '[^a]: b']) {
      expect(needsFullGfm(t), t).toBe(true);
    }
    for (const t of ['npx shadcn-ui@latest add dialog', 'T-001 implements US-001', '| a | b |', 'user@host']) {
      expect(needsFullGfm(t), t).toBe(false);
    }
    expect(needsFullGfm(validSpecs['workspace-invites.md']!)).toBe(false);
  });
});
