/**
 * Configuration: `spec.config.json`, `spec.config.jsonc` (comments and trailing commas allowed) or the
 * `"spec"` key of a package.json, the first found walking up from the working directory (or `--config`),
 * validated against `schemas/spec.config.schema.json`, merged over the defaults. The directory of the config
 * file is the repository root; without one, the git root; else the working directory.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve, relative, sep } from 'node:path';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { ConfigError } from '../errors.js';
import type { SeveritySetting } from './types.js';
import { builtPath, packageRoot } from '../package-root.js';
import { globError, matchesAny } from './glob.js';
import { importExternal } from '../import-external.js';

export const CONFIG_FILE = 'spec.config.json';
/** The config file names looked for in each directory, in order; then a package.json with a `"spec"` key. */
export const CONFIG_FILES = [CONFIG_FILE, 'spec.config.jsonc'] as const;
/** The key of package.json that may hold the configuration. */
export const PACKAGE_JSON_KEY = 'spec';

export type RuleSetting = SeveritySetting | 0 | 1 | 2 | [SeveritySetting | 0 | 1 | 2, Record<string, unknown>?];

export interface RawConfig {
  $schema?: string;
  paths?: { prds?: string; specs?: string; completed?: string; migrations?: string; workflow?: string };
  profile?: 'go' | 'python';
  docker?: { enabled?: boolean; service?: string };
  commands?: { checks?: string[]; stateChanging?: string[] };
  exec?: boolean;
  /** Bounds of `--exec` (each statement, the whole phase, memory); defaults in src/sql/exec-bounded.ts. */
  execLimits?: { statementSeconds?: number; totalSeconds?: number; memoryMB?: number };
  ignores?: string[];
  rules?: Record<string, RuleSetting>;
  overrides?: Array<{ files: string | string[]; rules?: Record<string, RuleSetting> }>;
  linterOptions?: { noInlineConfig?: boolean; reportUnusedDisableDirectives?: boolean | SeveritySetting | 0 | 1 | 2 };
  completed?: { checkExistence?: boolean };
  generate?: {
    model?: string;
    maxTokens?: number;
    maxRepairs?: number;
    contextBudget?: number;
    timeoutSeconds?: number;
    templates?: string;
    author?: string;
  };
}

export interface EffectiveConfig {
  /** Absolute repository root. */
  root: string;
  /** Absolute path of the config file, or null when defaults are in use. */
  configPath: string | null;
  paths: { prds: string; specs: string; completed: string; migrations: string; workflow?: string };
  profile: 'go' | 'python';
  docker: { enabled: boolean; service?: string };
  /** Done-condition commands the project names as checks / as state-changing (src/command/). */
  commands: { checks: string[]; stateChanging: string[] };
  exec: boolean;
  /** Set when the config file sets it (the defaults live with the executor). */
  execLimits?: NonNullable<RawConfig['execLimits']>;
  ignores: string[];
  rules: Record<string, RuleSetting>;
  overrides: Array<{ files: string[]; rules: Record<string, RuleSetting> }>;
  /** Inline comments: ignored altogether, and whether an unused disable comment is reported. */
  linterOptions: { noInlineConfig: boolean; reportUnusedDisableDirectives: SeveritySetting };
  completed: { checkExistence: boolean };
  generate: NonNullable<RawConfig['generate']>;
}

export const DEFAULT_PATHS = {
  prds: 'prds',
  specs: 'tech-specs',
  completed: 'tech-specs/completed',
  migrations: 'migrations',
} as const;

/** Finds the config file walking up from `start`; null when there is none. */
export function findConfigFile(start: string): string | null {
  let dir = resolve(start);
  for (;;) {
    for (const name of CONFIG_FILES) {
      const candidate = join(dir, name);
      if (existsSync(candidate)) return candidate;
    }
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && packageJsonHasConfig(pkg)) return pkg;
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

export function gitRoot(cwd: string): string | null {
  try {
    return execFileSync('git', ['rev-parse', '--show-toplevel'], { cwd, stdio: ['ignore', 'pipe', 'ignore'] })
      .toString('utf8')
      .trim();
  } catch {
    return null;
  }
}

function packageJsonHasConfig(file: string): boolean {
  try {
    const text = readFileSync(file, 'utf8');
    // cheap test first: most package.json files do not mention the key at all
    if (!text.includes(`"${PACKAGE_JSON_KEY}"`)) return false;
    const pkg = JSON.parse(text.replace(/^\uFEFF/, '')) as Record<string, unknown>;
    return pkg[PACKAGE_JSON_KEY] !== undefined && pkg[PACKAGE_JSON_KEY] !== null && typeof pkg[PACKAGE_JSON_KEY] === 'object';
  } catch {
    return false;
  }
}

/**
 * JSON with comments (`//`, `/* *\/`) and trailing commas, as VS Code's JSONC: both are blanked out (same
 * length, so the positions JSON.parse reports stay right) and the rest parsed as JSON.
 */
export function parseJsonc(text: string): unknown {
  let out = '';
  let i = 0;
  const n = text.length;
  // the index in `out` of the last comma outside strings, while only blanks follow it
  let comma = -1;
  while (i < n) {
    const c = text[i]!;
    if (c === '"') {
      let j = i + 1;
      while (j < n && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
      comma = -1;
    } else if (c === '/' && text[i + 1] === '/') {
      let j = i;
      while (j < n && text[j] !== '\n') j++;
      out += ' '.repeat(j - i);
      i = j;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      const j = end === -1 ? n : end + 2;
      out += text.slice(i, j).replace(/[^\n]/g, ' ');
      i = j;
    } else {
      if ((c === '}' || c === ']') && comma !== -1) out = `${out.slice(0, comma)} ${out.slice(comma + 1)}`;
      if (c === ',') comma = out.length;
      else if (!/\s/.test(c)) comma = -1;
      out += c;
      i++;
    }
  }
  return JSON.parse(out);
}

type Validator = ((data: unknown) => boolean) & { errors?: Array<{ instancePath: string; message?: string; params?: Record<string, unknown> }> | null };
let validator: Validator | undefined;

async function getValidator(): Promise<Validator> {
  if (validator) return validator;
  // The build compiles the schema into a standalone module (scripts/build-validators.mjs): no ajv compile
  // at start-up. Running from sources (tests), compile it with ajv.
  try {
    const require = createRequire(import.meta.url);
    validator = require(builtPath('lint', 'config-validator.generated.cjs')) as Validator;
    return validator;
  } catch {
    const { default: Ajv } = await importExternal<typeof import('ajv')>('ajv');
    const schema = JSON.parse(readFileSync(join(packageRoot, 'schemas', 'spec.config.schema.json'), 'utf8'));
    const ajv = new (Ajv as unknown as new (o: object) => { compile(s: object): Validator })({ allErrors: true, strict: false });
    validator = ajv.compile(schema);
    return validator;
  }
}

type AjvError = { instancePath: string; keyword?: string; message?: string; params?: Record<string, unknown> };

function describeAjvError(e: AjvError): string {
  const segments = e.instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const where = segments.length ? segments.join('.') : '(top level)';
  if (e.params && 'additionalProperty' in e.params) {
    return `${segments.length ? where + '.' : ''}${String(e.params.additionalProperty)}: unknown key`;
  }
  if (segments[0] === 'rules' || (segments[0] === 'overrides' && segments[2] === 'rules')) {
    return `${where}: must be "off", "warn" or "error" (or [severity, options])`;
  }
  if (e.params && 'allowedValues' in e.params) {
    return `${where}: must be one of ${(e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
  }
  return `${where}: ${e.message ?? 'invalid'}`;
}

/** Validates a parsed config object; throws a ConfigError naming the first bad key. */
export async function validateConfig(raw: unknown, file: string): Promise<RawConfig> {
  const validate = await getValidator();
  if (!validate(raw)) {
    const errors = (validate.errors ?? []) as AjvError[];
    // the deepest error is the most specific one; unknown keys first
    const first =
      errors.find((e) => e.params && 'additionalProperty' in e.params) ??
      [...errors].sort((a, b) => b.instancePath.split('/').length - a.instancePath.split('/').length)[0];
    const msg = first ? describeAjvError(first) : 'invalid configuration';
    throw new ConfigError(`invalid config ${file}: ${msg}`, 'See schemas/spec.config.schema.json for the allowed keys and values.');
  }
  const cfg = raw as RawConfig;
  const { rulesById } = await import('../rules/index.js');
  const known = (id: string) => rulesById.has(id) || id.startsWith('lint/');
  const unknown = [...Object.keys(cfg.rules ?? {}), ...(cfg.overrides ?? []).flatMap((o) => Object.keys(o.rules ?? {}))].find((id) => !known(id));
  if (unknown) {
    throw new ConfigError(`invalid config ${file}: rules.${unknown}: no such rule`, 'Run `spec rules` for the list of rule ids.');
  }
  const badGlob = (key: string, glob: string) => {
    const why = globError(glob);
    if (why) throw new ConfigError(`invalid config ${file}: ${key}: invalid glob ${JSON.stringify(glob)}: ${why}`, 'Globs are picomatch patterns: escape a literal { } [ ] ( ) with a backslash.');
  };
  for (const [i, g] of (cfg.ignores ?? []).entries()) badGlob(`ignores[${i}]`, g);
  for (const [i, o] of (cfg.overrides ?? []).entries()) {
    const files = Array.isArray(o.files) ? o.files : [o.files];
    for (const [j, g] of files.entries()) badGlob(Array.isArray(o.files) ? `overrides[${i}].files[${j}]` : `overrides[${i}].files`, g);
  }
  for (const [id, setting] of Object.entries(cfg.rules ?? {})) checkSetting(id, setting, file);
  for (const [i, o] of (cfg.overrides ?? []).entries()) {
    for (const [id, setting] of Object.entries(o.rules ?? {})) checkSetting(`overrides[${i}].rules.${id}`, setting, file);
  }
  return cfg;
}

function checkSetting(id: string, setting: RuleSetting, file: string): void {
  const sev = Array.isArray(setting) ? setting[0] : setting;
  if (!['off', 'warn', 'error', 0, 1, 2].includes(sev as never)) {
    throw new ConfigError(`invalid config ${file}: rules.${id}: severity must be off, warn or error`);
  }
}

export interface LoadConfigOptions {
  /** Working directory to search from. */
  cwd: string;
  /** An explicit `--config` path. */
  configPath?: string;
}

/** Loads, validates and merges the configuration for a run. */
export async function loadConfig(opts: LoadConfigOptions): Promise<EffectiveConfig> {
  let file: string | null = null;
  if (opts.configPath) {
    file = resolve(opts.cwd, opts.configPath);
    if (!existsSync(file) || !statSync(file).isFile()) {
      throw new ConfigError(`config file not found: ${opts.configPath}`, 'Check the --config path, or drop it to use spec.config.json found from the current directory.');
    }
  } else {
    file = findConfigFile(opts.cwd);
  }
  let raw: RawConfig = {};
  if (file) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      throw new ConfigError(`cannot read config ${file}: ${(err as Error).message}`);
    }
    let parsed: unknown;
    const isPackageJson = basename(file) === 'package.json';
    const jsonc = file.endsWith('.jsonc');
    try {
      parsed = jsonc ? parseJsonc(text.replace(/^\uFEFF/, '')) : JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch (err) {
      throw new ConfigError(
        `invalid JSON in config ${file}: ${(err as Error).message}`,
        jsonc ? 'Fix the JSON syntax.' : 'Fix the JSON syntax (comments and trailing commas are allowed only in spec.config.jsonc).',
      );
    }
    const shown = relativeOrAbsolute(opts.cwd, file);
    if (isPackageJson) {
      const section = (parsed as Record<string, unknown> | null)?.[PACKAGE_JSON_KEY];
      if (section === undefined && opts.configPath) throw new ConfigError(`config ${shown} has no "${PACKAGE_JSON_KEY}" key`, `Put the configuration under "${PACKAGE_JSON_KEY}" in package.json, or use spec.config.json.`);
      if (section !== undefined && (section === null || typeof section !== 'object' || Array.isArray(section))) {
        throw new ConfigError(`invalid config ${shown}: ${PACKAGE_JSON_KEY}: must be an object (the configuration)`);
      }
      parsed = section ?? {};
    }
    raw = await validateConfig(parsed, isPackageJson ? `${shown} (key "${PACKAGE_JSON_KEY}")` : shown);
  }
  const root = file ? dirname(file) : (gitRoot(opts.cwd) ?? resolve(opts.cwd));
  return mergeConfig(raw, root, file);
}

function relativeOrAbsolute(cwd: string, file: string): string {
  const rel = relative(cwd, file);
  return rel.startsWith('..') ? file : rel.split(sep).join('/');
}

/** The effective config for a raw (already valid) config object. */
export function mergeConfig(raw: RawConfig, root: string, configPath: string | null = null): EffectiveConfig {
  const trim = (p: string) => p.replace(/\\/g, '/').replace(/^\.\//, '').replace(/\/+$/, '');
  const paths = { ...DEFAULT_PATHS, ...(raw.paths ?? {}) };
  if (raw.paths?.specs && !raw.paths.completed) paths.completed = `${trim(raw.paths.specs)}/completed`;
  return {
    root,
    configPath,
    paths: {
      prds: trim(paths.prds),
      specs: trim(paths.specs),
      completed: trim(paths.completed),
      migrations: trim(paths.migrations),
      ...(paths.workflow ? { workflow: trim(paths.workflow) } : {}),
    },
    profile: raw.profile ?? 'go',
    docker: { enabled: raw.docker?.enabled ?? false, ...(raw.docker?.service ? { service: raw.docker.service } : {}) },
    commands: { checks: raw.commands?.checks ?? [], stateChanging: raw.commands?.stateChanging ?? [] },
    exec: raw.exec ?? false,
    ...(raw.execLimits ? { execLimits: raw.execLimits } : {}),
    ignores: raw.ignores ?? [],
    rules: raw.rules ?? {},
    overrides: (raw.overrides ?? []).map((o) => ({ files: Array.isArray(o.files) ? o.files : [o.files], rules: o.rules ?? {} })),
    linterOptions: {
      noInlineConfig: raw.linterOptions?.noInlineConfig ?? false,
      reportUnusedDisableDirectives: unusedSeverity(raw.linterOptions?.reportUnusedDisableDirectives),
    },
    completed: { checkExistence: raw.completed?.checkExistence ?? false },
    generate: raw.generate ?? {},
  };
}

function unusedSeverity(v: boolean | SeveritySetting | 0 | 1 | 2 | undefined): SeveritySetting {
  if (v === true) return 'warn';
  if (v === false || v === undefined) return 'off';
  return normalizeSeverity(v) ?? 'off';
}

export function normalizeSeverity(s: RuleSetting | undefined): SeveritySetting | undefined {
  if (s === undefined) return undefined;
  const v = Array.isArray(s) ? s[0] : s;
  if (v === 0) return 'off';
  if (v === 1) return 'warn';
  if (v === 2) return 'error';
  return v;
}

/** The severity and options of a rule for one file (repository-relative path), overrides applied in order. */
export function ruleSettingFor(
  config: EffectiveConfig,
  ruleId: string,
  relPath: string,
  defaultSeverity: SeveritySetting,
): { severity: SeveritySetting; options: Record<string, unknown> | undefined } {
  let setting: RuleSetting | undefined = config.rules[ruleId];
  for (const o of config.overrides) {
    if (o.rules[ruleId] !== undefined && matchesAny(relPath, o.files)) setting = o.rules[ruleId];
  }
  const severity = normalizeSeverity(setting) ?? defaultSeverity;
  const options = Array.isArray(setting) ? setting[1] : undefined;
  return { severity, options };
}
