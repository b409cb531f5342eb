/**
 * Parse once: markdown text → mdast with positions (unified + remark-parse + remark-gfm + remark-frontmatter).
 * Everything downstream reads this tree, never the markdown again.
 */
import { unified, type Processor } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkFrontmatter from 'remark-frontmatter';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item';
import { EditMap } from 'micromark-util-edit-map';
import { splice } from 'micromark-util-chunked';
import type { Root } from 'mdast';

/**
 * micromark rebuilds the whole event list on every edit batch (`EditMap#consume`), and its document
 * tokenizer makes one small edit near the end of that list each time a list item or block quote line ends
 * a paragraph: a long list (thousands of tasks) parses in quadratic time. When a batch's edits do not
 * overlap and sit close to the end, applying them in place, from the last to the first, gives the very same
 * list in time proportional to the tail; otherwise the original runs.
 */
type Edit = [number, number, unknown[]];
const originalConsume = EditMap.prototype.consume;
function consume(this: EditMap, events: unknown[]): undefined {
  const map = (this as unknown as { map: Edit[] }).map;
  if (map.length === 0) return originalConsume.call(this, events as never);
  map.sort((a, b) => a[0] - b[0]);
  let cost = 0;
  for (let i = 0; i < map.length; i++) {
    const [at, remove] = map[i]!;
    const next = i + 1 < map.length ? map[i + 1]![0] : events.length;
    if (at + remove > next || at > events.length) return originalConsume.call(this, events as never);
    cost += events.length - at;
  }
  if (cost > events.length) return originalConsume.call(this, events as never);
  for (let i = map.length - 1; i >= 0; i--) {
    const [at, remove, add] = map[i]!;
    splice(events, at, remove, add);
  }
  map.length = 0;
  (this as unknown as { index: Map<number, Edit> }).index.clear();
  return undefined;
}
EditMap.prototype.consume = consume as typeof originalConsume;

/** micromark's own `EditMap#consume` and the in-place one used here (tests compare the trees they give). */
export const editMapConsume = { original: originalConsume, inPlace: consume as typeof originalConsume };

/** GFM as remark-gfm has it: tables, task lists, strikethrough, autolink literals, footnotes. */
let full: Processor | undefined;
/**
 * GFM without autolink literals and footnotes (a fifth of the parse time on a typical spec), in remark-gfm's
 * order. It gives the very same tree as `full` for any text where neither can occur, which `needsFull`
 * decides conservatively from the text alone.
 */
let lean: Processor | undefined;

function leanGfm(this: Processor): void {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(gfmStrikethrough(), gfmTable(), gfmTaskListItem());
  (data.fromMarkdownExtensions ??= []).push(gfmStrikethroughFromMarkdown(), gfmTableFromMarkdown(), gfmTaskListItemFromMarkdown());
}

/**
 * Whether the text could hold an autolink literal (`www.`, `http://`, `https://`, an email address — an `@`
 * followed by a domain with a dot — which also covers `mailto:` and `xmpp:`) or a footnote (`[^`). A
 * superset of what micromark's and mdast's GFM extensions look for.
 */
export function needsFullGfm(text: string): boolean {
  return /https?:\/\/|www\.|@[\w-]+\.|\[\^/i.test(text);
}

export function parseMarkdown(text: string): Root {
  if (needsFullGfm(text)) {
    full ??= unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml', 'toml']) as unknown as Processor;
    return full.parse(text) as Root;
  }
  lean ??= unified().use(remarkParse).use(leanGfm).use(remarkFrontmatter, ['yaml', 'toml']) as unknown as Processor;
  return lean.parse(text) as Root;
}

export interface DecodedText {
  text: string;
  /** Why the bytes are not a readable markdown document, when they are not. */
  problem?: string;
}

/**
 * Decodes a file's bytes as UTF-8 text. A BOM is dropped. Binary content (NUL bytes) and invalid UTF-8 are
 * reported as a problem with the best-effort text, so the linter can say so on that file and carry on.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  let start = 0;
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
  const body = bytes.subarray(start);
  if (body.includes(0)) {
    return { text: new TextDecoder('utf-8').decode(body).replace(/\0/g, '\uFFFD'), problem: 'the file contains NUL bytes: it looks binary, not markdown' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body) };
  } catch {
    return { text: new TextDecoder('utf-8').decode(body), problem: 'the file is not valid UTF-8: save it as UTF-8' };
  }
}

/** Drops a leading BOM from a string. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
