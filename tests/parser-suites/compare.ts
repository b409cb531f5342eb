/**
 * The differential check shared by the parser suites: the fast parser's tree against remark's — remark-parse
 * with remark-gfm and YAML/TOML front matter, as `spec` configures micromark — compared as JSON, positions
 * included. The fast parser may decline a text (micromark then parses it); it may never give another tree.
 */
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkFrontmatter from 'remark-frontmatter';
import { fastParse } from '../../src/markdown/fast.js';

const remark = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml', 'toml']);

/** remark's tree for `text`, as JSON. */
export function referenceJson(text: string): string {
  return JSON.stringify(remark.parse(text));
}

export type Outcome = { kind: 'declined' } | { kind: 'identical' } | { kind: 'differs'; fast: string; reference: string; at: number };

/** Whether the fast parser declines `text`, gives remark's very tree, or differs (and where). */
export function compare(text: string): Outcome {
  const tree = fastParse(text);
  if (tree === null) return { kind: 'declined' };
  const fast = JSON.stringify(tree);
  const reference = referenceJson(text);
  if (fast === reference) return { kind: 'identical' };
  let at = 0;
  while (fast.charCodeAt(at) === reference.charCodeAt(at)) at++;
  return { kind: 'differs', fast, reference, at };
}

export interface Tally {
  total: number;
  identical: number;
  declined: number;
  /** The texts that differ, with the first place their trees part. */
  differing: { name: string; text: string; fast: string; reference: string }[];
}

/** Runs `compare` over named texts. */
export function tally(texts: Iterable<[name: string, text: string]>): Tally {
  const t: Tally = { total: 0, identical: 0, declined: 0, differing: [] };
  for (const [name, text] of texts) {
    t.total++;
    const o = compare(text);
    if (o.kind === 'identical') t.identical++;
    else if (o.kind === 'declined') t.declined++;
    else {
      const from = Math.max(0, o.at - 160);
      t.differing.push({ name, text: text.length > 600 ? text.slice(0, 600) + '…' : text, fast: o.fast.slice(from, o.at + 160), reference: o.reference.slice(from, o.at + 160) });
    }
  }
  return t;
}

/** A readable account of the first differences, for a failing assertion. */
export function describeDifferences(t: Tally, max = 5): string {
  const shown = t.differing.slice(0, max).map((d) => `${d.name}: ${JSON.stringify(d.text)}\n  fast:   …${d.fast}…\n  remark: …${d.reference}…`);
  return `${t.differing.length} of ${t.total} differ (identical ${t.identical}, declined ${t.declined})\n${shown.join('\n')}`;
}
