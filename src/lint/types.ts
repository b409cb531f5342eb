/**
 * Diagnostics and per-file results: what rules produce and formatters print. Formatters import only this
 * module (and the rule metadata passed to them), never the rules themselves.
 */

export type Severity = 'error' | 'warning';
export type SeveritySetting = 'off' | 'warn' | 'error';

export interface Diagnostic {
  ruleId: string;
  severity: Severity;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** Link to the rule's documentation. */
  url?: string;
  /**
   * A stable key for the finding inside its file that does not depend on line numbers (a task id, a
   * requirement id, a path …). Used for SARIF partial fingerprints and cache-independent identity.
   */
  key?: string;
  // ----- fixes (src/fix) -----
  /** ESLint's fix: replace the source range [start, end) with `text` (`--fix`, SARIF fixes, quick fixes). */
  fix?: import('../fix/types.js').EslintFix;
}

export interface FileResult {
  /** Absolute path of the linted file. */
  filePath: string;
  /** Path relative to the repository root, forward slashes. */
  relativePath: string;
  messages: Diagnostic[];
  errorCount: number;
  warningCount: number;
  // ----- fixes (src/fix) -----
  /** The fixed text, when `--fix` or `--fix-dry-run` changed it (ESLint's `output`). */
  output?: string;
}

/** What a formatter knows about a rule: its metadata, never its implementation. */
export interface RuleInfo {
  id: string;
  description: string;
  docsUrl: string;
  defaultSeverity: SeveritySetting;
  /** Whether the rule's findings can carry a fix (`--fix`). */
  fixable?: boolean;
}

export interface ReportContext {
  /** Absolute repository root. */
  root: string;
  /** Metadata of every known rule. */
  rules: RuleInfo[];
  toolName: string;
  toolVersion: string;
  /** Whether colours may be used. */
  color: boolean;
  /** Specs' models by relative path, for formatters that draw traceability (github summary). Optional. */
  models?: Map<string, import('../model/types.js').SpecModel>;
}

export type Formatter = (results: FileResult[], ctx: ReportContext) => string;
