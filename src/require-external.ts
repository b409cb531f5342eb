/**
 * `require` of a package that ships a CommonJS build, resolved from dist/ as `importExternal` resolves
 * (src/import-external.ts). The code engines' packages (web-tree-sitter, libpg-query) load this way: an
 * ES module `import()` would start Node's ES module loader in the main thread, and for libpg-query's
 * CommonJS entry scan its source for named exports, a dozen milliseconds of every run that loads an engine.
 */
import { createRequire } from 'node:module';

const req = createRequire(import.meta.url);

export function requireExternal<T>(specifier: string): T {
  return req(specifier) as T;
}
