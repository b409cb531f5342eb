import type { Rule } from '../types.js';
import filename from './filename.js';
import versionUnique from './version-unique.js';
import versionOrder from './version-order.js';
import annotations from './annotations.js';
import sqlSyntax from './sql-syntax.js';
import downReversesUp from './down-reverses-up.js';
import downExtra from './down-extra.js';
import migrationOrder from './migration-order.js';
import statusCheck from './status-check.js';
import schemaReference from './schema-reference.js';
import noTransaction from './no-transaction.js';
import backwardCompatible from './backward-compatible.js';
import lockSafety from './lock-safety.js';
import dataModel from './data-model.js';
import exec from './exec.js';

/** Every `goose/…` rule, in the order `spec rules` lists them. */
export const rules: Rule[] = [
  filename,
  versionUnique,
  versionOrder,
  annotations,
  sqlSyntax,
  downReversesUp,
  downExtra,
  migrationOrder,
  statusCheck,
  schemaReference,
  noTransaction,
  backwardCompatible,
  lockSafety,
  dataModel,
  exec,
];
