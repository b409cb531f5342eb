/**
 * Parse once: markdown text → mdast with positions. Everything downstream reads this tree, never the
 * markdown again.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { builtPath } from '../package-root.js';
import type { Root } from 'mdast';
import { fastParse } from './fast.js';
import { needsFullGfm } from './gfm.js';
import { importExternal } from '../import-external.js';

export { needsFullGfm };

type FullParser = (text: string) => Root;
let full: FullParser | undefined;

/** Sets the micromark parse (tests register it up front; the CLI loads it on first need). */
export function setFullParser(parser: FullParser): void {
  full = parser;
}

/**
 * The micromark parse, loaded on first need. Node 20.19 and later `require` an ES module synchronously; on
 * an older Node 20 the module is imported once, up front, by `preloadFullParser`.
 */
function fullParser(): FullParser {
  if (full) return full;
  try {
    const mod = createRequire(import.meta.url)(builtPath('markdown', 'micromark.js')) as { parseWithMicromark: FullParser };
    full = mod.parseWithMicromark;
    return full;
  } catch (err) {
    throw new Error(`the markdown parser could not be loaded (${(err as Error).message}): run \`spec\` on Node 20.19 or later`);
  }
}

/** Loads the micromark parse ahead of time where Node cannot `require` an ES module (Node < 20.19). */
export async function preloadFullParser(): Promise<void> {
  if (full) return;
  if ((process.features as { require_module?: boolean }).require_module) return;
  full = (await importExternal<typeof import('./micromark.js')>(pathToFileURL(builtPath('markdown', 'micromark.js')).href)).parseWithMicromark;
}

/**
 * Markdown text → remark's mdast with positions (GFM tables, task lists, strikethrough, autolink literals,
 * footnotes; YAML/TOML front matter). Template-shaped text goes through the hand-written parser (fast.ts),
 * everything else through micromark; both give the very same tree (tests/markdown/fast.test.ts).
 */
export function parseMarkdown(text: string): Root {
  return parseMarkdownWith(text).tree;
}

/**
 * `parseMarkdown`, saying which parser gave the tree: `fast` (fast.ts) or `micromark` (the text holds
 * something the fast parser leaves alone, or `SPEC_PARSER=micromark` forces the full parser).
 */
export function parseMarkdownWith(text: string): { parser: 'fast' | 'micromark'; tree: Root } {
  if (process.env.SPEC_PARSER !== 'micromark') {
    const tree = fastParse(text);
    if (tree) return { parser: 'fast', tree };
  }
  return { parser: 'micromark', tree: fullParser()(text) };
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
