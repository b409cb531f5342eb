/**
 * Vitest runs the TypeScript sources, where `parse.ts` cannot `require` the compiled micromark module on
 * first need as the built CLI does: register it up front.
 */
import { parseWithMicromark } from '../src/markdown/micromark.js';
import { setFullParser } from '../src/markdown/parse.js';

setFullParser(parseWithMicromark);

// the TypeScript code cache (src/code/compile-cache.ts) goes to a per-run temporary directory, not ~/.cache
if (!process.env.SPEC_CACHE_DIR) {
  const { mkdtempSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  process.env.SPEC_CACHE_DIR = mkdtempSync(join(tmpdir(), 'spec-test-cache-'));
}

// the CLI the tests start runs in its own process: no resident spare (src/resident/) left behind by a test,
// except where tests/e2e/resident.test.ts asks for one
process.env.SPEC_RESIDENT ??= '0';
