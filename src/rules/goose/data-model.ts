import { defineRule } from '../types.js';
import type { Cell, Table } from '../../model/types.js';
import { gooseApplies } from './shared.js';
import { specSchema } from './schema-shared.js';

const IDENT = /^[A-Za-z_][A-Za-z0-9_$]*(?:\.[A-Za-z_][A-Za-z0-9_$]*)?$/;

/** A name as a table cell or heading writes it (back-ticks and a `Table:` label dropped), or null. */
function nameOf(text: string): string | null {
  const t = text.trim().replace(/^table:\s*/i, '').replace(/^`+|`+$/g, '').trim();
  return IDENT.test(t) ? t : null;
}

function split(name: string): { schema: string; name: string } {
  const i = name.indexOf('.');
  return i < 0 ? { schema: 'public', name } : { schema: name.slice(0, i), name: name.slice(i + 1) };
}

const inDataModel = (path: string[]) => path.some((p) => /data model/i.test(p));
const col = (t: Table, re: RegExp) => t.header.findIndex((h) => re.test(h.text.trim()));

/**
 * The data model of section 3 agrees with the migrations: every table described under "New Tables" is
 * created, with the columns and types listed; every index under **Indexes:** is created; every table under
 * "Modified Tables" exists, with the columns it says are added.
 */
export default defineRule({
  meta: {
    id: 'goose/data-model',
    description: 'The data model\'s New Tables, Modified Tables and Indexes agree with what the migrations create (tables, columns, types, index names).',
    defaultSeverity: 'error',
  },
  async check(ctx) {
    if (!gooseApplies(ctx)) return;
    const spec = ctx.spec;
    const tables = spec.tables.filter((t) => inDataModel(t.sectionPath));
    const indexItems = (spec.dataModelIndexes ?? []).filter((i) => inDataModel(i.sectionPath));
    if (tables.length === 0 && indexItems.length === 0) return;
    const result = await specSchema(ctx);
    if (!result || !result.complete || result.migrations.length === 0) return;
    const schema = result.final;
    if (schema.opaque) return;
    const { parseDocType, showType, sameType } = await import('../../sql/schema-types.js');

    const checkColumn = (table: { schema: string; name: string }, column: string, typeText: string | null, cell: Cell, typeCell: Cell | null, where: string) => {
      const r = schema.relation(table.schema, table.name);
      if (!r || !r.columnsKnown) return;
      const c = r.columns.get(column);
      if (!c) {
        ctx.report({
          message: `${where} lists column \`${column}\` of \`${table.name}\`, but no migration creates it: add it to the migration, or remove it from the data model`,
          loc: cell.loc,
          key: `column:${table.name}.${column}`,
        });
        return;
      }
      if (!typeText || !c.type) return;
      const doc = parseDocType(typeText);
      if (!doc || c.type.schema) return;
      if (!sameType(doc, c.type)) {
        ctx.report({
          message: `${where} lists \`${table.name}.${column}\` as ${typeText.trim()}, but the migration creates it as ${showType(c.type)}: make the data model and the migration say the same type`,
          loc: (typeCell ?? cell).loc,
          key: `type:${table.name}.${column}`,
        });
      }
    };

    for (const t of tables) {
      const last = t.sectionPath[t.sectionPath.length - 1] ?? '';
      const columnCol = col(t, /^column$/i);
      const typeCol = col(t, /^type$/i);
      if (t.sectionPath.some((p) => /^new tables?$/i.test(p)) && !/^new tables?$/i.test(last) && columnCol >= 0) {
        const name = nameOf(last);
        if (!name) continue;
        const tn = split(name);
        if (schema.relationStatus(tn.schema, tn.name) !== 'exists') {
          ctx.report({
            message: `the data model describes the new table \`${name}\`, but no migration of this spec creates it: add its CREATE TABLE to a migration, or fix the table name`,
            loc: t.loc,
            key: `table:${name}`,
          });
          continue;
        }
        for (const row of t.rows) {
          const cell = row[columnCol];
          const column = cell ? nameOf(cell.text) : null;
          if (!cell || !column) continue;
          const typeCell = typeCol >= 0 ? row[typeCol] ?? null : null;
          checkColumn(tn, column, typeCell?.text ?? null, cell, typeCell, 'the data model');
        }
      } else if (/^modified tables?$/i.test(last)) {
        const tableCol = col(t, /^table$/i);
        const changeCol = col(t, /^change/i);
        if (tableCol < 0) continue;
        for (const row of t.rows) {
          const cell = row[tableCol];
          const name = cell ? nameOf(cell.text) : null;
          if (!cell || !name) continue;
          const tn = split(name);
          if (schema.relationStatus(tn.schema, tn.name) === 'missing') {
            ctx.report({
              message: `"Modified Tables" lists \`${name}\`, but no migration (the repository's or this spec's) creates that table: fix the table name`,
              loc: cell.loc,
              key: `modified:${name}`,
            });
            continue;
          }
          const change = changeCol >= 0 ? row[changeCol] : undefined;
          const m = change ? /^adds?\s+(?:an?\s+)?(?:new\s+)?(?:nullable\s+)?column\s+`?([A-Za-z_][A-Za-z0-9_]*)`?\s*(.*)$/i.exec(change.text.trim()) : null;
          if (!m || !change) continue;
          // the type: the longest run of leading words that reads as a type (`TIMESTAMPTZ`, `timestamp with time zone`)
          const words = m[2].replace(/[`,;]/g, ' ').trim().split(/\s+/).filter(Boolean);
          let typeText: string | null = null;
          for (let k = Math.min(4, words.length); k >= 1; k--) {
            if (parseDocType(words.slice(0, k).join(' '))) {
              typeText = words.slice(0, k).join(' ');
              break;
            }
          }
          checkColumn(tn, m[1], typeText, change, change, '"Modified Tables"');
        }
      }
    }

    if (indexItems.length > 0) {
      const known = new Set([...schema.indexes.values()].map((i) => i.name));
      for (const item of indexItems) {
        const first = item.code[0];
        const name = first && /^[A-Za-z_][A-Za-z0-9_$]*$/.test(first.value.trim()) ? first.value.trim() : null;
        if (!name || known.has(name)) continue;
        // under a new table's heading the spec must create it; elsewhere only a closed world knows
        const tableName = nameOf(item.sectionPath[item.sectionPath.length - 1] ?? '');
        const underNewTable = !!tableName && schema.createdBySpec.has(`${split(tableName).schema}.${split(tableName).name}`);
        if (!underNewTable && !schema.closed) continue;
        ctx.report({
          message: `the data model lists index \`${name}\`, but no migration creates an index of that name: add the CREATE INDEX to a migration, or write the name the migration uses`,
          loc: first!.loc,
          key: `index:${name}`,
        });
      }
    }
  },
});
