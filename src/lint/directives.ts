/**
 * Inline configuration comments, markdownlint/ESLint style:
 *   <!-- spec-lint-disable-next-line task/done-condition -- reason -->
 *   <!-- spec-lint-disable trace/story-mapped -->  …  <!-- spec-lint-enable trace/story-mapped -->
 *   <!-- spec-lint-disable-file path/modify-exists -->
 * No rule list means every rule. Several rules may be separated by commas or spaces.
 */
import type { Comment, Loc } from '../model/types.js';

export interface Directive {
  kind: 'disable' | 'enable' | 'disable-next-line' | 'disable-line' | 'disable-file';
  /** Rule ids; empty = all rules. */
  rules: string[];
  loc: Loc;
}

const RX = /^spec-lint-(disable-next-line|disable-line|disable-file|disable|enable)\b([\s\S]*)$/;

export function parseDirectives(comments: readonly Comment[]): Directive[] {
  const out: Directive[] = [];
  for (const c of comments) {
    const m = RX.exec(c.value);
    if (!m) continue;
    const body = m[2]!.split(/\s--\s|^--\s|\s--$/)[0]!;
    const rules = body
      .split(/[\s,]+/)
      .map((s) => s.trim())
      .filter(Boolean);
    out.push({ kind: m[1] as Directive['kind'], rules, loc: c.loc });
  }
  return out;
}

/** Decides whether a diagnostic of `ruleId` on `line` is suppressed by the file's directives. */
export class Suppressions {
  private readonly fileRules = new Set<string>();
  private fileAll = false;
  private readonly lineRules = new Map<number, Set<string> | 'all'>();
  /** Ranges per rule ('*' = all): [startLine, endLine) pairs. */
  private readonly ranges: Array<{ rule: string; start: number; end: number }> = [];

  constructor(directives: readonly Directive[]) {
    const openAt = new Map<string, number>();
    for (const d of directives) {
      const targets = d.rules.length ? d.rules : ['*'];
      switch (d.kind) {
        case 'disable-file':
          if (!d.rules.length) this.fileAll = true;
          for (const r of d.rules) this.fileRules.add(r);
          break;
        case 'disable-next-line':
        case 'disable-line': {
          const line = d.kind === 'disable-line' ? d.loc.line : d.loc.endLine + 1;
          const cur = this.lineRules.get(line);
          if (!d.rules.length || cur === 'all') this.lineRules.set(line, 'all');
          else this.lineRules.set(line, new Set([...(cur ?? []), ...d.rules]));
          break;
        }
        case 'disable':
          for (const r of targets) if (!openAt.has(r)) openAt.set(r, d.loc.line);
          break;
        case 'enable':
          if (!d.rules.length) {
            for (const [r, start] of openAt) this.ranges.push({ rule: r, start, end: d.loc.line });
            openAt.clear();
          } else {
            for (const r of d.rules) {
              const start = openAt.get(r);
              if (start !== undefined) {
                this.ranges.push({ rule: r, start, end: d.loc.line });
                openAt.delete(r);
              }
            }
          }
          break;
      }
    }
    for (const [r, start] of openAt) this.ranges.push({ rule: r, start, end: Number.MAX_SAFE_INTEGER });
  }

  isSuppressed(ruleId: string, line: number): boolean {
    if (this.fileAll || this.fileRules.has(ruleId)) return true;
    const l = this.lineRules.get(line);
    if (l === 'all' || (l && l.has(ruleId))) return true;
    return this.ranges.some((r) => (r.rule === '*' || r.rule === ruleId) && line >= r.start && line < r.end);
  }
}
