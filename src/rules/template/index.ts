import type { Rule } from '../types.js';
import readable from './readable.js';
import title from './title.js';
import header from './header.js';
import sections from './sections.js';
import subsections from './subsections.js';
import requirementMapping from './requirement-mapping.js';
import placeholder from './placeholder.js';

/** Every `template/…` rule, in the order `spec rules` lists them. */
export const rules: Rule[] = [readable, title, header, sections, subsections, requirementMapping, placeholder];
