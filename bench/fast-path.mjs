#!/usr/bin/env node
/**
 * The fast-path share: of the markdown files given, how many the hand-written parser (dist/markdown/fast.js)
 * takes, and how many it leaves to micromark (with the first line it declined at, for the ones it leaves).
 * A spec on the fast path parses in about a millisecond; one left to micromark in 50–140 ms.
 *
 *   node bench/fast-path.mjs [file or directory …]     (npm run compile first)
 *
 * With no argument: the specs written by others (tests/parser-suites/samples, ../shared/samples when
 * present, tests/field when present), the repository's tech-specs/ and prds/, and 200 specs of the bench
 * corpus generator (bench/corpus.mjs).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = dirname(here);

/** Markdown files under `path` (a file or a directory), sorted. */
export function markdownFiles(path) {
  if (!existsSync(path)) return [];
  if (statSync(path).isFile()) return [path];
  return readdirSync(path, { recursive: true })
    .filter((f) => String(f).endsWith('.md') && !String(f).split(/[\\/]/).includes('node_modules'))
    .map((f) => join(path, String(f)))
    .sort();
}

let fastParse;
async function loadFast() {
  const built = join(root, 'dist', 'markdown', 'fast.js');
  if (!existsSync(built)) throw new Error('dist/markdown/fast.js is missing: run `npm run compile` first');
  fastParse ??= (await import(pathToFileURL(built).href)).fastParse;
  return fastParse;
}

/** Of `texts` ([name, text] pairs), how many take the fast path; the names of those that do not. */
export async function fastPathShare(texts) {
  const parse = await loadFast();
  let fast = 0;
  const declined = [];
  for (const [name, text] of texts) {
    if (parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text)) fast++;
    else declined.push(name);
  }
  return { total: texts.length, fast, declined, share: texts.length ? fast / texts.length : 1 };
}

const pct = (s) => `${(s.share * 100).toFixed(1)} % (${s.fast} of ${s.total})`;

async function main() {
  const args = process.argv.slice(2);
  const groups = [];
  const read = (files) => files.map((f) => [relative(process.cwd(), f), readFileSync(f, 'utf8')]);
  if (args.length > 0) {
    groups.push(['given files', read(args.flatMap((a) => markdownFiles(resolve(a))))]);
  } else {
    const others = [join(root, 'tests', 'parser-suites', 'samples'), resolve(root, '..', 'shared', 'samples'), join(root, 'tests', 'field')];
    // the samples are in two places: each text once
    const seen = new Set();
    const byOthers = read(others.flatMap(markdownFiles).filter((f) => !/README\.md$/.test(f))).filter(([, t]) => !seen.has(t) && seen.add(t));
    groups.push(['specs written by others', byOthers]);
    groups.push(['this repository’s tech-specs/ and prds/', read([join(root, 'tech-specs'), join(root, 'prds')].flatMap(markdownFiles))]);
    const { buildSpec } = await import('./corpus.mjs');
    groups.push(['bench corpus (200 generated specs)', Array.from({ length: 200 }, (_, i) => [`corpus spec ${i}`, buildSpec(i).spec])]);
  }
  for (const [label, texts] of groups) {
    if (texts.length === 0) continue;
    const s = await fastPathShare(texts);
    process.stdout.write(`${label}: fast path ${pct(s)}${s.declined.length ? `; micromark: ${s.declined.slice(0, 8).join(', ')}${s.declined.length > 8 ? ', …' : ''}` : ''}\n`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((err) => {
    process.stderr.write(`bench/fast-path: ${err.message}\n`);
    process.exit(2);
  });
}
