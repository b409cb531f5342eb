/**
 * Formatter registry: each built-in formatter is imported only when asked for. Any other `--format` name is
 * loaded as ESLint loads formatters: a path (`./my-formatter.js`, absolute), or a package installed in the
 * project — `spec-formatter-<name>`, then `eslint-formatter-<name>` (`@scope/<name>` →
 * `@scope/spec-formatter-<name>`, `@scope/eslint-formatter-<name>`; `@scope` → `@scope/eslint-formatter`),
 * or the full package name. A formatter module exports `(results, context) => string | Promise<string>`
 * (default export or `module.exports`) and gets ESLint's results (severity 2/1, json.ts) and a context with
 * ESLint's `cwd` and `rulesMeta`, so ESLint formatters (eslint-formatter-*) work as they are.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { UsageError } from '../errors.js';
import type { FileResult, Formatter, ReportContext } from '../lint/types.js';
import { importExternal } from '../import-external.js';

const loaders: Record<BuiltinFormat, () => Promise<Formatter>> & Record<string, (() => Promise<Formatter>) | undefined> = {
  stylish: async () => (await import('./stylish.js')).format,
  json: async () => (await import('./json.js')).format,
  'json-with-metadata': async () => (await import('./json.js')).formatWithMetadata,
  sarif: async () => (await import('./sarif.js')).format,
  github: async () => (await import('./github.js')).format,
  gitlab: async () => (await import('./gitlab.js')).format,
};

export const formatterNames = Object.keys(loaders);

/** A formatter as the CLI calls it: built-in ones return a string, loaded ones may return a promise. */
export type AnyFormatter = (results: FileResult[], ctx: ReportContext) => string | Promise<string>;

/** The packages ESLint's naming convention tries for a formatter name, in order. */
export function formatterPackages(name: string): string[] {
  const prefixes = ['spec-formatter', 'eslint-formatter'];
  if (name.startsWith('@')) {
    const slash = name.indexOf('/');
    if (slash === -1) return prefixes.map((p) => `${name}/${p}`);
    const scope = name.slice(0, slash);
    const rest = name.slice(slash + 1);
    if (prefixes.some((p) => rest.startsWith(`${p}-`) || rest === p)) return [name];
    return prefixes.map((p) => `${scope}/${p}-${rest}`);
  }
  if (prefixes.some((p) => name.startsWith(`${p}-`))) return [name];
  return [...prefixes.map((p) => `${p}-${name}`), name];
}

function isPath(name: string): boolean {
  return isAbsolute(name) || /^\.{1,2}[\\/]/.test(name) || /\.[cm]?js$/.test(name);
}

export type BuiltinFormat = 'stylish' | 'json' | 'json-with-metadata' | 'sarif' | 'github' | 'gitlab';

export async function getFormatter(name: BuiltinFormat): Promise<Formatter>;
export async function getFormatter(name: string, cwd?: string): Promise<AnyFormatter>;
export async function getFormatter(name: string, cwd: string = process.cwd()): Promise<AnyFormatter> {
  const builtin = loaders[name];
  if (builtin) return builtin();
  let file: string | undefined;
  let tried: string[];
  if (isPath(name)) {
    const abs = resolve(cwd, name);
    tried = [abs];
    if (existsSync(abs)) file = abs;
  } else {
    tried = formatterPackages(name);
    const require = createRequire(join(cwd, '__spec_formatter__.js'));
    for (const pkg of tried) {
      try {
        file = require.resolve(pkg);
        break;
      } catch {
        // the next name
      }
    }
  }
  if (!file) {
    throw new UsageError(
      `unknown format "${name}": no built-in formatter and no ${isPath(name) ? 'file' : 'package'} ${tried.map((t) => `\`${t}\``).join(' or ')}`,
      `Use one of: ${formatterNames.join(', ')}; a formatter file (./path.js); or install a formatter package (npm install --save-dev eslint-formatter-${name.replace(/^@[^/]+\//, '')}).`,
    );
  }
  let mod: unknown;
  try {
    mod = await importExternal<unknown>(pathToFileURL(file).href);
  } catch (err) {
    throw new UsageError(`cannot load the formatter ${file}: ${(err as Error).message}`);
  }
  const m = mod as { default?: unknown; format?: unknown };
  const fn = [m.default, (m.default as { default?: unknown } | undefined)?.default, m.format, mod].find((f) => typeof f === 'function') as
    | ((results: unknown, context: unknown) => unknown)
    | undefined;
  if (!fn) throw new UsageError(`the formatter ${file} exports no function`, 'A formatter exports `(results, context) => string`, as ESLint formatters do.');
  const { toEslintResults, rulesMeta } = await import('./json.js');
  return async (results, ctx) => {
    let out: unknown;
    try {
      out = await fn(toEslintResults(results), { ...ctx, cwd: process.cwd(), rulesMeta: rulesMeta(ctx) });
    } catch (err) {
      throw new UsageError(`the formatter ${file} failed: ${(err as Error)?.message ?? String(err)}`);
    }
    return typeof out === 'string' ? out : out == null ? '' : String(out);
  };
}
