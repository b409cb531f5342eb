import type { Rule } from '../types.js';
import prdExists from './prd-exists.js';
import prdChanged from './prd-changed.js';
import storyMapped from './story-mapped.js';
import implementsKnown from './implements-known.js';
import taskHasRequirement from './task-has-requirement.js';
import mappingConsistent from './mapping-consistent.js';
import erCriteria from './er-criteria.js';
import uniqueIds from './unique-ids.js';

/** Every `trace/…` rule, in the order `spec rules` lists them. */
export const rules: Rule[] = [prdExists, prdChanged, storyMapped, implementsKnown, taskHasRequirement, mappingConsistent, erCriteria, uniqueIds];
