/**
 * The hand-written parser (src/markdown/fast.ts) gives remark's very tree — types, fields, positions — or
 * gives up (null) so that micromark parses the text. Checked against remark-parse with remark-gfm and
 * front matter on the project's specs, generated bench specs, random structural markdown and random
 * mutations of specs; and the constructs it leaves to micromark are checked to be left.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import type { Root } from 'mdast';
import { fastParse } from '../../src/markdown/fast.js';
import { parseMarkdown } from '../../src/markdown/parse.js';
// @ts-expect-error: a plain ES module of the bench (no types)
import { buildSpec } from '../../bench/corpus.mjs';
import { repoRoot } from '../adversarial/helpers.js';
import { markdownFiles } from '../helpers/markdown-files.js';

// as `spec` configures micromark: remark-gfm and front matter
const remark = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml', 'toml']);
const reference = (text: string): Root => JSON.parse(JSON.stringify(remark.parse(text))) as Root;

/** fastParse's tree equals remark's, or fastParse declined; returns whether it parsed. */
function agrees(text: string): boolean {
  const tree = fastParse(text);
  if (tree === null) return false;
  expect(JSON.parse(JSON.stringify(tree)), JSON.stringify(text.slice(0, 300))).toEqual(reference(text));
  return true;
}

const specFiles = [
  ...markdownFiles(join(repoRoot, 'tech-specs')),
  ...markdownFiles(join(repoRoot, 'prds')),
  ...markdownFiles(join(repoRoot, 'tests', 'fixtures', 'repo')),
];

describe('fastParse gives remark’s tree', () => {
  it('on the project’s specs and PRDs and the fixture specs, without falling back', () => {
    expect(specFiles.length).toBeGreaterThan(4);
    for (const f of specFiles) expect(agrees(readFileSync(f, 'utf8')), f).toBe(true);
  });

  it('on generated bench specs (lists, block-quote tasks, tables, fences) without falling back', () => {
    for (let i = 0; i < 20; i++) expect(agrees(buildSpec(i * 37 + 5).spec), `spec ${i}`).toBe(true);
  });

  it('on the docs (where it may fall back)', () => {
    for (const f of markdownFiles(join(repoRoot, 'docs'))) agrees(readFileSync(f, 'utf8'));
  });

  const prefix = fc.constantFrom('', '', '', ' ', '  ', '   ', '    ', '     ', '> ', '>', '  > ', '>   ');
  const marker = fc.constantFrom('', '', '', '- ', '* ', '+ ', '1. ', '2. ', '1) ', '10. ', '-  ', '-   ', '- [ ] ', '- [x] ', '1.  ');
  const content = fc.constantFrom(
    'a', 'b c', '**T-001:** x', '_Files:_', '`x` y', 'foo *bar*', '```', '```go', '~~~', '# h', '## h2 ##', '---', '***', '| a | b |',
    '|---|---|', '| 1 | 2 |', '|:--|--:|', '<!-- c -->', 'text  ', 'end\\', '', '', '* * *', '- b', '1. c', '2) x', '[l](u)',
    '[l](<a b> "t")', '&#65; &#x263A;', '\\* \\_', '**a**b**', '*a **b** c*', '_x_y_', '__a__', 'a*b*c', 'x `` y ` z `` w', '***x***',
  );
  const line = fc.tuple(prefix, marker, marker, content).map((p) => p.join(''));
  const doc = fc.tuple(fc.array(line, { minLength: 1, maxLength: 16 }), fc.boolean()).map(([ls, nl]) => ls.join('\n') + (nl ? '\n' : ''));

  it('on random structural markdown (containers, blank lines, fences, tables, emphasis)', { timeout: 120_000 }, () => {
    let parsed = 0;
    fc.assert(
      fc.property(doc, (text) => {
        if (agrees(text)) parsed++;
      }),
      { numRuns: 3000, seed: 7 },
    );
    expect(parsed).toBeGreaterThan(500);
  });

  it('on random mutations of a spec (lines deleted, duplicated, indented, blank lines, inline tokens)', { timeout: 120_000 }, () => {
    const base = readFileSync(join(repoRoot, 'tests', 'fixtures', 'repo', 'tech-specs', 'workspace-invites.md'), 'utf8').split('\n');
    const token = fc.constantFrom('*', '_', '**', '`', '[', ']', '](x)', '|', ' | ', '> ', '- ', '1. ', '# ', '  ', '\\', '- [ ] ', '***', '---', '```', '\n', ':', '!', '(', ')');
    const edit = fc.tuple(fc.nat(), fc.integer({ min: 0, max: 6 }), fc.nat(), token);
    let parsed = 0;
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 4 }), (edits) => {
        const lines = [...base];
        for (const [at, op, col, tok] of edits) {
          const i = at % lines.length;
          const l = lines[i]!;
          if (op === 0) lines.splice(i, 1);
          else if (op === 1) lines.splice(i, 0, lines[(i * 7) % lines.length]!);
          else if (op === 2) lines[i] = '  ' + l;
          else if (op === 3) lines[i] = l.replace(/^ {1,2}/, '');
          else if (op === 4) lines.splice(i, 0, '');
          else if (op === 5) lines[i] = l + '  ';
          else lines[i] = l.slice(0, col % (l.length + 1)) + tok + l.slice(col % (l.length + 1));
        }
        if (agrees(lines.join('\n'))) parsed++;
      }),
      { numRuns: 150, seed: 11 },
    );
    expect(parsed).toBeGreaterThan(40);
  });

  it('on cases that once differed', () => {
    const cases = [
      'Type: `boolean`\\\nDefault: `true`\n',
      '| a | b |\n|---|---|\n\n| 1 | 2 |\n',
      '> a\n> \n\nx\n',
      '> a\n>\n\nx\n',
      '>  \nx\n',
      '> - a\n> - b\n>   - c\n  > - d\n>   - e\n',
      '```go  x  y  \na\n```\n',
      '  <!-- c\n   d -->\n\n- a\n\n     <!-- c -->\n',
      '- [ ] ***\n  > 2. x\n',
      '> [l](u)\n> \n',
      '- a\n\n- b\n  - c\n\n  more\n- d\n',
      '- a\n- b\n\npara\n\n- a\n\n  - b\n',
      '```\ncode\n\n',
      '',
    ];
    for (const c of cases) expect(agrees(c), JSON.stringify(c)).toBe(true);
  });

  it('on the table and URL forms of specs written by others, without falling back', () => {
    const cases = [
      // GFM splits cells at an unescaped pipe inside a code span too
      '| `x|y` | z |\n| - | - | - |\n| `a|b` | c |\n',
      '| `a\\|b` | c |\n|-|-|\n| `x|y` | z |\n',
      // tables without leading pipes, and rows without them under a table with them
      'Req ID | Requirement\n--- | ---\nER-001 | Bookings are idempotent\nER-002 | x `y` |\n',
      '| a | b |\n|---|---|\nx | y |\n',
      'a | b\n--- | ---\n> c | d\n',
      'a | b\n--- | ---\n- c | d\n',
      // a protocol with no domain after it is text
      "Match with `LIKE` and 'https://%' so any host passes\n",
      'https:// x\n',
      'HTTP://%\n',
    ];
    for (const c of cases) expect(agrees(c), JSON.stringify(c)).toBe(true);
  });
});

describe('fastParse leaves to micromark what it does not handle', () => {
  it.each([
    ['a setext heading', 'Title\n=====\n'],
    ['a setext heading with dashes', 'Title\n---\n'],
    ['indented code', '    code\n'],
    ['a link definition in a list item', '- [a]: /u\n'],
    ['a link definition over lines', '[a]:\n  /u\n'],
    ['raw HTML that is not a block or a one-line tag', '<pre>\nx\n</pre>\n'],
    ['an autolink', 'see <irc:chan>\n'],
    ['a footnote', 'a[^1]\n\n[^1]: b\n'],
    ['a URL micromark may trim (an autolink literal)', 'see https://example.com/x_(y)\n'],
    ['an e-mail address (an autolink literal)', 'mail a@b.co\n'],
    ['strikethrough', 'a ~~b~~ c\n'],
    ['a named character reference that specs seldom use', 'a &AElig; b\n'],
    ['a tab in indentation', '-\ta\n'],
    ['a lazy continuation line', '> a\nb\n'],
    ['CRLF line endings', 'a\r\nb\r\n'],
    ['front matter without its closing fence', '---\ntitle: x\n'],
    ['an empty list item', '-\n  a\n'],
    ['nested block quotes', '> > a\n'],
    ['a delimiter row that starts a list item (`- | -`)', '| a | b |\n- | -\n| c | d |\n'],
    ['a table row without an unescaped pipe', '| a |\n| - |\nb \\| c\n'],
    ['a header row that may be a definition', '[a] | b\n--- | ---\n'],
    ['a delimiter row indented four spaces', 'a | b\n    -|-\n'],
    ['an HTML block left open in a block quote the next line ends', '> <!--\n> multi\n- b\n'],
    ['an HTML block left open in a block quote in a list item', '- > <!--\n  > multi\n> -->\n'],
    ['an indented table row without a leading pipe', 'a | b\n--- | ---\n  c | d\n'],
    ['a list item line that ends inside a reference label (`[x][`)', '- a [x][\n  **b**\n'],
    ['a block quote line that ends inside a reference label (`[x][y`)', '> a [x][y\n> `c`\n'],
    ['a block quote line that ends inside a reference label with an escaped bracket', '> a [x][y \\] z\n> ***c***\n'],
  ])('%s', (_name, text) => {
    expect(fastParse(text)).toBeNull();
    // and parseMarkdown still parses it (with micromark)
    expect(parseMarkdown(text).type).toBe('root');
  });
});
