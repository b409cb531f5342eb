/**
 * Parse once: markdown text → mdast with positions (unified + remark-parse + remark-gfm + remark-frontmatter).
 * Everything downstream reads this tree, never the markdown again.
 */
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkFrontmatter from 'remark-frontmatter';
import type { Root } from 'mdast';

const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml', 'toml']);

export function parseMarkdown(text: string): Root {
  return processor.parse(text) as Root;
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
