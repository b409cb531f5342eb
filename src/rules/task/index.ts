import type { Rule } from '../types.js';
import fields from './fields.js';
import idSequence from './id-sequence.js';
import dependencies from './dependencies.js';
import missingDependency from './missing-dependency.js';
import order from './order.js';
import doneCondition from './done-condition.js';
import size from './size.js';

/** Every `task/…` rule, in the order `spec rules` lists them. */
export const rules: Rule[] = [fields, idSequence, dependencies, missingDependency, order, doneCondition, size];
