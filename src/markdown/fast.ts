/**
 * A hand-written parser for the markdown a spec is written in, giving the very same mdast (node types,
 * fields and positions) as remark-parse with GFM tables and task lists. Specs are headings, paragraphs,
 * lists, block quotes, fenced code, pipe tables and HTML comments; parsing those directly is several times
 * faster than micromark's general state machines and allocates a fraction of the garbage.
 *
 * It is a fast path, not a second markdown implementation: whenever the text holds something it does not
 * handle exactly as micromark does — setext headings, indented code, link definitions, raw HTML other than
 * comments, autolinks, images, strikethrough, named character references, tabs in indentation, lazy
 * continuation lines, CRLF… — `fastParse` returns `null` and the caller parses the text with micromark.
 * The equivalence is tested against remark over the project's specs, the bench corpus and random mutations
 * of them (tests/markdown/fast.test.ts).
 */
import type {
  Root,
  RootContent,
  PhrasingContent,
  Paragraph,
  Heading,
  List,
  ListItem,
  Blockquote,
  Code,
  Html,
  Table,
  TableRow,
  TableCell,
  ThematicBreak,
  Text,
  AlignType,
} from 'mdast';
import type { Point, Position } from 'unist';
import { lineIndex } from './lines.js';

/** Thrown inside the parser when the text needs micromark; never escapes `fastParse`. */
class Unsupported extends Error {}
const bail = (): never => {
  throw new Unsupported();
};

// ----- positions -------------------------------------------------------------------------------------------

class Lines {
  readonly starts: number[] = [0];
  constructor(readonly text: string) {
    let i = text.indexOf('\n');
    while (i !== -1) {
      this.starts.push(i + 1);
      i = text.indexOf('\n', i + 1);
    }
  }
  /** Line index (0-based) of an offset. */
  lineOf(offset: number): number {
    return lineIndex(this.starts, offset);
  }
  point(offset: number, line?: number): Point {
    const l = line ?? this.lineOf(offset);
    return { line: l + 1, column: offset - this.starts[l]! + 1, offset };
  }
  pos(start: number, end: number, startLine?: number, endLine?: number): Position {
    return { start: this.point(start, startLine), end: this.point(end, endLine) };
  }
}

// ----- character classes -----------------------------------------------------------------------------------

const SPACE = 32;
const isAsciiPunct = (c: number) => (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126);
const UNICODE_WS = /\s/;
const UNICODE_PUNCT = /\p{P}|\p{S}/u;
/** micromark's classifyCharacter: 1 whitespace (or edge), 2 punctuation, 0 other. */
function classify(code: number): 0 | 1 | 2 {
  if (Number.isNaN(code) || code === SPACE || code === 10 || code === 9 || code === 13) return 1;
  if (code < 128) return isAsciiPunct(code) ? 2 : 0;
  const ch = String.fromCharCode(code);
  if (UNICODE_WS.test(ch)) return 1;
  if (UNICODE_PUNCT.test(ch)) return 2;
  return 0;
}

// ----- inline --------------------------------------------------------------------------------------------

/**
 * Whether a line opens a full reference's second label (`][`) that it does not close: no unescaped `]`
 * after it on the line (`[x][`, `[x][y \] z`), or a `[` first (nested brackets: left to micromark).
 */
function opensSecondLabel(line: string): boolean {
  for (let i = line.indexOf(']['); i >= 0; i = line.indexOf('][', i + 1)) {
    let j = i + 2;
    for (;;) {
      if (j >= line.length) return true;
      const ch = line.charCodeAt(j);
      if (ch === 0x5c) j += 2; // a backslash escapes what follows
      else if (ch === 0x5d) break; // `]`: closed on this line
      else if (ch === 0x5b) return true; // `[`
      else j++;
    }
  }
  return false;
}

/** One line of inline content: `text.slice(start, end)`, its trailing whitespace included. */
interface Segment {
  start: number;
  end: number;
  line: number;
  /** A paragraph's later line: where it starts after its containers' prefixes (its indentation included). */
  from?: number;
}

interface TextPiece {
  kind: 'text';
  value: string;
  start: number;
  end: number;
}
interface NodePiece {
  kind: 'node';
  node: PhrasingContent;
}
interface DelimPiece {
  kind: 'delim';
  char: number;
  /** Offsets of the characters still unused. */
  start: number;
  end: number;
  origLength: number;
  canOpen: boolean;
  canClose: boolean;
  active: boolean;
}
interface BracketPiece {
  kind: 'bracket';
  /** The offset of `[`, or of `!` for an image's `![`. */
  start: number;
  active: boolean;
  image?: boolean;
}
type Piece = TextPiece | NodePiece | DelimPiece | BracketPiece;

/**
 * Emphasis delimiter runs and brackets in one paragraph, heading or cell beyond which the text goes to
 * micromark (matching looks back for openers: thousands of them would take quadratic time).
 */
const MAX_DELIMITER_RUNS = 2000;

class InlineParser {
  /** Whether a bracket pair could have been a reference, had a definition matched it. */
  sawLabel = false;
  /**
   * @param defs the normalized labels of the document's definitions (a first pass runs with none; when it
   *   finds some and a bracket pair that could use one, the text is parsed again with them)
   */
  constructor(private readonly src: string, private readonly lines: Lines, private readonly defs: ReadonlySet<string>) {}

  /**
   * Inline content of a paragraph, heading or cell: `segs` are its lines (the first starts at the content,
   * each runs to its line's end). Returns mdast phrasing nodes.
   */
  parse(segs: Segment[], inTable = false): PhrasingContent[] {
    const src = this.src;
    const pieces: Piece[] = [];
    let delims = 0;
    /** Tilde runs that could open / close strikethrough, by size (1 or 2): a pair is micromark's. */
    let tildeOpen = 0;
    const textPiece = (value: string, start: number, end: number) => {
      pieces.push({ kind: 'text', value, start, end });
    };
    /** Where to go on in the next segment, when a code span ran onto it. */
    let resume = -1;
    segments: for (let si = 0; si < segs.length; si++) {
      const seg = segs[si]!;
      const isLast = si === segs.length - 1;
      // the line's content without its trailing whitespace (a line suffix or a hard break)
      let contentEnd = seg.end;
      while (contentEnd > seg.start && (src.charCodeAt(contentEnd - 1) === SPACE || src.charCodeAt(contentEnd - 1) === 9)) contentEnd--;
      if (src.slice(contentEnd, seg.end).includes('\t')) bail();
      let i = resume >= 0 ? resume : seg.start;
      resume = -1;
      let runStart = i;
      let escapedBreak = false;
      const flush = (to: number) => {
        if (to > runStart) textPiece(src.slice(runStart, to), runStart, to);
      };
      while (i < contentEnd) {
        const c = src.charCodeAt(i);
        switch (c) {
          case 96 /* ` */: {
            let n = i;
            while (n < contentEnd && src.charCodeAt(n) === 96) n++;
            const len = n - i;
            // the closing run of the same length, on this line
            let j = n;
            let close = -1;
            while (j < contentEnd) {
              const k = src.indexOf('`', j);
              if (k === -1 || k >= contentEnd) break;
              let m = k;
              while (m < contentEnd && src.charCodeAt(m) === 96) m++;
              if (m - k === len) {
                close = k;
                break;
              }
              j = m;
            }
            if (close === -1 && !isLast) {
              // a code span that runs onto later lines: its line endings stay, the container prefixes go
              let sj = si + 1;
              let k = -1;
              for (; sj < segs.length; sj++) {
                k = findRun(src, segs[sj]!.start, segs[sj]!.end, len);
                if (k !== -1) break;
              }
              if (k !== -1) {
                const last = segs[sj]!;
                let value = src.slice(n, seg.end);
                for (let x = si + 1; x < sj; x++) value += '\n' + src.slice(segs[x]!.from ?? bail(), segs[x]!.end);
                value += '\n' + src.slice(last.from ?? bail(), k);
                if (value.includes('\t') || inTable) bail();
                const pad = (ch: number) => ch === SPACE || ch === 10;
                if (pad(value.charCodeAt(0)) && pad(value.charCodeAt(value.length - 1)) && /[^ \n]/.test(value)) value = value.slice(1, -1);
                flush(i);
                pieces.push({ kind: 'node', node: { type: 'inlineCode', value, position: this.lines.pos(i, k + len, seg.line, last.line) } });
                resume = k + len;
                si = sj - 1;
                continue segments;
              }
            }
            if (close === -1) {
              // micromark's text after it then takes in the next line's container prefix: not modelled
              if (!isLast && segs[si + 1]!.start !== this.lines.starts[segs[si + 1]!.line]) bail();
              i = n;
              continue; // literal back-ticks stay in the text run
            }
            flush(i);
            let value = src.slice(n, close);
            // in a table cell an escaped pipe is a pipe, even in code (mdast-util-gfm-table)
            if (inTable && value.includes('\\|')) value = value.replace(/\\([\\|])/g, (m, ch: string) => (ch === '|' ? ch : m));
            if (value.length >= 2 && value.charCodeAt(0) === SPACE && value.charCodeAt(value.length - 1) === SPACE && /[^ ]/.test(value)) value = value.slice(1, -1);
            pieces.push({ kind: 'node', node: { type: 'inlineCode', value, position: this.lines.pos(i, close + len, seg.line, seg.line) } });
            i = close + len;
            runStart = i;
            continue;
          }
          case 92 /* \ */: {
            const next = src.charCodeAt(i + 1);
            if (i + 1 < contentEnd && isAsciiPunct(next)) {
              flush(i);
              textPiece(src[i + 1]!, i, i + 2);
              i += 2;
              runStart = i;
              continue;
            }
            if (i + 1 === contentEnd && contentEnd === seg.end && !isLast) {
              // a backslash hard break
              flush(i);
              const nl = seg.end;
              pieces.push({ kind: 'node', node: { type: 'break', position: this.lines.pos(i, nl + 1, seg.line, seg.line + 1) } });
              escapedBreak = true;
              i = contentEnd;
              runStart = i;
              continue;
            }
            i++;
            continue;
          }
          case 38 /* & */: {
            const rest = src.slice(i, Math.min(contentEnd, i + 40));
            const m = /^&(?:#([0-9]{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]{0,31}));/.exec(rest);
            if (!m) {
              i++;
              continue;
            }
            const value = m[3] !== undefined ? (NAMED_REFERENCES[m[3]] ?? bail()) : decodeNumeric(m[1] !== undefined ? Number.parseInt(m[1], 10) : Number.parseInt(m[2]!, 16));
            flush(i);
            textPiece(value, i, i + m[0].length);
            i += m[0].length;
            runStart = i;
            continue;
          }
          case 60 /* < */: {
            const next = src.charCodeAt(i + 1);
            if ((next >= 65 && next <= 90) || (next >= 97 && next <= 122) || next === 47 || next === 33 || next === 63) {
              // inline HTML on one line: an open or closing tag, or a comment; anything else is micromark's
              const len = inlineHtmlAt(src, i, contentEnd);
              if (len === 0) bail();
              flush(i);
              pieces.push({ kind: 'node', node: { type: 'html', value: src.slice(i, i + len), position: this.lines.pos(i, i + len, seg.line, seg.line) } });
              i += len;
              runStart = i;
              continue;
            }
            i++;
            continue;
          }
          case 126 /* ~ */: {
            // strikethrough (`~a~`, `~~a~~`) is micromark's; a tilde that cannot pair is text
            let n = i;
            while (n < contentEnd && src.charCodeAt(n) === 126) n++;
            const size = n - i;
            if (size <= 2) {
              const before = classify(i === seg.start ? Number.NaN : src.charCodeAt(i - 1));
              const after = classify(n >= contentEnd ? Number.NaN : src.charCodeAt(n));
              const open = after === 0 || (after === 2 && before !== 0);
              const close = before === 0 || (before === 2 && after !== 0);
              if (close && tildeOpen & size) bail();
              if (open) tildeOpen |= size;
            }
            i = n;
            continue;
          }
          case 33 /* ! */:
            if (src.charCodeAt(i + 1) === 91) {
              if (++delims > MAX_DELIMITER_RUNS) bail();
              flush(i);
              pieces.push({ kind: 'bracket', start: i, active: true, image: true });
              i += 2;
              runStart = i;
              continue;
            }
            i++;
            continue;
          case 42 /* * */:
          case 95 /* _ */: {
            flush(i);
            let n = i;
            while (n < contentEnd && src.charCodeAt(n) === c) n++;
            const before = classify(i === seg.start ? Number.NaN : src.charCodeAt(i - 1));
            // the run's following character: the line's end counts as whitespace
            const after = classify(n >= contentEnd ? Number.NaN : src.charCodeAt(n));
            const open = after === 0 || (after === 2 && before !== 0);
            const close = before === 0 || (before === 2 && after !== 0);
            const canOpen = c === 42 ? open : open && (before !== 0 || !close);
            const canClose = c === 42 ? close : close && (after !== 0 || !open);
            // emphasis matching looks back for openers: thousands of runs in one paragraph are micromark's
            if (++delims > MAX_DELIMITER_RUNS) bail();
            pieces.push({ kind: 'delim', char: c, start: i, end: n, origLength: n - i, canOpen, canClose, active: true });
            i = n;
            runStart = i;
            continue;
          }
          case 91 /* [ */: {
            if (++delims > MAX_DELIMITER_RUNS) bail();
            flush(i);
            pieces.push({ kind: 'bracket', start: i, active: true });
            i++;
            runStart = i;
            continue;
          }
          case 93 /* ] */: {
            if (++delims > MAX_DELIMITER_RUNS) bail();
            flush(i);
            const handled = this.closeBracket(pieces, i, contentEnd, seg);
            if (handled > 0) {
              i = handled;
            } else {
              textPiece(']', i, i + 1);
              i++;
            }
            runStart = i;
            continue;
          }
          case 104 /* h */:
          case 119 /* w */: {
            const len = c === 104 ? (src.startsWith('http://', i) || src.startsWith('https://', i) ? urlLiteralAt(src, i, contentEnd) : 0) : src.startsWith('www.', i) ? urlLiteralAt(src, i, contentEnd) : 0;
            if (len === 0) {
              i++;
              continue;
            }
            // a GFM autolink literal, the plain kind: after a space, a line start or `(`, outside brackets
            const prev = i === seg.start ? SPACE : src.charCodeAt(i - 1);
            if (prev !== SPACE && prev !== 40) bail();
            if (pieces.some((x) => x.kind === 'bracket')) bail();
            flush(i);
            const raw = src.slice(i, i + len);
            const pos = this.lines.pos(i, i + len, seg.line, seg.line);
            const textNode: Text = { type: 'text', value: raw, position: this.lines.pos(i, i + len, seg.line, seg.line) };
            pieces.push({ kind: 'node', node: { type: 'link', title: null, url: c === 119 ? 'http://' + raw : raw, children: [textNode], position: pos } });
            i += len;
            runStart = i;
            continue;
          }
          default:
            i++;
            continue;
        }
      }
      flush(contentEnd);
      if (!isLast && !escapedBreak) {
        const trailing = seg.end - contentEnd;
        if (trailing >= 2) {
          pieces.push({ kind: 'node', node: { type: 'break', position: this.lines.pos(contentEnd, seg.end + 1, seg.line, seg.line + 1) } });
        } else {
          textPiece('\n', seg.end, seg.end + 1);
        }
      }
    }
    // brackets never closed are text
    processEmphasis(pieces, -1, this.lines);
    return toNodes(pieces, 0, pieces.length, this.lines);
  }

  /** At `]` (offset `at`): an inline link `[text](destination "title")`, or nothing (returns 0). */
  private closeBracket(pieces: Piece[], at: number, contentEnd: number, seg: Segment): number {
    let oi = pieces.length - 1;
    while (oi >= 0 && pieces[oi]!.kind !== 'bracket') oi--;
    if (oi < 0) return 0;
    const opener = pieces[oi] as BracketPiece;
    const asText: TextPiece = opener.image ? { kind: 'text', value: '![', start: opener.start, end: opener.start + 2 } : { kind: 'text', value: '[', start: opener.start, end: opener.start + 1 };
    if (!opener.active) {
      pieces.splice(oi, 1, asText);
      return 0;
    }
    const resource = parseResource(this.src, at + 1, contentEnd);
    if (!resource) {
      if (this.src.charCodeAt(at + 1) === 40 /* ( */) bail();
      this.sawLabel = true;
      const ref = this.defs.size > 0 ? this.reference(opener, at, contentEnd) : null;
      if (!ref) {
        // `[x]`, `[x][y]` and `[x][]` without a definition are text
        pieces.splice(oi, 1, asText);
        return 0;
      }
      if (opener.start < seg.start) bail();
      processEmphasis(pieces, oi, this.lines);
      const children = toNodes(pieces, oi + 1, pieces.length, this.lines);
      const position = this.lines.pos(opener.start, ref.end, seg.line, seg.line);
      const { label, identifier, referenceType } = ref;
      if (opener.image) {
        pieces.splice(oi, pieces.length - oi, { kind: 'node', node: { type: 'imageReference', alt: plainText(children), position, label, identifier, referenceType } as PhrasingContent });
        return ref.end;
      }
      pieces.splice(oi, pieces.length - oi, { kind: 'node', node: { type: 'linkReference', children, position, label, identifier, referenceType } as PhrasingContent });
      for (let k = 0; k < oi; k++) {
        const p = pieces[k]!;
        if (p.kind === 'bracket' && !p.image) p.active = false;
      }
      return ref.end;
    }
    // the link text must not span lines (mdast drops line endings in links)
    if (opener.start < seg.start) bail();
    processEmphasis(pieces, oi, this.lines);
    const children = toNodes(pieces, oi + 1, pieces.length, this.lines);
    const end = resource.end;
    if (opener.image) {
      // an image: its description is its alt text; links before it stay possible
      const image: PhrasingContent = { type: 'image', title: resource.title, url: resource.url, alt: plainText(children), position: this.lines.pos(opener.start, end, seg.line, seg.line) };
      pieces.splice(oi, pieces.length - oi, { kind: 'node', node: image });
      return end;
    }
    const link: PhrasingContent = {
      type: 'link',
      title: resource.title,
      url: resource.url,
      children: children as never,
      position: this.lines.pos(opener.start, end, seg.line, seg.line),
    };
    pieces.splice(oi, pieces.length - oi, { kind: 'node', node: link });
    // no links in links: earlier openers become inactive
    for (let k = 0; k < oi; k++) {
      const p = pieces[k]!;
      if (p.kind === 'bracket' && !p.image) p.active = false;
    }
    return end;
  }

  /**
   * At `]` (offset `at`) with no resource after it: the reference `[text][label]`, `[text][]` or `[text]`
   * whose label a definition has, or null (text). Forms whose reading would depend on more than that are
   * micromark's.
   */
  private reference(opener: BracketPiece, at: number, contentEnd: number): { end: number; label: string; identifier: string; referenceType: 'full' | 'collapsed' | 'shortcut' } | null {
    const src = this.src;
    const textRaw = src.slice(opener.start + (opener.image ? 2 : 1), at);
    const textKey = labelKey(textRaw);
    if (src.charCodeAt(at + 1) === 91 /* [ */) {
      let k = at + 2;
      for (; k < contentEnd; k++) {
        const c = src.charCodeAt(k);
        if (c === 92) k++;
        else if (c === 91) bail();
        else if (c === 93) break;
      }
      if (k >= contentEnd) bail();
      const raw = k === at + 2 ? null : src.slice(at + 2, k);
      const key = raw === null ? textKey : labelKey(raw);
      if (key !== null && this.defs.has(key)) {
        const label = raw ?? textRaw;
        return { end: k + 1, label: unescape(label), identifier: key.toLowerCase(), referenceType: raw === null ? 'collapsed' : 'full' };
      }
      if (textKey !== null && this.defs.has(textKey)) bail();
      return null;
    }
    if (textKey !== null && this.defs.has(textKey)) return { end: at + 1, label: unescape(textRaw), identifier: textKey.toLowerCase(), referenceType: 'shortcut' };
    return null;
  }
}

/**
 * micromark's normalizeIdentifier of a raw label, or null when it cannot be a label (an unescaped bracket,
 * a line ending, blank, over 999 characters).
 */
function labelKey(raw: string): string | null {
  if (raw.length > 999 || raw.includes('\n')) return null;
  for (let k = 0; k < raw.length; k++) {
    const c = raw.charCodeAt(k);
    if (c === 92) k++;
    else if (c === 91 || c === 93) return null;
  }
  const key = raw.replace(/[\t\n\r ]+/g, ' ').replace(/^ | $/g, '').toLowerCase().toUpperCase();
  return key === '' ? null : key;
}

const OPEN_TAG = /^<[A-Za-z][A-Za-z0-9-]*(?:[ \t]+[A-Za-z_:][A-Za-z0-9_.:-]*(?:[ \t]*=[ \t]*(?:[^ \t"'=<>`]+|'[^'\n]*'|"[^"\n]*"))?)*[ \t]*\/?>/;
const CLOSE_TAG = /^<\/[A-Za-z][A-Za-z0-9-]*[ \t]*>/;

/**
 * The length of the inline HTML at `i` (an open or closing tag, or a comment) that ends within the line, or
 * 0: then it may span lines, or be a declaration, processing instruction or CDATA — micromark's.
 */
function inlineHtmlAt(src: string, i: number, end: number): number {
  const next = src.charCodeAt(i + 1);
  if (next === 33 /* ! */) {
    if (!src.startsWith('<!--', i)) return 0;
    if (src.startsWith('<!-->', i)) return 5;
    if (src.startsWith('<!--->', i)) return 6;
    const close = src.indexOf('-->', i + 4);
    return close !== -1 && close + 3 <= end ? close + 3 - i : 0;
  }
  if (next === 63 /* ? */) return 0;
  const rest = src.slice(i, end);
  const m = next === 47 ? CLOSE_TAG.exec(rest) : OPEN_TAG.exec(rest);
  return m ? m[0].length : 0;
}

/** mdast-util-to-string of phrasing nodes: values (text, code, HTML), image alts, children. */
function plainText(nodes: PhrasingContent[]): string {
  let out = '';
  for (const n of nodes) {
    if ('value' in n) out += n.value;
    else if (n.type === 'image') out += n.alt ?? '';
    else if ('children' in n) out += plainText(n.children as PhrasingContent[]);
  }
  return out;
}

/**
 * The named character references specs use (HTML's, as micromark decodes them); any other name is
 * micromark's.
 */
const NAMED_REFERENCES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: '\u0027', nbsp: '\u00a0', mdash: '\u2014', ndash: '\u2013',
  hellip: '\u2026', rarr: '\u2192', larr: '\u2190', harr: '\u2194', uarr: '\u2191', darr: '\u2193', rArr: '\u21d2',
  lArr: '\u21d0', hArr: '\u21d4', copy: '\u00a9', reg: '\u00ae', trade: '\u2122', times: '\u00d7', divide: '\u00f7',
  middot: '\u00b7', bull: '\u2022', deg: '\u00b0', plusmn: '\u00b1', laquo: '\u00ab', raquo: '\u00bb',
  lsquo: '\u2018', rsquo: '\u2019', ldquo: '\u201c', rdquo: '\u201d', sbquo: '\u201a', bdquo: '\u201e',
  para: '\u00b6', sect: '\u00a7', euro: '\u20ac', pound: '\u00a3', yen: '\u00a5', cent: '\u00a2', le: '\u2264',
  ge: '\u2265', ne: '\u2260', asymp: '\u2248', infin: '\u221e', minus: '\u2212', lowast: '\u2217', prime: '\u2032',
  Prime: '\u2033', shy: '\u00ad', zwj: '\u200d', zwnj: '\u200c', thinsp: '\u2009', ensp: '\u2002', emsp: '\u2003',
  check: '\u2713', cross: '\u2717', star: '\u2606', hearts: '\u2665', larrhk: '\u21a9', iexcl: '\u00a1',
  iquest: '\u00bf', acute: '\u00b4', micro: '\u00b5', frac12: '\u00bd', frac14: '\u00bc', frac34: '\u00be',
  sup2: '\u00b2', sup3: '\u00b3', alpha: '\u03b1', beta: '\u03b2', gamma: '\u03b3', delta: '\u03b4',
  lambda: '\u03bb', mu: '\u03bc', pi: '\u03c0', sigma: '\u03c3', omega: '\u03c9', Delta: '\u0394', Sigma: '\u03a3',
  Omega: '\u03a9',
};

function decodeNumeric(code: number): string {
  // micromark-util-decode-numeric-character-reference
  if (
    code < 9 || code === 11 || (code > 13 && code < 32) || (code > 126 && code < 160) || (code > 55_295 && code < 57_344) ||
    (code > 64_975 && code < 65_008) || (code & 65_535) === 65_535 || (code & 65_535) === 65_534 || code > 1_114_111
  ) {
    return '\uFFFD';
  }
  return String.fromCodePoint(code);
}

/** `(destination "title")` from `i` (at the `(`), within the line; null when it is not one. */
function parseResource(src: string, i: number, end: number): { url: string; title: string | null; end: number } | null {
  if (src.charCodeAt(i) !== 40) return null;
  let p = i + 1;
  while (p < end && src.charCodeAt(p) === SPACE) p++;
  let url = '';
  if (src.charCodeAt(p) === 60 /* < */) {
    const q = p + 1;
    let k = q;
    while (k < end) {
      const c = src.charCodeAt(k);
      if (c === 62) break;
      if (c === 60) return null;
      if (c === 92 && k + 1 < end) {
        k += 2;
        continue;
      }
      k++;
    }
    if (k >= end) return null;
    url = unescape(src.slice(q, k));
    p = k + 1;
  } else {
    const q = p;
    let depth = 0;
    while (p < end) {
      const c = src.charCodeAt(p);
      if (c === 92 && p + 1 < end && isAsciiPunct(src.charCodeAt(p + 1))) {
        p += 2;
        continue;
      }
      if (c <= 32 || c === 127) break;
      if (c === 40) {
        depth++;
        if (depth > 32) return null;
      } else if (c === 41) {
        if (depth === 0) break;
        depth--;
      }
      p++;
    }
    if (depth !== 0) return null;
    url = unescape(src.slice(q, p));
  }
  let title: string | null = null;
  const beforeWs = p;
  while (p < end && src.charCodeAt(p) === SPACE) p++;
  const tc = src.charCodeAt(p);
  if ((tc === 34 || tc === 39 || tc === 40) && p > beforeWs) {
    const closeCh = tc === 40 ? 41 : tc;
    let k = p + 1;
    while (k < end) {
      const c = src.charCodeAt(k);
      if (c === 92 && k + 1 < end) {
        k += 2;
        continue;
      }
      if (c === closeCh) break;
      if (tc === 40 && c === 40) return null;
      k++;
    }
    if (k >= end) return null;
    title = unescape(src.slice(p + 1, k));
    p = k + 1;
    while (p < end && src.charCodeAt(p) === SPACE) p++;
  }
  if (src.charCodeAt(p) !== 41) return null;
  return { url, title, end: p + 1 };
}

/** Backslash escapes and numeric references in a destination or title (a named one: micromark). */
function unescape(s: string): string {
  if (!s.includes('\\') && !s.includes('&')) return s;
  return s.replace(/\\([!-/:-@[-`{-~])|&(?:#([0-9]{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]{0,31}));/g, (m, esc: string | undefined, dec: string | undefined, hex: string | undefined, named: string | undefined) => {
    if (esc !== undefined) return esc;
    if (named !== undefined) return NAMED_REFERENCES[named] ?? bail();
    return decodeNumeric(dec !== undefined ? Number.parseInt(dec, 10) : Number.parseInt(hex!, 16));
  });
}

/** CommonMark's "process emphasis" over `pieces` above `bottom` (exclusive). */
function processEmphasis(pieces: Piece[], bottom: number, lines: Lines): void {
  let ci = bottom + 1;
  while (ci < pieces.length) {
    const closer = pieces[ci]!;
    if (closer.kind !== 'delim' || !closer.canClose) {
      ci++;
      continue;
    }
    // look back for an opener
    let oi = ci - 1;
    let found = -1;
    while (oi > bottom) {
      const op = pieces[oi]!;
      if (op.kind === 'delim' && op.char === closer.char && op.canOpen && op.end > op.start) {
        // micromark's rule of 3 counts what is left of each run, not its original length
        const closerLen = closer.end - closer.start;
        const oddMatch = (op.canClose || closer.canOpen) && closerLen % 3 !== 0 && (op.end - op.start + closerLen) % 3 === 0;
        if (!oddMatch) {
          found = oi;
          break;
        }
      }
      oi--;
    }
    if (found === -1) {
      ci++;
      continue;
    }
    const opener = pieces[found] as DelimPiece;
    const use = opener.end - opener.start >= 2 && closer.end - closer.start >= 2 ? 2 : 1;
    const openStart = opener.end - use;
    const closeEnd = closer.start + use;
    const children = toNodes(pieces, found + 1, ci, lines);
    const node: PhrasingContent = {
      type: use === 2 ? 'strong' : 'emphasis',
      children: children as never,
      position: lines.pos(openStart, closeEnd),
    };
    opener.end = openStart;
    closer.start = closeEnd;
    pieces.splice(found + 1, ci - found - 1, { kind: 'node', node });
    ci = found + 2;
    if (opener.end === opener.start) {
      pieces.splice(found, 1);
      ci--;
    }
    if (closer.end === closer.start) {
      pieces.splice(ci, 1);
    }
  }
}

/**
 * The length of a plain URL at `i` (`http://`, `https://` or `www.`): a domain of letters, digits, `-` and
 * `.`, then a path of unreserved characters, up to a space or the line's end, less its trailing
 * punctuation (`.,:;?!` and a `)`). 0 (the text goes to micromark) for anything else — an underscore, a
 * bracket, an entity, emphasis characters — whose reading micromark's rules would decide.
 */
function urlLiteralAt(src: string, i: number, end: number): number {
  let e = i;
  while (e < end) {
    const c = src.charCodeAt(e);
    if (c === SPACE || c === 9) break;
    e++;
  }
  const run = src.slice(i, e);
  if (PROTOCOL_WITHOUT_DOMAIN.test(run)) return 0;
  const m = /^(?:https?:\/\/|www\.)([A-Za-z0-9][A-Za-z0-9-]*(?:\.[A-Za-z0-9-]+)*)((?:[/?#:][A-Za-z0-9\-.~/?#=%+:@,;$]*?)?)([.,:;?!)]*)$/.exec(run);
  if (!m) bail();
  const [, domain, path, trail] = m as unknown as [string, string, string, string];
  // the path must not end in what micromark trims (it is in `trail` then), nor hold a `)` or a dot run
  if (/[.,:;?!~]$/.test(path) || (run.startsWith('www.') && !domain.includes('.'))) bail();
  return run.length - trail.length;
}

// `https://` then nothing, a space or ASCII punctuation other than `-`, `.`, `_` has no domain: text for
// micromark (its domain needs a character) and for mdast-util-gfm-autolink-literal (`[-.\w]+`) alike
const NOT_DOMAIN_START = '\\s!-,/:-@[-^`{-~';
const PROTOCOL_WITHOUT_DOMAIN = new RegExp(`^https?://(?:$|[${NOT_DOMAIN_START}])`);
// text that could hold a GFM autolink literal: a protocol with a domain, `www.`, an e-mail address
const AUTOLINK_LITERAL = new RegExp(`https?://(?![${NOT_DOMAIN_START}]|$)|www\\.|@[\\w-]+\\.`, 'i');

/** Pieces → mdast nodes, adjacent text merged (delimiters and brackets left over are text). */
function toNodes(pieces: Piece[], from: number, to: number, lines: Lines): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  let text: { value: string; start: number; end: number } | null = null;
  const emit = () => {
    if (text) {
      // text that could hold a GFM autolink literal (a URL, `www.`, an e-mail address) is micromark's; a
      // URL in a link destination or in code is no text and stays on the fast path
      if (AUTOLINK_LITERAL.test(text.value)) bail();
      out.push({ type: 'text', value: text.value, position: lines.pos(text.start, text.end) } as Text);
      text = null;
    }
  };
  const add = (value: string, start: number, end: number) => {
    if (text) {
      text.value += value;
      text.end = end;
    } else {
      text = { value, start, end };
    }
  };
  for (let k = from; k < to; k++) {
    const p = pieces[k]!;
    switch (p.kind) {
      case 'text':
        add(p.value, p.start, p.end);
        break;
      case 'delim':
        if (p.end > p.start) add(String.fromCharCode(p.char).repeat(p.end - p.start), p.start, p.end);
        break;
      case 'bracket':
        if (p.image) add('![', p.start, p.start + 2);
        else add('[', p.start, p.start + 1);
        break;
      case 'node':
        emit();
        out.push(p.node);
        break;
    }
  }
  emit();
  return out;
}

// ----- blocks --------------------------------------------------------------------------------------------

type Leaf =
  | { kind: 'paragraph'; segs: Segment[] }
  | { kind: 'code'; start: number; startLine: number; fenceChar: number; fenceLen: number; indent: number; lang: string | null; meta: string | null; lines: string[] }
  | { kind: 'html'; start: number; startLine: number; lines: string[]; end: number; endLine: number; untilBlank?: boolean }
  | { kind: 'table'; align: AlignType[]; rows: { start: number; end: number; line: number }[]; delimEnd: number; delimLine: number };

/** A list still open for items: its node and the kind of marker that continues it. */
interface OpenList {
  node: List;
  bullet: number;
  delim: number;
}

interface Container {
  kind: 'root' | 'blockquote' | 'listItem';
  node: Root | Blockquote | ListItem;
  children: RootContent[];
  /** listItem: how far its content is indented from its parent's content. */
  contentCol: number;
  /** The list a listItem belongs to. */
  list?: OpenList;
  /** The end of the container's last content (offset, line). */
  lastEnd: number;
  lastEndLine: number;
  start: number;
  startLine: number;
  leaf: Leaf | null;
  /** A blank line was seen directly in this container since its last content. */
  blankSeen: boolean;
  /** The open list among this container's children (a new item of the same kind joins it). */
  openList: OpenList | null;
  /** Whether a task-list check is allowed on this item's first paragraph. */
  firstParagraph: boolean;
  /**
   * listItem: `>` blank lines seen last in it, inside a block quote. micromark gives them to the innermost
   * list: when that list ends there, it ends at the last one's prefix (two of them make it spread) and the
   * items around it see no blank line; when the item or its list goes on, they are ordinary blank lines.
   */
  quotedBlank?: { count: number; end: number; line: number };
}

/** Whether `s.slice(from, to)` is blank (spaces only); a blank run holding a tab is micromark's. */
const isBlankFrom = (s: string, from: number, to: number) => {
  let tab = false;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c !== SPACE) {
      if (c !== 9) return false;
      tab = true;
    }
  }
  if (tab) bail();
  return true;
};

class BlockParser {
  private readonly lines: Lines;
  private readonly inline: InlineParser;
  private readonly stack: Container[];

  /** The normalized labels of the definitions met. */
  readonly foundDefs = new Set<string>();

  constructor(private readonly src: string, defs: ReadonlySet<string> = new Set()) {
    this.lines = new Lines(src);
    this.inline = new InlineParser(src, this.lines, defs);
    const root: Root = { type: 'root', children: [] };
    this.stack = [
      { kind: 'root', node: root, children: root.children, contentCol: 0, lastEnd: 0, lastEndLine: 0, start: 0, startLine: 0, leaf: null, blankSeen: false, openList: null, firstParagraph: false },
    ];
  }

  parse(): Root {
    const { src, lines } = this;
    const n = lines.starts.length;
    // a final newline does not start a line
    const count = src.length > 0 && src.charCodeAt(src.length - 1) === 10 ? n - 1 : src.length === 0 ? 0 : n;
    const from = this.frontMatter(count);
    for (let li = from; li < count; li++) {
      if (li === this.skipLine) continue;
      const ls = lines.starts[li]!;
      const le = li + 1 < n ? lines.starts[li + 1]! - 1 : src.length;
      this.line(li, ls, le);
    }
    while (this.stack.length > 1) this.closeTop();
    const root = this.stack[0]!;
    this.closeLeaf(root);
    const rootNode = root.node as Root;
    rootNode.position = { start: { line: 1, column: 1, offset: 0 }, end: lines.point(src.length) };
    return rootNode;
  }

  /**
   * YAML (`---`) or TOML (`+++`) front matter on the first lines, as remark-frontmatter has it: a node in
   * the root, the fences' lines excluded from its value. Returns the line the document goes on at.
   */
  private frontMatter(count: number): number {
    const { src, lines } = this;
    const fence = src.slice(0, 3);
    if (fence !== '---' && fence !== '+++') return 0;
    const lineEnd = (li: number) => (li + 1 < lines.starts.length ? lines.starts[li + 1]! - 1 : src.length);
    // fences with trailing whitespace, or no closing fence: micromark decides
    if (lineEnd(0) !== 3) bail();
    for (let li = 1; li < count; li++) {
      const ls = lines.starts[li]!;
      const le = lineEnd(li);
      if (!src.startsWith(fence, ls)) continue;
      if (le !== ls + 3) bail();
      const value = li === 1 ? '' : src.slice(4, ls - 1);
      const root = this.stack[0]!;
      root.children.push({ type: fence === '---' ? 'yaml' : 'toml', value, position: this.lines.pos(0, le, 0, li) } as RootContent);
      this.noteEnd(root, le, li);
      return li + 1;
    }
    return bail();
  }

  private indentAt(pos: number, le: number): number {
    let p = pos;
    while (p < le && this.src.charCodeAt(p) === SPACE) p++;
    if (p < le && this.src.charCodeAt(p) === 9) bail();
    return p - pos;
  }

  private line(li: number, ls: number, le: number): void {
    debugLine = li + 1;
    const src = this.src;
    const stack = this.stack;
    let pos = ls;
    let matched = 1;
    // 1. continue the open containers
    for (; matched < stack.length; matched++) {
      const c = stack[matched]!;
      if (c.kind === 'blockquote') {
        const ind = this.indentAt(pos, le);
        if (ind <= 3 && src.charCodeAt(pos + ind) === 62 /* > */) {
          pos += ind + 1;
          if (src.charCodeAt(pos) === SPACE) pos++;
          else if (src.charCodeAt(pos) === 9) bail();
          continue;
        }
        break;
      }
      // a list item: a blank line, or content indented to the item's content column
      if (isBlankFrom(src, pos, le)) {
        pos = Math.min(le, pos + c.contentCol);
        continue;
      }
      // the item's indentation in spaces; what follows it (a tab in a Go fence) is content
      const ind = countSpaces(src, pos, le);
      if (ind >= c.contentCol) {
        pos += c.contentCol;
        continue;
      }
      if (src.charCodeAt(pos + ind) === 9) bail();
      break;
    }
    const allMatched = matched === stack.length;
    const inner = stack[stack.length - 1]!;
    if (inner.quotedBlank && !isBlankFrom(src, pos, le)) {
      // the item goes on, or a new item of its list follows (only the item ends): ordinary blank lines
      const sibling = matched === stack.length - 1 && this.listMarker(pos + this.indentAt(pos, le), le) !== null;
      if (allMatched || sibling) {
        inner.quotedBlank = undefined;
        inner.blankSeen = true;
      }
    }
    const rest = pos;
    // blank after the prefixes of the containers it continues
    const blank = isBlankFrom(src, rest, le);
    const top = stack[stack.length - 1]!;

    // an HTML block left open in a block quote that this line does not continue: micromark may keep the line
    // ending in the block's value (when the containers end up to the root) — not modelled here
    if (!allMatched && !blank && top.leaf?.kind === 'html') bail();

    // 2. an open fenced code or HTML block in the innermost container takes the line
    if (allMatched && top.leaf && (top.leaf.kind === 'code' || top.leaf.kind === 'html')) {
      if (this.leafLine(top, top.leaf, li, ls, rest, le)) return;
    }
    const openPara = top.leaf?.kind === 'paragraph' ? top.leaf : null;

    if (blank) {
      // a `>` blank line in a list inside a block quote: micromark ends the list (and its items) at that
      // line's prefix, and counts two such lines as a spread list — not modelled here
      let quoted = false;
      for (let k = 1; k < matched; k++) {
        if (stack[k]!.kind === 'blockquote') quoted = true;
        else if (quoted) {
          const inner = stack[stack.length - 1]!;
          if (matched !== stack.length || inner.kind !== 'listItem' || rest !== le) bail();
          this.closeLeaf(inner);
          const prev = inner.quotedBlank;
          inner.quotedBlank = { count: (prev?.count ?? 0) + 1, end: le, line: li };
          for (let j = 1; j < stack.length; j++) if (stack[j]!.kind === 'blockquote') this.noteEnd(stack[j]!, le, li);
          return;
        }
      }
      // a blank line ends the containers that need a marker (block quotes) and the open paragraph or table
      while (stack.length > matched) this.closeTop();
      const cur = stack[stack.length - 1]!;
      this.closeLeaf(cur);
      cur.blankSeen = true;
      // a block quote's blank lines are part of it (a list item's are not)
      for (let k = 1; k < stack.length; k++) if (stack[k]!.kind === 'blockquote') this.noteEnd(stack[k]!, le, li);
      return;
    }

    // 3. new containers
    let p = rest;
    const newContainers: { kind: 'blockquote' | 'listItem'; at: number; contentCol: number; bullet: number; delim: number; start: number | null }[] = [];
    for (;;) {
      const ind = this.indentAt(p, le);
      if (ind >= 4) break;
      const q = p + ind;
      const c = src.charCodeAt(q);
      if (c === 62 /* > */) {
        newContainers.push({ kind: 'blockquote', at: q, contentCol: 0, bullet: 0, delim: 0, start: null });
        p = q + 1;
        if (src.charCodeAt(p) === SPACE) p++;
        else if (src.charCodeAt(p) === 9) bail();
        continue;
      }
      const item = this.listMarker(q, le);
      if (!item) break;
      // a thematic break wins over a bullet
      if ((c === 45 || c === 42) && isThematic(src, q, le)) break;
      const contentStart = item.markerEnd;
      let sp = 0;
      while (contentStart + sp < le && src.charCodeAt(contentStart + sp) === SPACE) sp++;
      if (contentStart + sp < le && src.charCodeAt(contentStart + sp) === 9) bail();
      // an ordered item other than 1. does not interrupt a paragraph in its own container
      // (micromark asks this for every container that starts on the line while the paragraph is open)
      const interrupting = openPara !== null && allMatched;
      if (interrupting && item.start !== null && item.start !== 1) break;
      if (contentStart + sp >= le) bail(); // an item that starts blank
      if (sp >= 5) bail(); // indented code in an item
      // the item's content column, relative to its container's content on this line
      newContainers.push({ kind: 'listItem', at: q, contentCol: contentStart + sp - p, bullet: item.bullet, delim: item.delim, start: item.start });
      p = contentStart + sp;
    }

    const ind = this.indentAt(p, le);
    const q = p + ind;

    if (newContainers.length === 0 && openPara) {
      if (allMatched) {
        if (isSetextUnderline(src, q, le)) bail();
        if (!this.startsLeaf(q, le, ind)) {
          if (isTableDelimiterRow(src, q, le)) bail();
          openPara.segs.push({ start: q, end: le, line: li, from: p });
          this.noteEnd(top, le, li);
          return;
        }
      } else if (!this.startsLeaf(q, le, ind)) {
        bail(); // a lazy continuation line
      }
    }
    // close the containers that did not match
    const closedItem = stack.length > matched && stack[matched]!.kind === 'listItem';
    while (stack.length > matched) this.closeTop();
    let cur = stack[stack.length - 1]!;
    if (newContainers.length > 0 || cur.leaf?.kind !== 'table') this.closeLeaf(cur);
    const hadBlank = cur.blankSeen;
    if (closedItem && cur.openList && stack.some((x) => x.kind === 'blockquote')) {
      // a list that ends inside a block quote that goes on: after a blank line or where another list starts,
      // micromark ends it at its container exit, not at its last item
      const first = newContainers[0];
      const joins = first?.kind === 'listItem' && first.bullet === cur.openList.bullet && first.delim === cur.openList.delim;
      if (!joins && (hadBlank || newContainers.length > 0)) bail();
    }
    cur.blankSeen = false;

    for (let k = 0; k < newContainers.length; k++) {
      const nc = newContainers[k]!;
      this.closeLeaf(cur);
      if (nc.kind === 'blockquote') {
        // block quotes in block quotes end where micromark's container exits fall: not handled
        if (stack.some((x) => x.kind === 'blockquote')) bail();
        if (k === 0 && hadBlank && cur.kind === 'listItem') (cur.node as ListItem).spread = true;
        cur.openList = null;
        const node: Blockquote = { type: 'blockquote', children: [] };
        cur.children.push(node);
        const c: Container = { kind: 'blockquote', node, children: node.children, contentCol: 0, lastEnd: nc.at + 1, lastEndLine: li, start: nc.at, startLine: li, leaf: null, blankSeen: false, openList: null, firstParagraph: false };
        stack.push(c);
        cur = c;
        continue;
      }
      let list = cur.openList;
      if (list && (list.bullet !== nc.bullet || list.delim !== nc.delim)) list = null;
      if (list) {
        // a blank line between two items of a list
        if (k === 0 && hadBlank) list.node.spread = true;
      } else {
        if (k === 0 && hadBlank && cur.kind === 'listItem') (cur.node as ListItem).spread = true;
        const node: List = { type: 'list', ordered: nc.start !== null, start: nc.start, spread: false, children: [] };
        cur.children.push(node);
        list = { node, bullet: nc.bullet, delim: nc.delim };
        cur.openList = list;
      }
      const itemNode: ListItem = { type: 'listItem', spread: false, checked: null, children: [] };
      list.node.children.push(itemNode);
      const c: Container = { kind: 'listItem', node: itemNode, children: itemNode.children, contentCol: nc.contentCol, list, lastEnd: nc.at + 1, lastEndLine: li, start: nc.at, startLine: li, leaf: null, blankSeen: false, openList: null, firstParagraph: true };
      stack.push(c);
      cur = c;
    }
    if (q >= le) {
      // nothing after the new block quote markers: a blank line inside the quote
      cur.blankSeen = true;
      for (let k = 1; k < stack.length; k++) if (stack[k]!.kind === 'blockquote') this.noteEnd(stack[k]!, le, li);
      return;
    }
    if (newContainers.length === 0 && hadBlank && cur.kind === 'listItem') (cur.node as ListItem).spread = true;
    this.leafStart(cur, li, ls, q, le, ind);
  }

  /** Whether the content at `q` (indentation `ind` before it) starts a leaf block that ends a paragraph. */
  private startsLeaf(q: number, le: number, ind: number): boolean {
    if (ind >= 4) return false;
    const src = this.src;
    const c = src.charCodeAt(q);
    if (c === 35 && atxLevel(src, q, le) > 0) return true;
    if ((c === 96 || c === 126) && fenceAt(src, q, le)) return true;
    if ((c === 45 || c === 42 || c === 95) && isThematic(src, q, le)) return true;
    // a comment and the block-level tags (`<div>`, `<details>`…) interrupt a paragraph; other tags do not
    if (c === 60) return htmlBlockKind(src, q, le, true) !== null;
    return false;
  }

  /** Whether the content at `q` starts any block but a paragraph: a leaf, a block quote, HTML or a list item. */
  private startsBlock(q: number, le: number, ind: number): boolean {
    if (ind >= 4) return false;
    const c = this.src.charCodeAt(q);
    if (c === 62) return true;
    if (c === 60) {
      // whether a tag-only line ends a table: not modelled
      const kind = htmlBlockKind(this.src, q, le, false);
      if (kind === 'untilBlank' && htmlBlockKind(this.src, q, le, true) === null) bail();
      if (kind !== null) return true;
    }
    return this.listMarker(q, le) !== null || this.startsLeaf(q, le, ind);
  }

  /** A list marker at `q`: bullet `-*+` or ordered `1.`/`1)` followed by a space or the line's end. */
  private listMarker(q: number, le: number): { bullet: number; delim: number; start: number | null; markerEnd: number } | null {
    const src = this.src;
    const c = src.charCodeAt(q);
    if (c === 45 || c === 42 || c === 43) {
      const n = src.charCodeAt(q + 1);
      if (q + 1 >= le || n === SPACE) return { bullet: c, delim: 0, start: null, markerEnd: q + 1 };
      if (n === 9) bail();
      return null;
    }
    if (c >= 48 && c <= 57) {
      let k = q;
      while (k < le && k - q < 10 && src.charCodeAt(k) >= 48 && src.charCodeAt(k) <= 57) k++;
      if (k - q > 9) return null;
      const d = src.charCodeAt(k);
      if (d !== 46 && d !== 41) return null;
      const n = src.charCodeAt(k + 1);
      if (k + 1 >= le || n === SPACE) return { bullet: 0, delim: d, start: Number.parseInt(src.slice(q, k), 10), markerEnd: k + 1 };
      if (n === 9) bail();
      return null;
    }
    return null;
  }

  /** A line for an open code or HTML block; false when the line is not the block's (never, here). */
  private leafLine(c: Container, leaf: Leaf, li: number, ls: number, rest: number, le: number): boolean {
    const src = this.src;
    if (leaf.kind === 'code') {
      // the closing fence
      const ind = countSpaces(src, rest, le);
      const q = rest + ind;
      if (ind < 4 && src.charCodeAt(q) === leaf.fenceChar) {
        let k = q;
        while (k < le && src.charCodeAt(k) === leaf.fenceChar) k++;
        if (k - q >= leaf.fenceLen && isBlankFrom(src, k, le)) {
          const code: Code = { type: 'code', lang: leaf.lang, meta: leaf.meta, value: leaf.lines.join('\n'), position: this.lines.pos(leaf.start, le, leaf.startLine, li) };
          c.children.push(code);
          c.leaf = null;
          this.noteEnd(c, le, li);
          return true;
        }
      }
      if (c.kind !== 'root' && rest < le && isBlankFrom(src, rest, le)) bail();
      if (c.kind !== 'root' && rest === le && le - ls > 0) bail();
      // remove up to the fence's indentation
      let k = rest;
      let r = leaf.indent;
      while (r > 0 && k < le && src.charCodeAt(k) === SPACE) {
        k++;
        r--;
      }
      if (r > 0 && k < le && src.charCodeAt(k) === 9) bail();
      leaf.lines.push(src.slice(k, le));
      this.noteEnd(c, le, li);
      return true;
    }
    if (leaf.kind === 'html') {
      if (leaf.untilBlank && isBlankFrom(src, rest, le)) {
        // a blank line ends the block and is not part of it
        this.finishHtml(c, leaf);
        return false;
      }
      leaf.lines.push(src.slice(rest, le));
      leaf.end = le;
      leaf.endLine = li;
      if (!leaf.untilBlank && src.slice(rest, le).includes('-->')) {
        this.finishHtml(c, leaf);
      }
      return true;
    }
    return false;
  }

  private finishHtml(c: Container, leaf: Extract<Leaf, { kind: 'html' }>): void {
    const html: Html = { type: 'html', value: leaf.lines.join('\n'), position: this.lines.pos(leaf.start, leaf.end, leaf.startLine, leaf.endLine) };
    c.children.push(html);
    c.leaf = null;
    this.noteEnd(c, leaf.end, leaf.endLine);
  }

  /** The leaf that starts at `q` in container `c`. */
  private leafStart(c: Container, li: number, ls: number, q: number, le: number, ind: number): void {
    const src = this.src;
    const ch = src.charCodeAt(q);
    if (c.leaf?.kind === 'table') {
      // a table row continues the table; anything else ends it
      if (ch === 124 /* | */) {
        if (ind > 0) bail();
        c.leaf.rows.push({ start: q, end: le, line: li });
        this.noteEnd(c, le, li);
        return;
      }
      if (!this.startsBlock(q, le, ind)) {
        // a row without a leading pipe; a row without any unescaped pipe is micromark's
        if (ind > 0 || !hasUnescapedPipe(src, q, le)) bail();
        c.leaf.rows.push({ start: q, end: le, line: li });
        this.noteEnd(c, le, li);
        return;
      }
      this.closeLeaf(c);
    }
    if (ind >= 4) bail(); // indented code
    if (ch === 35 /* # */) {
      const level = atxLevel(src, q, le);
      if (level > 0) {
        c.openList = null;
        this.heading(c, li, q, le, level);
        return;
      }
    }
    if (ch === 96 || ch === 126) {
      const fence = fenceAt(src, q, le);
      if (fence) {
        c.openList = null;
        // `indent`: the fence's indentation relative to its container's content
        c.leaf = { kind: 'code', start: q, startLine: li, fenceChar: ch, fenceLen: fence.len, indent: ind, lang: fence.lang, meta: fence.meta, lines: [] };
        this.noteEnd(c, le, li);
        return;
      }
    }
    if ((ch === 45 || ch === 42 || ch === 95) && isThematic(src, q, le)) {
      c.openList = null;
      const tb: ThematicBreak = { type: 'thematicBreak', position: this.lines.pos(q, le, li, li) };
      c.children.push(tb);
      this.noteEnd(c, le, li);
      return;
    }
    if (ch === 60 /* < */) {
      const kind = htmlBlockKind(src, q, le, false);
      if (kind === 'untilBlank') {
        c.openList = null;
        const from = q - ind;
        c.leaf = { kind: 'html', start: from, startLine: li, lines: [src.slice(from, le)], end: le, endLine: li, untilBlank: true };
        this.noteEnd(c, le, li);
        return;
      }
      if (kind === 'comment') {
        c.openList = null;
        // an HTML block starts at its container's content, its indentation included
        const from = q - ind;
        const leaf: Extract<Leaf, { kind: 'html' }> = { kind: 'html', start: from, startLine: li, lines: [src.slice(from, le)], end: le, endLine: li };
        c.leaf = leaf;
        this.noteEnd(c, le, li);
        if (src.slice(q + 4, le).includes('-->') || src.startsWith('<!-->', q) || src.startsWith('<!--->', q)) this.finishHtml(c, leaf);
        return;
      }
      // not an HTML block: a paragraph (with inline HTML)
    }
    if (ch === 124 /* | */ || (ch !== 91 /* [ */ && hasUnescapedPipe(src, q, le))) {
      // a header row, with or without a leading pipe (a definition is tried before a table)
      const table = this.tableStart(li, q, le);
      if (table) {
        c.openList = null;
        c.leaf = table;
        this.noteEnd(c, le, li);
        return;
      }
    } else if (li + 1 < this.lines.starts.length && src.slice(q, le).includes('|')) {
      // a definition's line, or only escaped pipes, over a delimiter row: micromark
      const ns = this.lines.starts[li + 1]!;
      const ne = li + 2 < this.lines.starts.length ? this.lines.starts[li + 2]! - 1 : src.length;
      if (/^[ >]*[-:| ]*-[-:| ]*$/.test(src.slice(ns, ne)) && src.slice(ns, ne).includes('|')) bail();
    }
    if (ch === 91 /* [ */ && mayBeDefinition(src, q)) {
      c.openList = null;
      this.definition(c, li, q, le);
      return;
    }
    // a paragraph
    c.openList = null;
    c.leaf = { kind: 'paragraph', segs: [{ start: q, end: le, line: li, from: q - ind }] };
    this.noteEnd(c, le, li);
  }

  get sawLabel(): boolean {
    return this.inline.sawLabel;
  }

  /**
   * A link reference definition on one line, at the top level: `[label]: destination "title"`. Anything
   * else that may be one (over lines, in a container, a title on the next line…) is micromark's.
   */
  private definition(c: Container, li: number, q: number, le: number): void {
    const src = this.src;
    if (c.kind !== 'root') bail();
    let k = q + 1;
    for (; k < le; k++) {
      const ch = src.charCodeAt(k);
      if (ch === 92) k++;
      else if (ch === 91) bail();
      else if (ch === 93) break;
    }
    if (k >= le || src.charCodeAt(k + 1) !== 58) bail();
    const raw = src.slice(q + 1, k);
    const key = labelKey(raw);
    if (key === null) return bail();
    let p = k + 2;
    while (p < le && src.charCodeAt(p) === SPACE) p++;
    if (p >= le || src.charCodeAt(p) === 9) bail();
    // the destination
    let url: string;
    if (src.charCodeAt(p) === 60 /* < */) {
      let e = p + 1;
      for (; e < le; e++) {
        const ch = src.charCodeAt(e);
        if (ch === 92) e++;
        else if (ch === 60) bail();
        else if (ch === 62) break;
      }
      if (e >= le) bail();
      url = unescape(src.slice(p + 1, e));
      p = e + 1;
    } else {
      const d = p;
      let depth = 0;
      for (; p < le; p++) {
        const ch = src.charCodeAt(p);
        if (ch === 92 && p + 1 < le) {
          p++;
          continue;
        }
        if (ch <= 32 || ch === 127) break;
        if (ch === 40) {
          if (++depth > 32) bail();
        } else if (ch === 41) {
          if (depth === 0) bail();
          depth--;
        }
      }
      if (depth !== 0 || p === d) bail();
      url = unescape(src.slice(d, p));
    }
    let title: string | null = null;
    const destEnd = p;
    while (p < le && src.charCodeAt(p) === SPACE) p++;
    if (p < le) {
      const open = src.charCodeAt(p);
      if (p === destEnd || (open !== 34 && open !== 39 && open !== 40)) bail();
      const close = open === 40 ? 41 : open;
      let e = p + 1;
      for (; e < le; e++) {
        const ch = src.charCodeAt(e);
        if (ch === 92) e++;
        else if (ch === close) break;
        else if (open === 40 && ch === 40) bail();
      }
      if (e >= le) bail();
      title = unescape(src.slice(p + 1, e));
      if (!isBlankFrom(src, e + 1, le)) bail();
    } else {
      // a title may follow on the next line
      const ns = li + 1 < this.lines.starts.length ? this.lines.starts[li + 1]! : -1;
      if (ns !== -1 && /^[ ]*["'(]/.test(src.slice(ns, ns + 8))) bail();
    }
    // the line after it goes on micromark's content (a one-tag line there is inline HTML, a paragraph may
    // not be interrupted…): taken only when it is blank, another definition or paragraph, or a heading
    const ns = li + 1 < this.lines.starts.length ? this.lines.starts[li + 1]! : src.length;
    if (ns < src.length) {
      const ne = li + 2 < this.lines.starts.length ? this.lines.starts[li + 2]! - 1 : src.length;
      const next = src.slice(ns, ne);
      if (!/^(?:[ ]*$|\[|#{1,6}(?: |$))/.test(next)) bail();
    }
    this.foundDefs.add(key);
    // the definition runs to the line's end, trailing spaces included
    c.children.push({ type: 'definition', identifier: key.toLowerCase(), label: unescape(raw), title, url, position: this.lines.pos(q, le, li, li) } as RootContent);
    this.noteEnd(c, le, li);
  }

  private tableStart(li: number, q: number, le: number): Leaf | null {
    const src = this.src;
    const starts = this.lines.starts;
    if (li + 1 >= starts.length) return null;
    // the delimiter row must be on the next line, in the same containers: only tables at the top level
    const ns = starts[li + 1]!;
    const ne = li + 2 < starts.length ? starts[li + 2]! - 1 : src.length;
    const delim = src.slice(ns, ne);
    // indented four columns or more, it is no delimiter row
    if (/^ {4}/.test(delim)) bail();
    if (!/^ {0,3}\|?[ ]*:?-+:?[ ]*(\|[ ]*:?-+:?[ ]*)*\|?[ ]*$/.test(delim) || !delim.includes('-')) {
      if (/^[ >]*[-:| ]*-[-:| ]*$/.test(delim) && delim.includes('|')) bail();
      return null;
    }
    if (this.stack.length > 1) bail();
    if (q - starts[li]! > 0) bail();
    // `- | -` starts a list item, not a delimiter row
    if (/^ {0,3}[-*+][ \t]/.test(delim)) bail();
    // a delimiter row without a pipe may be a setext underline instead
    if (!delim.includes('|')) bail();
    const aligns: AlignType[] = [];
    const cells = delim.trim().replace(/^\|/, '').replace(/\|$/, '').split('|');
    for (const cell of cells) {
      const t = cell.trim();
      const left = t.startsWith(':');
      const right = t.endsWith(':');
      aligns.push(left && right ? 'center' : left ? 'left' : right ? 'right' : null);
    }
    const headerCells = splitCells(src, q, le);
    if (headerCells.length !== aligns.length) bail();
    // the delimiter row is consumed now
    this.skipLine = li + 1;
    return { kind: 'table', align: aligns, rows: [{ start: q, end: le, line: li }], delimEnd: ne, delimLine: li + 1 };
  }

  skipLine = -1;

  private heading(c: Container, li: number, q: number, le: number, level: number): void {
    const src = this.src;
    let s = q + level;
    while (s < le && src.charCodeAt(s) === SPACE) s++;
    let e = le;
    while (e > s && src.charCodeAt(e - 1) === SPACE) e--;
    // a closing sequence
    let k = e;
    while (k > s && src.charCodeAt(k - 1) === 35) k--;
    if (k < e && (k === s || src.charCodeAt(k - 1) === SPACE)) {
      e = k;
      while (e > s && src.charCodeAt(e - 1) === SPACE) e--;
    }
    if (src.slice(q, le).includes('\t')) bail();
    const children = e > s ? this.inline.parse([{ start: s, end: e, line: li }]) : [];
    const h: Heading = { type: 'heading', depth: level as Heading['depth'], children, position: this.lines.pos(q, le, li, li) };
    c.children.push(h);
    this.noteEnd(c, le, li);
  }

  private noteEnd(c: Container, end: number, line: number): void {
    c.lastEnd = end;
    c.lastEndLine = line;
  }

  private closeLeaf(c: Container): void {
    const leaf = c.leaf;
    if (!leaf) return;
    c.leaf = null;
    switch (leaf.kind) {
      case 'paragraph': {
        const segs = leaf.segs;
        const first = segs[0]!;
        let start = first.start;
        let check: RegExpExecArray | null = null;
        if (c.kind === 'listItem' && c.firstParagraph && c.children.length === 0) {
          // a GFM task list item check: `[ ]`, `[x]` or `[X]` then a space, not a tab
          check = /^\[([ xX])\](?=[ \t\n]|$)/.exec(this.src.slice(first.start, first.start + 4));
          if (check) {
            const after = first.start + 3;
            if (after === first.end || this.src.charCodeAt(after) === 9) bail();
            if (isBlankFrom(this.src, after, first.end)) bail();
          }
        }
        // A line of a paragraph in a list item or block quote that ends inside a reference's second label
        // (`[x][`, `[x][y \] z`): micromark's failed label attempt spans the line ending, and the text before
        // the next line's first construct then ends after that line's container prefix, not at the line
        // start.
        if (c.kind !== 'root') for (let k = 0; k < segs.length - 1; k++) if (opensSecondLabel(this.src.slice(segs[k]!.start, segs[k]!.end))) bail();
        // the check is no text: the content starts at the space after it
        const children = this.inline.parse(check ? [{ start: first.start + 3, end: first.end, line: first.line }, ...segs.slice(1)] : segs);
        if (check) {
          (c.node as ListItem).checked = check[1] !== ' ';
          // mdast-util-gfm-task-list-item drops that space; the paragraph then starts after it, or, when
          // nothing of its text is left (`[ ] **T-001:** …`), at the check
          const head = children[0];
          if (!head || head.type !== 'text' || head.position!.start.offset !== first.start + 3) bail();
          const t = head as Text;
          t.value = t.value.slice(1);
          if (t.value.length === 0) children.shift();
          else {
            t.position!.start = this.lines.point(first.start + 4, first.line);
            start = first.start + 4;
          }
        }
        if (c.kind === 'listItem') c.firstParagraph = false;
        const last = segs[segs.length - 1]!;
        const para: Paragraph = { type: 'paragraph', children, position: this.lines.pos(start, last.end, first.line, last.line) };
        c.children.push(para);
        this.noteEnd(c, last.end, last.line);
        return;
      }
      case 'code': {
        // an unclosed fence runs to the end of its container: at the top level, to the end of the text
        if (c.kind !== 'root') bail();
        const src = this.src;
        const value = leaf.lines.join('\n');
        const code: Code = { type: 'code', lang: leaf.lang, meta: leaf.meta, value, position: { start: this.lines.point(leaf.start, leaf.startLine), end: this.lines.point(src.length) } };
        c.children.push(code);
        this.noteEnd(c, src.length, this.lines.lineOf(src.length));
        return;
      }
      case 'html': {
        // an unclosed comment that a new list item ends takes in the line ending (and the item the next
        // marker) in micromark: not modelled
        if (!leaf.untilBlank && c.kind === 'listItem') bail();
        this.finishHtml(c, leaf);
        return;
      }
      case 'table': {
        const rows: TableRow[] = leaf.rows.map((r) => this.tableRow(r.start, r.end, r.line));
        // a table with no body ends with its delimiter row
        const last = leaf.rows.length > 1 ? leaf.rows[leaf.rows.length - 1]! : { end: leaf.delimEnd, line: leaf.delimLine };
        const table: Table = { type: 'table', align: leaf.align, children: rows, position: this.lines.pos(leaf.rows[0]!.start, last.end, leaf.rows[0]!.line, last.line) };
        c.children.push(table);
        this.noteEnd(c, last.end, last.line);
        return;
      }
    }
  }

  private tableRow(start: number, end: number, line: number): TableRow {
    const cells = splitCells(this.src, start, end);
    const children: TableCell[] = cells.map((cell) => {
      let s = cell.contentStart;
      let e = cell.contentEnd;
      while (s < e && (this.src.charCodeAt(s) === SPACE || this.src.charCodeAt(s) === 9)) s++;
      while (e > s && (this.src.charCodeAt(e - 1) === SPACE || this.src.charCodeAt(e - 1) === 9)) e--;
      const kids = e > s ? this.inline.parse([{ start: s, end: e, line }], true) : [];
      return { type: 'tableCell', children: kids, position: this.lines.pos(cell.start, cell.end, line, line) } as TableCell;
    });
    return { type: 'tableRow', children, position: this.lines.pos(start, end, line, line) };
  }

  /** Closes the innermost container. */
  private closeTop(): void {
    const c = this.stack.pop()!;
    this.closeLeaf(c);
    const quoted = c.quotedBlank;
    const node = c.node as ListItem | Blockquote;
    node.position = this.lines.pos(c.start, c.lastEnd, c.startLine, c.lastEndLine);
    const parent = this.stack[this.stack.length - 1]!;
    if (c.lastEnd > parent.lastEnd) this.noteEnd(parent, c.lastEnd, c.lastEndLine);
    // trailing blank lines of a closed container are seen by its parent (a blank between list items)
    // (a block quote's own blank lines, `>` lines, are inside it: they do not make the item around it spread)
    if (c.blankSeen && c.kind === 'listItem') parent.blankSeen = true;
    if (c.kind === 'listItem') {
      const list = c.list!.node;
      list.position = { start: list.position?.start ?? this.lines.point(c.start, c.startLine), end: this.lines.point(c.lastEnd, c.lastEndLine) };
      if (quoted) {
        // the list ends at the last `>` blank line's prefix, and so does the item around it
        list.position.end = this.lines.point(quoted.end, quoted.line);
        if (quoted.count >= 2) list.spread = true;
        this.noteEnd(parent, quoted.end, quoted.line);
      }
    } else {
      parent.openList = null;
    }
  }
}

/**
 * Whether a paragraph starting with `[` at `q` could be a link reference definition: its label (escapes
 * skipped, no unescaped bracket, up to 999 characters) closes with `]:`, or runs onto the next line. Read on the raw text,
 * container prefixes included: they hold no brackets, so a real definition is never missed.
 */
function mayBeDefinition(src: string, q: number): boolean {
  const end = Math.min(src.length, q + 1 + 1000);
  for (let k = q + 1; k < end; k++) {
    const c = src.charCodeAt(k);
    if (c === 92 /* \ */) k++;
    // micromark's attempt at a label over lines moves the positions of the text after it: not modelled
    else if (c === 10) return true;
    else if (c === 91) return false;
    else if (c === 93) return src.charCodeAt(k + 1) === 58 /* : */;
  }
  return false;
}

/** CommonMark's HTML block start condition 6: these tag names. */
const BLOCK_TAGS = new Set(
  ('address article aside base basefont blockquote body caption center col colgroup dd details dialog dir div dl dt fieldset figcaption ' +
    'figure footer form frame frameset h1 h2 h3 h4 h5 h6 head header hr html iframe legend li link main menu menuitem nav noframes ol ' +
    'optgroup option p param search section summary table tbody td tfoot th thead title tr track ul').split(' '),
);

/**
 * The HTML block that starts at `q`, if any: a comment (ends at `-->`), or a block that ends at a blank line
 * (condition 6, a block-level tag; or 7, a line holding one complete tag — which cannot interrupt a
 * paragraph, so with `interrupting` it is no block). `<script>`, `<pre>`, `<style>`, `<textarea>`, `<?`,
 * `<!X` and CDATA are micromark's.
 */
function htmlBlockKind(src: string, q: number, le: number, interrupting: boolean): 'comment' | 'untilBlank' | null {
  const next = src.charCodeAt(q + 1);
  if (next === 33 /* ! */) {
    if (src.startsWith('<!--', q)) return 'comment';
    bail();
  }
  if (next === 63 /* ? */) bail();
  const m = /^<\/?([A-Za-z][A-Za-z0-9-]*)/.exec(src.slice(q, Math.min(le, q + 40)));
  if (!m) return null;
  const name = m[1]!.toLowerCase();
  const after = src.charCodeAt(q + m[0].length);
  const closing = next === 47;
  if (!closing && /^(?:script|pre|style|textarea)$/.test(name)) bail();
  if (BLOCK_TAGS.has(name)) {
    if (q + m[0].length >= le || after === SPACE || after === 9 || after === 62 || (after === 47 && src.charCodeAt(q + m[0].length + 1) === 62)) return 'untilBlank';
  }
  if (interrupting) return null;
  if (closing && /^(?:script|pre|style|textarea)$/.test(name)) bail();
  const line = src.slice(q, le);
  const tag = (closing ? CLOSE_TAG : OPEN_TAG).exec(line);
  if (tag && /^[ \t]*$/.test(line.slice(tag[0].length))) return 'untilBlank';
  return null;
}

/** `#` … `######` followed by a space or the end of the line; 0 when not a heading. */
function atxLevel(src: string, q: number, le: number): number {
  let k = q;
  while (k < le && src.charCodeAt(k) === 35) k++;
  const n = k - q;
  if (n < 1 || n > 6) return 0;
  if (k < le && src.charCodeAt(k) !== SPACE) {
    if (src.charCodeAt(k) === 9) bail();
    return 0;
  }
  return n;
}

function fenceAt(src: string, q: number, le: number): { len: number; lang: string | null; meta: string | null } | null {
  const ch = src.charCodeAt(q);
  let k = q;
  while (k < le && src.charCodeAt(k) === ch) k++;
  const len = k - q;
  if (len < 3) return null;
  const info = src.slice(k, le);
  if (ch === 96 && info.includes('`')) return null;
  if (info.includes('\t')) bail();
  if (/[\\&]/.test(info)) bail();
  // micromark: the language up to the first space, the meta after the spaces that follow it, its own
  // trailing spaces kept
  const lead = info.length - info.trimStart().length;
  const body = info.slice(lead);
  if (body.trim() === '') return { len, lang: null, meta: null };
  const sp = body.indexOf(' ');
  if (sp === -1) return { len, lang: body, meta: null };
  const meta = body.slice(sp).trimStart();
  return { len, lang: body.slice(0, sp), meta: meta === '' ? null : meta };
}

function isThematic(src: string, q: number, le: number): boolean {
  const ch = src.charCodeAt(q);
  let count = 0;
  for (let k = q; k < le; k++) {
    const c = src.charCodeAt(k);
    if (c === ch) count++;
    else if (c === 9) bail();
    else if (c !== SPACE) return false;
  }
  return count >= 3;
}

function isSetextUnderline(src: string, q: number, le: number): boolean {
  const ch = src.charCodeAt(q);
  if (ch !== 61 && ch !== 45) return false;
  let k = q;
  while (k < le && src.charCodeAt(k) === ch) k++;
  return isBlankFrom(src, k, le);
}

function hasUnescapedPipe(src: string, q: number, le: number): boolean {
  for (let k = q; k < le; k++) {
    const c = src.charCodeAt(k);
    if (c === 92) k++;
    else if (c === 124) return true;
  }
  return false;
}

function isTableDelimiterRow(src: string, q: number, le: number): boolean {
  const line = src.slice(q, le);
  return line.includes('-') && /^[-:| ]+$/.test(line) && (line.includes('|') || line.includes(':'));
}

function countSpaces(src: string, from: number, to: number): number {
  let k = from;
  while (k < to && src.charCodeAt(k) === SPACE) k++;
  return k - from;
}

/** A row's cells: each from its leading pipe (or the row's start) to the next pipe; the last to the end. */
function splitCells(src: string, start: number, end: number): { start: number; end: number; contentStart: number; contentEnd: number }[] {
  const out: { start: number; end: number; contentStart: number; contentEnd: number }[] = [];
  let e = end;
  while (e > start && src.charCodeAt(e - 1) === SPACE) e--;
  let k = start;
  const leading = src.charCodeAt(k) === 124;
  let cellStart = k;
  if (leading) k++;
  let contentStart = k;
  // GFM splits cells at every unescaped pipe, inside a code span or not
  while (k < e) {
    const c = src.charCodeAt(k);
    if (c === 92) {
      k += 2;
      continue;
    }
    if (c === 124) {
      out.push({ start: cellStart, end: k, contentStart, contentEnd: k });
      cellStart = k;
      contentStart = k + 1;
      k++;
      continue;
    }
    k++;
  }
  // after the last pipe: a cell only if it has content
  if (contentStart < e && src.slice(contentStart, e).trim() !== '') {
    out.push({ start: cellStart, end, contentStart, contentEnd: e });
  } else if (out.length > 0) {
    // the trailing pipe belongs to the last cell
    const last = out[out.length - 1]!;
    last.end = end;
  } else {
    // a row of one pipe: one empty cell
    out.push({ start, end, contentStart, contentEnd: e });
  }
  return out;
}

function findRun(src: string, from: number, to: number, len: number): number {
  let j = from;
  while (j < to) {
    const k = src.indexOf('`', j);
    if (k === -1 || k >= to) return -1;
    let m = k;
    while (m < to && src.charCodeAt(m) === 96) m++;
    if (m - k === len) return k;
    j = m;
  }
  return -1;
}

/**
 * Parses `text` into remark's mdast, or returns null when the text holds markdown this parser leaves to
 * micromark. `text` must not need GFM autolink literals or footnotes (see `needsFullGfm`).
 */
export function fastParse(text: string): Root | null {
  if (text.includes('\r') || text.includes('\0')) return null;
  // footnotes (autolink literals: see toNodes)
  if (text.includes('[^')) return null;
  try {
    const first = new BlockParser(text);
    const tree = first.parse();
    if (first.foundDefs.size === 0 || !first.sawLabel) return tree;
    // the references: once more, knowing the definitions
    return new BlockParser(text, first.foundDefs).parse();
  } catch (err) {
    if (err instanceof Unsupported) return null;
    throw err;
  }
}

let debugLine = 0;
export const __line = () => debugLine;
export function fastParseDebug(text: string): Root {
  return new BlockParser(text).parse();
}

