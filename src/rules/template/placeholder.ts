/**
 * template/placeholder: unfilled template text outside code — the template's bracketed placeholders
 * (`[Feature Name]`, `[path]`, `[Test command or verifiable assertion]` …), `TBD` / `TODO` / `FIXME`,
 * placeholder ids (`T-XXX`, `T-00X`), unfilled choices (`yes/no`) and angle-bracket placeholders (`<path>`).
 */
import type { Loc } from '../../model/types.js';
import { defineRule } from '../types.js';
import { isAnglePlaceholder, scanText, type Found } from './placeholders.js';

/** Where offsets [start, end) of a text node's value stand in the file (lines exact, columns best effort). */
export function locWithin(node: Loc, text: string, start: number, end: number): Loc {
  const at = (offset: number) => {
    const before = text.slice(0, offset);
    const breaks = before.match(/\r\n|\r|\n/g)?.length ?? 0;
    if (breaks === 0) return { line: node.line, column: node.column + offset };
    const lastBreak = Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r'));
    return { line: node.line + breaks, column: offset - lastBreak };
  };
  const a = at(start);
  const b = at(end);
  return { line: a.line, column: a.column, endLine: b.line, endColumn: b.column };
}

function message(f: Found): string {
  switch (f.kind) {
    case 'marker':
      return /^(T|US|ER)-/.test(f.text)
        ? `placeholder id \`${f.text}\`: write the real id (tasks are T-001, T-002 …; requirements US-001 / ER-001 …)`
        : `\`${f.text}\` left in the spec: resolve it, or move the open point to "Open Questions & Risks"`;
    case 'choice':
      return `unfilled template choice \`${f.text}\`: keep the one value that applies`;
    case 'angle':
      return `placeholder \`${f.text}\`: replace it with the real value`;
    default:
      return `unfilled template placeholder \`${f.text}\`: replace it with the real content`;
  }
}

export default defineRule({
  meta: {
    id: 'template/placeholder',
    description: 'No unfilled template placeholders outside code: `[Feature Name]`, `[path]`, `TBD`, `TODO`, `T-XXX` ….',
    defaultSeverity: 'error',
  },
  check(ctx) {
    const { spec } = ctx;
    if (spec.readErrors.length > 0) return;
    // a path written in a component table is path/placeholder's (`[exact/path/to/file.go]`): report it once
    const inPath = (loc: Loc) =>
      spec.paths.some(
        (p) =>
          (p.loc.line < loc.line || (p.loc.line === loc.line && p.loc.column <= loc.column)) &&
          (p.loc.endLine > loc.endLine || (p.loc.endLine === loc.endLine && p.loc.endColumn >= loc.endColumn)),
      );
    const seen = new Set<string>();
    for (const node of spec.prose) {
      if (inPath(node.loc)) continue;
      // the same text can be collected twice (fields of a blockquote task): report it once
      const id = `${node.loc.line}:${node.loc.column}:${node.text}`;
      if (seen.has(id)) continue;
      seen.add(id);
      if (node.kind === 'html') {
        if (isAnglePlaceholder(node.text)) {
          ctx.report({ message: message({ start: 0, end: node.text.length, text: node.text.trim(), kind: 'angle' }), loc: node.loc, key: node.text.trim() });
        }
        continue;
      }
      for (const f of scanText(node.text)) {
        ctx.report({ message: message(f), loc: locWithin(node.loc, node.text, f.start, f.end), key: f.text });
      }
    }
  },
});
