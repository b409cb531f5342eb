/**
 * The full parse: unified + remark-parse + GFM + front matter, on micromark. `parse.ts` uses it for the texts
 * the fast parser (fast.ts) leaves alone; it is loaded only then, so a run over template-shaped specs never
 * loads micromark.
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
import { needsFullGfm } from './gfm.js';

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

/** Parses `text` with micromark (lean GFM when it cannot hold autolink literals or footnotes). */
export function parseWithMicromark(text: string): Root {
  if (needsFullGfm(text)) {
    full ??= unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml', 'toml']) as unknown as Processor;
    return full.parse(text) as Root;
  }
  lean ??= unified().use(remarkParse).use(leanGfm).use(remarkFrontmatter, ['yaml', 'toml']) as unknown as Processor;
  return lean.parse(text) as Root;
}
