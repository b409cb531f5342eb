// Bundles the built CLI (dist/cli/main.js and every module it imports, statically or not) into one
// CommonJS file, dist/spec.cjs, that bin/spec loads through a V8 code cache (src/code/compile-cache.ts).
// Node 20 keeps no compiled code for ES modules between runs, and loading ~100 small modules through the
// ES module loader costs more than the lint of one spec: the pre-commit hook pays that on every commit.
//
// - Input is tsc's output (dist/), so the bundle is exactly the code the tests run.
// - Packages stay external (`require`d or `import()`ed at run time, from node_modules, as before), but
//   for the few that every run uses (INLINE).
// - Modules reached only by `import()` stay lazy (esbuild's `__esm` wrappers): `spec lint` still never runs
//   the generator's or an engine's module code unless it needs it.
// - `import.meta.url` is the bundle's own URL; the code derives paths from src/package-root.ts, which gives
//   the same answers from dist/spec.cjs as from dist/package-root.js (both sit directly in dist/).
// - Worker threads (src/lint/workers.ts) and the micromark parser (src/markdown/micromark.ts) are loaded by
//   path at run time from dist/, as ES modules: only the main thread's start-up is on the hook's path.
// - The resident process's client (src/resident/client.ts) is its own small CommonJS file too,
//   dist/resident/client.cjs, which bin/spec requires before it decides where the CLI runs.
// - The code cache (src/code/compile-cache.ts) is its own CommonJS file, dist/code/compile-cache.cjs: bin/spec
//   (CommonJS) requires it to load the bundle, and the bundle requires the same file for the TypeScript
//   compiler, so there is one copy.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
// Packages every run uses are bundled in, so that the code cache covers them too: commander, picomatch (the
// config's globs), and a tiny ES-only one (`require` of an ES module costs more than its code).
const INLINE = new Set(['mdast-util-to-string', 'commander', 'picomatch']);
const deps = Object.keys(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).dependencies ?? {});
const external = deps.filter((d) => !INLINE.has(d)).flatMap((d) => [d, `${d}/*`]);
// SPEC_DIST_DIR: where the build goes (scripts/build-installed.mjs builds into a temporary directory)
const dist = process.env.SPEC_DIST_DIR || join(root, 'dist');
const out = join(dist, 'spec.cjs');
/** One CommonJS file for Node 20+, as both builds below make it. */
const commonjs = { bundle: true, format: 'cjs', platform: 'node', target: 'node20', legalComments: 'none', logLevel: 'warning' };
await build({ ...commonjs, entryPoints: [join(dist, 'code', 'compile-cache.js')], outfile: join(dist, 'code', 'compile-cache.cjs') });
// the resident process's client (src/resident/client.ts), which bin/spec requires on a `spec lint` before
// anything else: Node's built-ins only, no code cache needed for a file this small
await build({ ...commonjs, entryPoints: [join(dist, 'resident', 'client.js')], outfile: join(dist, 'resident', 'client.cjs') });
await build({
  ...commonjs,
  entryPoints: [join(dist, 'cli', 'main.js')],
  outfile: out,
  external,
  define: { 'import.meta.url': '__specBundleUrl' },
  banner: { js: '"use strict";\nvar __specBundleUrl = require("node:url").pathToFileURL(__filename).href;' },
  plugins: [
    {
      // the code cache, as bin/spec loads it (above)
      name: 'compile-cache',
      setup(b) {
        b.onResolve({ filter: /\/compile-cache\.js$/ }, () => ({ path: './code/compile-cache.cjs', external: true }));
      },
    },
    {
      // src/import-external.ts: the one module that calls `import()`, kept out as an ES module (see there)
      // and `require`d on the first call only: requiring an ES module starts Node's ES module loader (~5 ms),
      // which a run that imports no package (the pre-commit run) never needs
      name: 'import-external',
      setup(b) {
        b.onResolve({ filter: /\/import-external\.js$/ }, (args) =>
          args.namespace === 'lazy-import-external' ? { path: './import-external.js', external: true } : { path: 'import-external', namespace: 'lazy-import-external' },
        );
        b.onLoad({ filter: /.*/, namespace: 'lazy-import-external' }, () => ({
          contents: "exports.importExternal = (specifier) => require('./import-external.js').importExternal(specifier);",
          loader: 'js',
        }));
      },
    },
    {
      // the config validator the build generates (scripts/build-validators.mjs) is required by path at run
      // time (the sources have none); in the bundle it is a module like the others, in the code cache too
      name: 'config-validator',
      setup(b) {
        b.onLoad({ filter: /[\\/]dist[\\/]lint[\\/]config\.js$/ }, (args) => {
          const text = readFileSync(args.path, 'utf8');
          const call = "require(builtPath('lint', 'config-validator.generated.cjs'))";
          if (!text.includes(call)) throw new Error(`scripts/bundle.mjs: ${call} is no longer in dist/lint/config.js; update the config-validator plugin`);
          const contents = `import __configValidator from './config-validator.generated.cjs';\n${text.replace(call, '__configValidator')}`;
          return { contents, loader: 'js', resolveDir: dirname(args.path) };
        });
      },
    },
  ],
});

// Non-ASCII characters (esbuild keeps them in regular expression literals) become \u escapes, which mean the
// same in string, template and regular expression literals (no String.raw in the sources): an ASCII file
// is read as latin1, at half the cost of UTF-8 (compile-cache.ts).
const code = readFileSync(out, 'utf8').replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
writeFileSync(out, code);

// `import()` in the bundle would fail at run time (no loader inside vm.Script): every one must have been
// turned into a lazy module init (the CLI's own modules) or go through importExternal (packages).
const left = [...code.matchAll(/(?<![\w$.])import\s*\(/g)].map((m) => code.slice(0, m.index).split('\n').length);
if (left.length > 0) {
  console.error(`scripts/bundle.mjs: dist/spec.cjs still calls import() at line(s) ${left.join(', ')}: import packages with importExternal (src/import-external.ts).`);
  process.exit(1);
}

// Last, the build id (src/lint/cache.ts codeFingerprint): a hash of the name and content of every file the
// build wrote, so that a cached run knows the installed code without listing and stat-ing dist/.
const BUILD_ID = 'build-id.txt';
const h = createHash('sha256');
for (const name of readdirSync(dist, { recursive: true }).filter((n) => n !== BUILD_ID && /\.(js|mjs|cjs|json|wasm)$/.test(n)).sort()) {
  h.update(`${name}\0`).update(readFileSync(join(dist, name))).update('\0');
}
writeFileSync(join(dist, BUILD_ID), `${h.digest('hex')}\n`);
