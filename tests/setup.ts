/**
 * Vitest runs the TypeScript sources, where `parse.ts` cannot `require` the compiled micromark module on
 * first need as the built CLI does: register it up front.
 */
import { parseWithMicromark } from '../src/markdown/micromark.js';
import { setFullParser } from '../src/markdown/parse.js';

setFullParser(parseWithMicromark);
