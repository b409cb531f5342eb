// Builds dist/ inside an installed copy of spec that came from git rather than from a published tarball:
// the pre-commit framework's hook (`npm install -g git+file://<clone>`), or `npm install git+https://…#v0.1.0`.
// bin/spec runs it once, on the first run, when dist/ is missing.
//
// Why not at install time: npm "prepares" a git dependency that has a prepare, build, install, preinstall,
// postinstall or prepack script by running a second `npm install` in the clone, and under `npm install -g`
// (what pre-commit runs) that second install is global too: no dev dependencies (`tsc: not found`), and
// with a no-op script, two installs racing into one global folder (ENOTEMPTY). package.json therefore has
// none of those scripts (a developer's `npm ci` builds through `postprepare`, which npm runs for the root
// project only), and the package carries its sources, so that this script can build them with the
// TypeScript compiler it depends on anyway (the code/ts-* rules). No network, no dev dependencies: tsc
// without type checking (@types/node is a dev dependency), the config validator (ajv), and the one-file
// bundle only if esbuild happens to be installed (bin/spec runs the ES modules without it).
//
// The build goes to a temporary directory next to dist/ and is renamed into place, so a run that is
// interrupted, or two first runs at once, never leave a half-built dist/.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const final = join(root, 'dist');
const work = join(root, `.build-${process.pid}`);
const tmp = join(work, 'dist'); // named dist: scripts/bundle.mjs recognises its modules by the directory name
const require = createRequire(join(root, 'package.json'));

function fail(message) {
  rmSync(work, { recursive: true, force: true });
  process.stderr.write(`spec: cannot build the CLI in ${root}: ${message}\n  Reinstall spec, or run \`npm ci\` in that directory.\n`);
  process.exit(2);
}

function run(args, env = {}) {
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env, SPEC_DIST_DIR: tmp } });
  return { ok: r.status === 0, output: `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? String(r.error) : ''}` };
}

let tsc;
try {
  tsc = require.resolve('typescript/bin/tsc');
} catch {
  fail('the TypeScript compiler (package `typescript`, a dependency of spec) is not installed');
}
mkdirSync(work, { recursive: true });
// emit only, no type check and no type packages (@types/node is a dev dependency)
const tsconfig = join(work, 'tsconfig.json');
writeFileSync(tsconfig, JSON.stringify({ extends: '../tsconfig.build.json', compilerOptions: { outDir: 'dist', types: [], noCheck: true, sourceMap: false } }));
const compiled = run([tsc, '-p', tsconfig]);
if (!existsSync(join(tmp, 'cli', 'main.js'))) fail(`tsc failed:\n${compiled.output}`);
const validators = run([join(root, 'scripts', 'build-validators.mjs')]);
if (!validators.ok) fail(`the config validator failed to build:\n${validators.output}`);
let bundled = false;
try {
  require.resolve('esbuild');
  bundled = run([join(root, 'scripts', 'bundle.mjs')]).ok;
} catch {
  // no esbuild: bin/spec runs the ES modules
}
if (!bundled) {
  rmSync(join(tmp, 'spec.cjs'), { force: true });
  // the build id scripts/bundle.mjs writes last (src/lint/cache.ts codeFingerprint)
  const h = createHash('sha256');
  for (const name of readdirSync(tmp, { recursive: true }).filter((n) => /\.(js|mjs|cjs|json|wasm)$/.test(n)).sort()) {
    h.update(`${name}\0`).update(readFileSync(join(tmp, name))).update('\0');
  }
  writeFileSync(join(tmp, 'build-id.txt'), `${h.digest('hex')}\n`);
}
try {
  renameSync(tmp, final);
} catch (err) {
  // another first run put its build in place first: keep that one
  if (!existsSync(join(final, 'cli', 'main.js'))) fail(`cannot move the build into place: ${err.code ?? err.message}`);
}
rmSync(work, { recursive: true, force: true });
