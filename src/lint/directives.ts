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

/** A disable comment (or one rule of it) that suppressed nothing. */
export interface UnusedDirective {
  directive: Directive;
  /** The rule named in the comment that suppressed nothing; undefined for a comment naming no rule. */
  rule?: string;
}

/**
 * Decides whether a diagnostic of `ruleId` on `line` is suppressed by the file's directives, and remembers
 * which directive (and which of its rules) did, for `--report-unused-disable-directives`.
 */
export class Suppressions {
  private readonly fileRules = new Map<string, number>();
  private fileAll = -1;
  private readonly lineRules = new Map<number, { all: number; rules: Map<string, number> }>();
  /** Ranges per rule ('*' = all): [startLine, endLine) pairs, with the index of the opening directive. */
  private readonly ranges: Array<{ rule: string; start: number; end: number; at: number }> = [];
  /** `${directive index}\0${rule or '*'}` for each directive rule that suppressed something. */
  private readonly used = new Set<string>();

  constructor(private readonly directives: readonly Directive[]) {
    const openAt = new Map<string, { line: number; at: number }>();
    for (const [at, d] of directives.entries()) {
      const targets = d.rules.length ? d.rules : ['*'];
      switch (d.kind) {
        case 'disable-file':
          if (!d.rules.length) {
            if (this.fileAll === -1) this.fileAll = at;
          }
          for (const r of d.rules) if (!this.fileRules.has(r)) this.fileRules.set(r, at);
          break;
        case 'disable-next-line':
        case 'disable-line': {
          const line = d.kind === 'disable-line' ? d.loc.line : d.loc.endLine + 1;
          const cur = this.lineRules.get(line) ?? { all: -1, rules: new Map<string, number>() };
          if (!d.rules.length) {
            if (cur.all === -1) cur.all = at;
          } else for (const r of d.rules) if (!cur.rules.has(r)) cur.rules.set(r, at);
          this.lineRules.set(line, cur);
          break;
        }
        case 'disable':
          for (const r of targets) if (!openAt.has(r)) openAt.set(r, { line: d.loc.line, at });
          break;
        case 'enable':
          if (!d.rules.length) {
            for (const [r, o] of openAt) this.ranges.push({ rule: r, start: o.line, end: d.loc.line, at: o.at });
            openAt.clear();
          } else {
            for (const r of d.rules) {
              const o = openAt.get(r);
              if (o !== undefined) {
                this.ranges.push({ rule: r, start: o.line, end: d.loc.line, at: o.at });
                openAt.delete(r);
              }
            }
          }
          break;
      }
    }
    for (const [r, o] of openAt) this.ranges.push({ rule: r, start: o.line, end: Number.MAX_SAFE_INTEGER, at: o.at });
  }

  isSuppressed(ruleId: string, line: number): boolean {
    let hit = false;
    const use = (at: number, rule: string) => {
      this.used.add(`${at}\0${rule}`);
      hit = true;
    };
    if (this.fileAll !== -1) use(this.fileAll, '*');
    const f = this.fileRules.get(ruleId);
    if (f !== undefined) use(f, ruleId);
    const l = this.lineRules.get(line);
    if (l && l.all !== -1) use(l.all, '*');
    const lr = l?.rules.get(ruleId);
    if (lr !== undefined) use(lr, ruleId);
    for (const r of this.ranges) if ((r.rule === '*' || r.rule === ruleId) && line >= r.start && line < r.end) use(r.at, r.rule);
    return hit;
  }

  /** The disable comments, and the rules named in them, that suppressed nothing (`enable` comments are never reported). */
  unused(): UnusedDirective[] {
    const out: UnusedDirective[] = [];
    for (const [at, d] of this.directives.entries()) {
      if (d.kind === 'enable') continue;
      if (!d.rules.length) {
        if (!this.used.has(`${at}\0*`)) out.push({ directive: d });
      } else for (const r of new Set(d.rules)) if (!this.used.has(`${at}\0${r}`)) out.push({ directive: d, rule: r });
    }
    return out;
  }
}
