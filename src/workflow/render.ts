/**
 * Strict rendering of the workflow templates (Handlebars). Every variable a template names must have a
 * value, in every branch: Handlebars' own `strict` option only throws for the branches it evaluates and not
 * for the parameters of block helpers (`{{#if USES_DOCKER}}`), so the template's variables are collected from
 * its syntax tree first and checked up front; the compile itself also runs with `strict: true` as a second
 * net. A missing value is a UsageError naming the variable.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../errors.js';
import { packageRoot } from '../package-root.js';
import { importExternal } from '../import-external.js';

export type TemplateValue = string | number | boolean;
export type TemplateValues = Record<string, TemplateValue | null | undefined>;

/** Names of the helpers Handlebars ships; a path with one of these names in helper position is not a variable. */
const BUILTIN_HELPERS = new Set(['if', 'unless', 'each', 'with', 'lookup', 'log', 'blockHelperMissing', 'helperMissing']);

interface HbsNode {
  type: string;
  [key: string]: unknown;
}

/** The top-level variable names a template reads (`{{NAME}}`, `{{#if NAME}}` …), in first-use order. */
export async function templateVariables(source: string): Promise<string[]> {
  const { default: Handlebars } = await importExternal<{ default: typeof import('handlebars') }>('handlebars');
  const ast = Handlebars.parse(source) as unknown as HbsNode;
  const names: string[] = [];
  const add = (path: unknown) => {
    const p = path as { type?: string; parts?: string[]; data?: boolean; original?: string } | undefined;
    if (!p || p.type !== 'PathExpression' || p.data) return;
    const head = p.parts?.[0];
    if (!head || head === 'this' || p.original === '.' || p.original === 'this') return;
    if (!names.includes(head)) names.push(head);
  };
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const n of node) visit(n);
      return;
    }
    const n = node as HbsNode;
    if (n.type === 'MustacheStatement' || n.type === 'BlockStatement' || n.type === 'SubExpression' || n.type === 'PartialStatement') {
      const path = n.path as { type?: string; original?: string } | undefined;
      const params = (n.params as unknown[]) ?? [];
      const hash = n.hash as { pairs?: Array<{ value: unknown }> } | undefined;
      const isHelperCall = params.length > 0 || (hash?.pairs?.length ?? 0) > 0 || (path?.type === 'PathExpression' && BUILTIN_HELPERS.has(path.original ?? ''));
      if (!isHelperCall) add(path);
      for (const p of params) {
        add(p);
        visit(p);
      }
      for (const pair of hash?.pairs ?? []) {
        add(pair.value);
        visit(pair.value);
      }
      visit(n.program);
      visit(n.inverse);
      return;
    }
    if (n.type === 'Program') visit(n.body);
  };
  visit(ast);
  return names;
}

function hasValue(v: TemplateValue | null | undefined): boolean {
  if (v === undefined || v === null) return false;
  if (typeof v === 'string') return v.trim() !== '';
  if (typeof v === 'number') return Number.isFinite(v);
  return true;
}

/**
 * Renders `source` with `values`; throws a UsageError naming the first variable with no value. Output is not
 * HTML-escaped (the templates produce Markdown).
 */
export async function renderStrict(source: string, values: TemplateValues, templateName: string): Promise<string> {
  const { default: Handlebars } = await importExternal<{ default: typeof import('handlebars') }>('handlebars');
  const missing = (await templateVariables(source)).filter((name) => !hasValue(values[name]));
  if (missing.length > 0) throw missingError(missing, templateName);
  try {
    const template = Handlebars.compile(source, { strict: true, noEscape: true });
    return template(values);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const m = /^"([^"]+)" not defined/.exec(message);
    if (m) throw missingError([m[1]], templateName);
    throw new UsageError(`cannot render ${templateName}: ${message.split('\n')[0]}`, 'Fix the template syntax, or restore the template shipped with spec.');
  }
}

function missingError(names: string[], templateName: string): UsageError {
  const list = names.join(', ');
  return new UsageError(
    `${templateName}: template variable${names.length > 1 ? 's' : ''} ${list} ${names.length > 1 ? 'have' : 'has'} no value`,
    `Give ${list} a value (spec init asks for it, or takes it from a flag such as --project-name, --backend-folder, --port).`,
  );
}

export type ProfileName = 'go' | 'python';

/** Where the shipped workflow template of a profile lives. */
export function workflowTemplatePath(profile: ProfileName): string {
  return join(packageRoot, 'templates', 'workflows', `backend-${profile}-workflow.md.hbs`);
}

/** The values the workflow templates read. */
export interface WorkflowValues {
  PROJECT_NAME: string;
  MAIN_BRANCH: string;
  USES_DOCKER: boolean;
  BACKEND_FOLDER: string;
  BACKEND_PORT: number | string;
  CURRENT_DATE: string;
}

/** The project's migration set-up, for the workflow document's migration steps. */
export interface ProjectMigrations {
  tool: 'goose' | 'alembic';
  /** The migrations directory, relative to the repository root (config paths.migrations). */
  dir: string;
}

/**
 * Renders the shipped workflow document of a profile. With `project`, the steps written for another
 * migration tool than the project's are rewritten for the project's (see adaptMigrationTool).
 */
export async function renderWorkflow(profile: ProfileName, values: WorkflowValues, templatePath = workflowTemplatePath(profile), project?: ProjectMigrations): Promise<string> {
  let source: string;
  try {
    source = readFileSync(templatePath, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read workflow template ${templatePath}: ${(err as Error).message}`, 'Reinstall spec; the templates/ folder ships with the package.');
  }
  const text = await renderStrict(source, values as unknown as TemplateValues, templatePath.split(/[\\/]/).pop() ?? templatePath);
  return project ? adaptMigrationTool(text, project) : text;
}

/**
 * The team's Go workflow template was written for golang-migrate (`migrate create -ext sql -dir … -seq …`,
 * `migrate -path … -database … up`) and GORM/sqlx, while the mandate (create-tech-spec.md) is goose. The
 * document is pasted into every `spec new` prompt, so for a goose project its migration steps are rewritten
 * to goose, in the project's migrations directory: `goose -dir <dir> create <name> sql`, `… up`, `… down`
 * (one step, as `down 1`), `… status` (for `version`), the heading's tool name, and the ORM mentions. Lines
 * that name no other tool are left exactly as the template has them.
 */
export function adaptMigrationTool(text: string, project: ProjectMigrations): string {
  if (project.tool !== 'goose') return text;
  const dir = project.dir.replace(/\/+$/, '') || 'migrations';
  const q = (s: string) => (/^[\w./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
  const d = q(dir);
  return text
    .split('\n')
    .map((line) =>
      line
        .replace(/^(#{2,6} .*)\(golang-migrate\)/, '$1(goose)')
        .replace(/\bmigrate create -ext sql -dir \S+ -seq (\S+)/, `goose -dir ${d} create $1 sql`)
        .replace(/\bmigrate -path \S+ -database ("[^"]*"|'[^']*'|\S+) up\b/, `goose -dir ${d} postgres $1 up`)
        .replace(/\bmigrate -path \S+ -database ("[^"]*"|'[^']*'|\S+) down(?: 1)?\b/, `goose -dir ${d} postgres $1 down`)
        .replace(/\bmigrate -path \S+ -database ("[^"]*"|'[^']*'|\S+) version\b/, `goose -dir ${d} postgres $1 status`)
        .replace(/^# Check migration version$/, '# Check migration status')
        .replace(/Database schema \(GORM\/sqlx models\)/, 'Database schema (goose migrations and the Go types that read them)')
        .replace(/CRUD operations with GORM\/sqlx/, 'CRUD operations against the schema the goose migrations create')
        .replace(/Add User entity with GORM/, 'Add User entity and its goose migration')
        .replace(/\(GORM\/sqlx best practices, migrations\)/, '(goose migrations with a Down that reverses Up, query best practices)')
        .replace(/\bGORM\/sqlx\b/g, 'database/sql'),
    )
    .join('\n');
}
