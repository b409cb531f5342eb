import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** The markdown files under `dir`, at any depth, as paths joined to `dir` (in the directory listing's order). */
export function markdownFiles(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith('.md')).map((f) => join(dir, f));
}
