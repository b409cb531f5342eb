import type { Rule } from '../types.js';
import goSyntax from './go-syntax.js';
import tsSyntax from './ts-syntax.js';
import tsNoAny from './ts-no-any.js';
import sqlSyntax from './sql-syntax.js';
import contractAlignment from './contract-alignment.js';

/** Every `code/…` rule, in the order `spec rules` lists them. */
export const rules: Rule[] = [goSyntax, tsSyntax, tsNoAny, sqlSyntax, contractAlignment];
