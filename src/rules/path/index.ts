import type { Rule } from '../types.js';
import placeholder from './placeholder.js';
import absolute from './absolute.js';
import modifyExists from './modify-exists.js';
import createNotExists from './create-not-exists.js';
import componentTables from './component-tables.js';
import linkTarget from './link-target.js';

/** Every `path/…` rule, in the order `spec rules` lists them. */
export const rules: Rule[] = [placeholder, absolute, modifyExists, createNotExists, componentTables, linkTarget];
