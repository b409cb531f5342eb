/**
 * Where the code runs from, for every path the code derives from its own location: the code tree (`src/`
 * under the TypeScript sources, `dist/` once built, including the one-file bundle `dist/spec.cjs`, which
 * sits directly in it) and the package root above it (docs/, schemas/, templates/). Modules ask here instead
 * of reading their own `import.meta.url`, whose depth differs between dist/ and the bundle.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const self = fileURLToPath(import.meta.url);

/** The code tree: `<package>/src` or `<package>/dist`. */
export const codeDir = dirname(self);

/** The package root (where docs/, schemas/ and templates/ live). */
export const packageRoot = dirname(codeDir);

/** Whether this is the built code (dist/), not the TypeScript sources. */
export const isBuilt = !self.endsWith('.ts');

/** A built module's path: `<package>/dist/<parts>`, whichever tree is running. */
export const builtPath = (...parts: string[]): string => join(packageRoot, 'dist', ...parts);
