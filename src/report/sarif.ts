/**
 * SARIF 2.1.0, shaped the way GitHub code scanning accepts it: one run, every known rule in
 * `tool.driver.rules` (id, short description, help URI, default level), and results whose locations are
 * repository-relative URIs under `%SRCROOT%` with `partialFingerprints` that do not depend on line numbers.
 */
import { createHash } from 'node:crypto';
import { isAbsolute, relative, sep } from 'node:path';
import { packageJson, repositoryUrl } from '../package-info.js';
import type { Diagnostic, FileResult, Formatter, ReportContext, RuleInfo } from '../lint/types.js';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';

/** The key GitHub stores our fingerprint under; bump the version if the recipe ever changes. */
export const FINGERPRINT_KEY = 'specFindingHash/v1';

/**
 * Path of a linted file relative to the repository the CI system checked out (`GITHUB_WORKSPACE`,
 * `CI_PROJECT_DIR`), else relative to the configuration root. Forward slashes.
 */
export function repositoryPath(result: FileResult, ctx: ReportContext, env: NodeJS.ProcessEnv = process.env): string {
  const base = env.GITHUB_WORKSPACE || env.CI_PROJECT_DIR || ctx.root;
  if (result.filePath && isAbsolute(result.filePath)) {
    const rel = relative(base, result.filePath);
    if (rel && !rel.startsWith('..') && !isAbsolute(rel)) return rel.split(sep).join('/');
  }
  return result.relativePath.replace(/\\/g, '/');
}

/** A relative URI reference for a repository path: each segment percent-encoded. */
export function pathToUri(path: string): string {
  return path
    .split('/')
    .map((s) => encodeURIComponent(s))
    .join('/');
}

/**
 * The line-independent identity of a finding: rule + file + the diagnostic's key (a task or requirement id
 * set by the rule), else rule + file + the message with its digits removed (so a message that quotes a line
 * number does not change the hash when lines move).
 */
export function findingHash(ruleId: string, file: string, d: Pick<Diagnostic, 'key' | 'message'>): string {
  const what = d.key !== undefined && d.key !== '' ? `key:${d.key}` : `msg:${d.message.replace(/\d+/g, '').replace(/\s+/g, ' ').trim()}`;
  return createHash('sha256').update(`${ruleId}\0${file}\0${what}`).digest('hex').slice(0, 32);
}

/**
 * Fingerprints for every diagnostic of a file, in order: findings that share a hash are told apart by their
 * rank among equals (`:1`, `:2` …), which stays the same when unrelated lines move.
 */
export function fingerprints(ruleFile: string, messages: Diagnostic[]): string[] {
  const seen = new Map<string, number>();
  const order = messages
    .map((d, i) => ({ d, i }))
    .sort((a, b) => a.d.line - b.d.line || a.d.column - b.d.column || a.i - b.i);
  const out: string[] = new Array(messages.length);
  for (const { d, i } of order) {
    const h = findingHash(d.ruleId, ruleFile, d);
    const n = (seen.get(h) ?? 0) + 1;
    seen.set(h, n);
    out[i] = `${h}:${n}`;
  }
  return out;
}

/** Positive integers for SARIF regions (rules may report file-level findings at line 0). */
export function region(d: Diagnostic): { startLine: number; startColumn: number; endLine: number; endColumn: number } {
  const startLine = Math.max(1, Math.trunc(d.line) || 1);
  const startColumn = Math.max(1, Math.trunc(d.column) || 1);
  let endLine = Math.max(startLine, Math.trunc(d.endLine) || startLine);
  let endColumn = Math.max(1, Math.trunc(d.endColumn) || startColumn);
  if (endLine === startLine && endColumn < startColumn) endColumn = startColumn;
  if (!Number.isFinite(endLine)) endLine = startLine;
  return { startLine, startColumn, endLine, endColumn };
}

function levelOf(setting: RuleInfo['defaultSeverity']): 'error' | 'warning' | 'none' {
  return setting === 'error' ? 'error' : setting === 'warn' ? 'warning' : 'none';
}

function isUri(s: string | undefined): s is string {
  if (!s) return false;
  try {
    new URL(s);
    return true;
  } catch {
    return false;
  }
}

let cachedInfoUri: { base: string | undefined; uri: string | undefined } | null = null;

/** The tool's home page: package.json `homepage`, else its repository (src/package-info.ts), else `SPEC_DOCS_BASE_URL`. */
export function informationUri(): string | undefined {
  const base = process.env.SPEC_DOCS_BASE_URL;
  if (cachedInfoUri !== null && cachedInfoUri.base === base) return cachedInfoUri.uri;
  const { homepage } = packageJson();
  const uri = isUri(homepage) && /^https?:/.test(homepage) ? homepage : (repositoryUrl() ?? (isUri(base) ? base : undefined));
  cachedInfoUri = { base, uri };
  return uri;
}

interface SarifRule {
  id: string;
  shortDescription: { text: string };
  helpUri?: string;
  defaultConfiguration: { level: 'error' | 'warning' | 'none'; enabled?: boolean };
}

/** Builds the SARIF log object (exported for tests and for callers that want the object). */
export function toSarif(results: FileResult[], ctx: ReportContext): Record<string, unknown> {
  const rules: SarifRule[] = [];
  const ruleIndex = new Map<string, number>();
  const addRule = (info: RuleInfo) => {
    if (ruleIndex.has(info.id)) return;
    ruleIndex.set(info.id, rules.length);
    const level = levelOf(info.defaultSeverity);
    rules.push({
      id: info.id,
      shortDescription: { text: info.description || info.id },
      ...(isUri(info.docsUrl) ? { helpUri: info.docsUrl } : {}),
      defaultConfiguration: level === 'none' ? { level: 'none', enabled: false } : { level },
    });
  };
  for (const info of [...ctx.rules].sort((a, b) => a.id.localeCompare(b.id))) addRule(info);

  const sarifResults: Record<string, unknown>[] = [];
  const sorted = [...results].sort((a, b) => a.relativePath.localeCompare(b.relativePath));
  for (const file of sorted) {
    const path = repositoryPath(file, ctx);
    const fps = fingerprints(path, file.messages);
    file.messages.forEach((d, i) => {
      if (!ruleIndex.has(d.ruleId)) {
        addRule({ id: d.ruleId, description: d.ruleId, docsUrl: d.url ?? '', defaultSeverity: d.severity === 'error' ? 'error' : 'warn' });
      }
      sarifResults.push({
        ruleId: d.ruleId,
        ruleIndex: ruleIndex.get(d.ruleId)!,
        level: d.severity === 'error' ? 'error' : 'warning',
        message: { text: d.message || d.ruleId },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: pathToUri(path), uriBaseId: '%SRCROOT%' },
              region: region(d),
            },
          },
        ],
        partialFingerprints: { [FINGERPRINT_KEY]: fps[i]! },
        // fixes (src/fix): the message's replacement, as character offsets into the file
        ...(d.fix ? { fixes: [sarifFix(path, d)] } : {}),
      });
    });
  }

  const info = informationUri();
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: ctx.toolName || 'spec',
            version: ctx.toolVersion,
            semanticVersion: /^\d+\.\d+\.\d+/.test(ctx.toolVersion) ? ctx.toolVersion : undefined,
            ...(info ? { informationUri: info } : {}),
            rules,
          },
        },
        columnKind: 'utf16CodeUnits',
        results: sarifResults,
      },
    ],
  };
}

// ----- fixes (src/fix) -------------------------------------------------------------------------------------
/** A SARIF `fix`: one replacement of [charOffset, charOffset + charLength) in the artifact. */
function sarifFix(path: string, d: Diagnostic): Record<string, unknown> {
  const [start, end] = d.fix!.range;
  return {
    description: { text: `Fix this ${d.ruleId} problem` },
    artifactChanges: [
      {
        artifactLocation: { uri: pathToUri(path), uriBaseId: '%SRCROOT%' },
        replacements: [{ deletedRegion: { charOffset: start, charLength: end - start }, insertedContent: { text: d.fix!.text } }],
      },
    ],
  };
}

export const format: Formatter = (results, ctx) => `${JSON.stringify(toSarif(results, ctx), null, 2)}\n`;
