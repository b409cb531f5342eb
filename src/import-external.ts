/**
 * `import()` of a package, from a module of its own. The CLI's main thread runs from the bundle
 * dist/spec.cjs (scripts/bundle.mjs), compiled with `vm.Script` for its code cache, and `import()` inside
 * a vm.Script has no module loader to call on Node 20 (without an experimental flag). The bundle therefore
 * keeps this module out, as an ES module it `require`s on first use (dist/import-external.js), and every
 * `import()` of a package goes through it: Node's own loader, resolving from the package's dist/ as the
 * modules did. Packages with a CommonJS build are `require`d instead (src/require-external.ts).
 * The build fails if any other `import()` is left in the bundle.
 */
export function importExternal<T>(specifier: string): Promise<T> {
  return import(specifier) as Promise<T>;
}
