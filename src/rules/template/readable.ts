/**
 * template/readable: the file is readable markdown — UTF-8 text, not binary, not empty — with closed code
 * fences and well-formed tables. The engine runs only this rule on files that cannot be read at all.
 */
import { defineRule } from '../types.js';

export default defineRule({
  meta: {
    id: 'template/readable',
    description: 'The file is readable markdown: UTF-8 text, not empty, code fences closed, tables well formed.',
    defaultSeverity: 'error',
  },
  check(ctx) {
    const { spec } = ctx;
    for (const e of spec.readErrors) {
      ctx.report({ message: e.message, loc: e.loc, key: 'read' });
    }
    if (spec.readErrors.length > 0) return;

    // the same element can be collected twice (inside a blockquote task): report it once
    const seen = new Set<string>();
    const once = (kind: string, loc: { line: number; column: number }) => {
      const id = `${kind}:${loc.line}:${loc.column}`;
      if (seen.has(id)) return false;
      seen.add(id);
      return true;
    };

    for (const block of spec.codeBlocks) {
      if (!block.unclosed || !once('code', block.loc)) continue;
      ctx.report({
        message:
          'unclosed code fence: everything after it is read as code, so the rest of the spec is lost; close the block with a matching fence line (```)',
        loc: { line: block.loc.line, column: block.loc.column, endLine: block.loc.line, endColumn: block.loc.column + 3 },
        key: `fence:${block.sectionPath.join(' > ')}`,
      });
    }

    for (const table of spec.tables) {
      if (!once('table', table.loc)) continue;
      const width = table.header.length;
      const title = table.header.map((c) => c.text).join(' | ');
      table.rows.forEach((row, r) => {
        if (row.length === width) return;
        const loc = row[0]?.loc ?? table.loc;
        const message =
          row.length > width
            ? `table row has ${row.length} cells but the header has ${width}: the extra cells are dropped when rendered; escape a \`|\` inside a cell as \`\\|\` (also inside code spans)`
            : `table row has ${row.length} cell${row.length === 1 ? '' : 's'} but the header has ${width}: add the missing cells (an empty cell is \`| |\`)`;
        ctx.report({ message, loc: { line: loc.line, column: 1, endLine: loc.line, endColumn: loc.endColumn }, key: `table:${title}:row${r + 1}`, severity: 'warning' });
      });
    }

    // a pipe table without its `|---|` delimiter row is a paragraph, and its content is lost to every check
    for (const p of spec.prose) {
      if (p.kind !== 'text' || !once('prose', p.loc)) continue;
      const lines = p.text.split(/\r?\n|\r/);
      const piped = lines.filter((l) => /^\s*\|.*\|\s*$/.test(l));
      if (piped.length >= 2 && /^\s*\|/.test(lines[0]!)) {
        ctx.report({
          message: 'this looks like a table but is not one: add the delimiter row (`|---|---|`) under the header row, with one `---` per column',
          loc: p.loc,
          key: `pseudo-table:${lines[0]!.trim()}`,
          severity: 'warning',
        });
      }
    }
  },
});
