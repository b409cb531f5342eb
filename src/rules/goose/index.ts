import type { Rule } from '../types.js';

/** Every `goose/…` rule, in the order `spec rules` lists them. */
export const rules: Rule[] = [];
