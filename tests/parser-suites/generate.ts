/**
 * A seeded generator of structural markdown for the differential fuzzer: documents built from blocks
 * (paragraphs, headings, fences, tables, lists, block quotes, HTML, definitions, breaks) nested in each
 * other, with the inline constructs specs hold (emphasis, code, links, references, images, HTML, escapes,
 * URLs, `~`), rendered with container prefixes and then lightly mutated (a prefix dropped, indentation
 * changed, a line duplicated) so that the edge cases between constructs come up too.
 */

/** mulberry32: a small deterministic generator. */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number): number => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(arr: readonly T[]): T => arr[Math.floor(next() * arr.length)]!;
  const chance = (p: number): boolean => next() < p;
  return { next, int, pick, chance };
}
export type Rng = ReturnType<typeof rng>;

const WORDS = ['a', 'b', 'foo', 'bar', 'T-001', 'US-002', 'spec', 'the', 'users', 'x_y', 'snake_case', 'v1.2', '10 %', 'é', '日本', '😀'];
const INLINE = [
  '*a*', '_a_', '**b**', '__b__', '***c***', '*', '_', '**', '`code`', '``a ` b``', '`', '[l](u)', '[l](<a b> "t")', '[l](u \'t\')',
  '[ref]', '[ref][]', '[x][ref]', '[x][', '[x][y', '[undefined]', '![img](p.png)', '![img](p.png "t")', '![ref]', '<br>', '<br/>', '<code>x</code>',
  '<details>', '</details>', '<summary>s</summary>', '<!-- c -->', '<a href="x">y</a>', '<https://a.b>', '<m@x.y>', '~', '~a~',
  '~~s~~', '~~~', '\\|', '\\*', '\\_', '\\\\', '\\[', '\\]', '&amp;', '&lt;', '&#35;', '&#x41;', '&nbsp;', '&foo;', 'https://x.io/a', 'https://x.io/a~', '(https://x.io/a)', 'https://x.io/a.', 'http://localhost:8080/a?b=c', 'www.x.io,', 'https://x.io/a*', '*https://x.io*',
  '[https://x.io](u)', 'x:https://x.io', 'https://x.io/~u/', 'https://x.io/a;b', 'https://x.io/a?', 'https://x.io/a#b!', 'https://x.io/@me', 'www.x',
  'https://x.io/a_(b)', 'http://x.io.', 'www.x.io', 'www.x.io/p?q=1', 'a@b.co', 'mailto:a@b.co', 'x@y', '@scope/p@1', '[^1]', '|', '(', ')',
  '[', ']', '!', '<', '>', '"', "'", ':', '#', '\t', 'a\tb', '&', '\\', '$x$', '{', '}', '- [ ]', '[ ]', '[x]',
  '`x|y`', '`a\\|b`', "'https://%'", 'https://', 'https://%2F', 'https://-a.io', 'https://_a.io', 'https://.a', 'https://é.io', 'HTTPS://x.io',
];

/** The inline pieces of the current document: all of them, or (in half the documents) the plainer ones. */
let pieces: readonly string[] = INLINE;
const PLAIN = INLINE.filter((p) => !/[<&~\t]|@|www|http|\[\^|!\[/.test(p));

function inline(r: Rng, min = 1, max = 6): string {
  const n = r.int(min, max);
  const parts: string[] = [];
  for (let i = 0; i < n; i++) {
    if (r.chance(0.45)) parts.push(r.pick(WORDS));
    else parts.push(r.pick(pieces));
  }
  let s = '';
  for (const p of parts) s += s === '' ? p : r.chance(0.8) ? ' ' + p : p;
  return s;
}

const LANGS = ['', 'go', 'ts', 'sql', 'bash', 'mermaid', 'json', 'go title="x"', 'yaml  ', ' ts', 'a`b', 'a&amp;', 'c\\d'];
const CODE_LINES = ['package main', '\tfmt.Println("x")', '\t\treturn nil', 'func f() {', '}', '  indented', '', '    four', 'SELECT 1;', '| not | a table |', '> not a quote', '- not a list', '```', '~~~', '<!-- x -->', '\t', ' \t x'];

type Ctx = { depth: number };

function paragraph(r: Rng): string[] {
  const lines: string[] = [];
  const n = r.int(1, 3);
  for (let i = 0; i < n; i++) {
    let l = inline(r);
    if (i < n - 1 && r.chance(0.15)) l += r.pick(['  ', '\\', '   ', ' \t']);
    lines.push(l);
  }
  return lines;
}

function fence(r: Rng): string[] {
  const ch = r.chance(0.8) ? '`' : '~';
  const len = r.int(3, 5);
  const open = ch.repeat(len) + r.pick(LANGS);
  const out = [open];
  const n = r.int(0, 5);
  for (let i = 0; i < n; i++) out.push(r.pick(CODE_LINES));
  if (r.chance(0.9)) out.push(ch.repeat(r.chance(0.8) ? len : len + 1) + (r.chance(0.1) ? ' ' : ''));
  return out;
}

function table(r: Rng): string[] {
  const cols = r.int(1, 4);
  const lead = r.chance(0.85);
  const row = (cells: string[]) => (lead ? '| ' : '') + cells.join(' | ') + (lead || r.chance(0.5) ? ' |' : '');
  const cell = () => (r.chance(0.2) ? '' : inline(r, 1, 3));
  const out = [row(Array.from({ length: cols }, cell))];
  const delim = () => r.pick(['---', ':--', '--:', ':-:', '-', '----------']);
  // `-|-` or `- | -` (which, without a leading pipe, starts a list item)
  const sep = r.chance(0.3) ? ' | ' : '|';
  out.push((lead ? '|' : '') + Array.from({ length: r.chance(0.9) ? cols : cols + 1 }, delim).join(sep) + (lead ? '|' : ''));
  const n = r.int(0, 4);
  for (let i = 0; i < n; i++) {
    const cells = Array.from({ length: r.chance(0.8) ? cols : r.int(1, 5) }, cell);
    // body rows in the other style now and then: `a | b` under `| h | h |`, and the reverse
    out.push(r.chance(0.15) ? (lead ? cells.join(' | ') : '| ' + cells.join(' | ') + ' |') : row(cells));
  }
  return out;
}

function html(r: Rng): string[] {
  return r.pick([
    ['<!-- a comment -->'],
    ['<!--', 'multi', '-->'],
    ['<!-- open', 'still -->  trailing'],
    ['<details>', '<summary>More</summary>', '', 'body', '', '</details>'],
    ['<div>', 'x', '</div>'],
    ['<br>'],
    ['<img src="x.png">'],
    ['<?php x ?>'],
    ['<table><tr><td>x</td></tr></table>'],
  ]);
}

function definition(r: Rng): string[] {
  return r.pick([
    ['[ref]: https://x.io/a'],
    ['[ref]: /u "title"'],
    ['[Ref]: <a b> \'t\''],
    ['[ref]:', '  /u'],
    ['[ref]: /u', '"title on next line"'],
    ['[a\\]b]: /u'],
    ['[a', 'b]: /u'],
    ['[x]: /u', '[y]: /v'],
    ['[^1]: a footnote'],
    ['[ref]: /u "bad" trailing'],
  ]);
}

function heading(r: Rng): string[] {
  const l = r.int(1, 7);
  return ['#'.repeat(l) + r.pick([' ', ' ', '', '\t']) + inline(r, 0, 4) + r.pick(['', '', ' #', ' ##', ' ']) ];
}

function block(r: Rng, ctx: Ctx): string[] {
  const deep = ctx.depth >= 3;
  const k = r.int(0, deep ? 8 : 11);
  switch (k) {
    case 0:
    case 1:
      return paragraph(r);
    case 2:
      return heading(r);
    case 3:
      return fence(r);
    case 4:
      return table(r);
    case 5:
      return html(r);
    case 6:
      return definition(r);
    case 7:
      return [r.pick(['---', '***', '* * *', '___', '- - -', '===', 'a\n===', 'b\n---'])].flatMap((s) => s.split('\n'));
    case 8:
      return r.chance(0.5) ? ['    indented code', '    more'] : paragraph(r);
    case 9:
    case 10:
      return list(r, ctx);
    default:
      return quote(r, ctx);
  }
}

function blocks(r: Rng, ctx: Ctx, min: number, max: number): string[] {
  const n = r.int(min, max);
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    if (i > 0 && r.chance(0.55)) out.push(...Array.from({ length: r.chance(0.85) ? 1 : 2 }, () => ''));
    out.push(...block(r, ctx));
  }
  return out;
}

function list(r: Rng, ctx: Ctx): string[] {
  const ordered = r.chance(0.35);
  const bullet = r.pick(['-', '*', '+']);
  const delim = r.pick(['.', ')']);
  let num = r.pick([1, 1, 1, 0, 2, 10, 99]);
  const n = r.int(1, 4);
  const spread = r.chance(0.3);
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    if (i > 0 && (spread || r.chance(0.1))) out.push('');
    let marker = ordered ? `${num++}${delim}` : bullet;
    if (r.chance(0.03)) marker = ordered ? bullet : '1.';
    const gap = r.pick([' ', ' ', ' ', '  ', '   ', '     ']);
    const task = r.chance(0.3) ? r.pick(['[ ] ', '[x] ', '[X] ', '[ ]', '[  ] ']) : '';
    const body = blocks(r, { depth: ctx.depth + 1 }, 1, r.chance(0.6) ? 1 : 3);
    if (r.chance(0.05)) body.unshift('');
    const indent = ' '.repeat(marker.length + gap.length);
    body.forEach((l, j) => {
      if (j === 0) out.push(marker + (l === '' ? '' : gap + task + l));
      else out.push(l === '' ? (r.chance(0.1) ? indent : '') : (r.chance(0.04) ? '' : indent) + l);
    });
  }
  return out;
}

function quote(r: Rng, ctx: Ctx): string[] {
  const body = blocks(r, { depth: ctx.depth + 1 }, 1, 3);
  const mark = r.pick(['> ', '> ', '>', '  > ']);
  return body.map((l) => (l === '' ? r.pick(['>', '> ', '']) : r.chance(0.04) ? l : mark + l));
}

/** One document: structural blocks, sometimes with front matter, then a few line-level mutations. */
export function generateDoc(seed: number): string {
  const r = rng(seed);
  pieces = r.chance(0.5) ? INLINE : PLAIN;
  const lines = blocks(r, { depth: 0 }, 1, 7);
  if (r.chance(0.08)) lines.unshift(...r.pick([['---', 'title: x', '---'], ['---', '---'], ['+++', 'a = 1', '+++'], ['---', 'a: 1']]), ...(r.chance(0.5) ? [''] : []));
  const muts = r.chance(0.5) ? 0 : r.int(1, 3);
  for (let m = 0; m < muts && lines.length > 0; m++) {
    const i = r.int(0, lines.length - 1);
    const l = lines[i]!;
    switch (r.int(0, 5)) {
      case 0:
        lines[i] = l.replace(/^(\s*)> ?/, '$1');
        break;
      case 1:
        lines[i] = '  ' + l;
        break;
      case 2:
        lines[i] = l.replace(/^ {1,4}/, '');
        break;
      case 3:
        lines.splice(i, 0, l);
        break;
      case 4:
        lines[i] = l + r.pick(['  ', '\t', ' \\']);
        break;
      default:
        lines.splice(i, 0, r.pick(['', '>', '  ', '-', '1.', '\t']));
    }
  }
  return lines.join('\n') + (r.chance(0.85) ? '\n' : '');
}
