/** The package root (where docs/, schemas/ and templates/ live), from dist/ or src/. */
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const packageRoot = dirname(dirname(fileURLToPath(import.meta.url)));
