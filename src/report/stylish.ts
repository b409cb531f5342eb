/** The default human format, after ESLint's stylish: a block per file, aligned columns, a summary line. */
import type { Formatter } from '../lint/types.js';
import { visible } from './escape.js';

const codes = { red: [31, 39], yellow: [33, 39], dim: [2, 22], bold: [1, 22], underline: [4, 24], green: [32, 39] } as const;

export const format: Formatter = (results, ctx) => {
  const paint = (c: keyof typeof codes, s: string) => (ctx.color ? `\u001b[${codes[c][0]}m${s}\u001b[${codes[c][1]}m` : s);
  let out = '';
  let errors = 0;
  let warnings = 0;
  for (const r of results) {
    if (r.messages.length === 0) continue;
    errors += r.errorCount;
    warnings += r.warningCount;
    // names and messages come from the specs: control characters (ESC …) are spelled out, never sent raw
    // (and a name that starts with `::` is written `./::…`: at the start of a line a CI runner reads it as a command)
    out += `\n${paint('underline', (r.relativePath.startsWith(':') ? './' : '') + visible(r.relativePath))}\n`;
    const rows = r.messages.map((m) => [
      `${m.line}:${m.column}`,
      m.severity === 'error' ? paint('red', 'error') : paint('yellow', 'warning'),
      visible(m.message.replace(/\r?\n/g, ' ')),
      paint('dim', visible(m.ruleId)),
    ]);
    const w0 = Math.max(...rows.map((x) => x[0]!.length));
    const w1 = Math.max(...r.messages.map((m) => (m.severity === 'error' ? 5 : 7)));
    for (const [i, row] of rows.entries()) {
      const sevLen = r.messages[i]!.severity === 'error' ? 5 : 7;
      out += `  ${paint('dim', row[0]!.padEnd(w0))}  ${row[1]}${' '.repeat(w1 - sevLen)}  ${row[2]}  ${row[3]}\n`;
    }
  }
  const total = errors + warnings;
  if (total > 0) {
    const summary = `✖ ${total} problem${total === 1 ? '' : 's'} (${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'})`;
    out += `\n${paint('bold', errors > 0 ? paint('red', summary) : paint('yellow', summary))}\n`;
    // fixes (src/fix): ESLint's line about what --fix would repair
    const fixE = results.reduce((n, r) => n + r.messages.filter((m) => m.fix && m.severity === 'error').length, 0);
    const fixW = results.reduce((n, r) => n + r.messages.filter((m) => m.fix && m.severity === 'warning').length, 0);
    if (fixE + fixW > 0) {
      const line = `  ${fixE} error${fixE === 1 ? '' : 's'} and ${fixW} warning${fixW === 1 ? '' : 's'} potentially fixable with the \`--fix\` option.`;
      out += `${paint('bold', errors > 0 ? paint('red', line) : paint('yellow', line))}\n`;
    }
  }
  return out;
};
