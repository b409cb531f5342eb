/**
 * `spec init`: scaffold a repository for specs — `prds/`, `tech-specs/`, `tech-specs/completed/`,
 * `spec.config.json` (with `$schema`) and the team's workflow document rendered for the project.
 *
 * Values come from flags, else (on a terminal, without --yes) from questions whose defaults are read from
 * the repository: the git default branch, go.mod / pyproject.toml / package.json, a docker-compose file.
 * Nothing that exists is overwritten without --force, so running it again is safe.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { FileAccessError, LIMITS, kindOf, mkdirInside, readInside, realDirInside, tryReadInside, writeFileAtomic } from '../fs/access.js';
import { basename, dirname, join, relative, sep } from 'node:path';
import { UsageError } from '../errors.js';
import { CONFIG_FILE, DEFAULT_PATHS, validateConfig, type RawConfig } from '../lint/config.js';
import { packageRoot } from '../package-root.js';
import { packageName } from '../package-info.js';
import type { Io } from './io.js';
import { confirm } from './io.js';
import { getProfile, type ProfileName } from './profiles.js';
import { renderWorkflow, type WorkflowValues } from './render.js';

export const DEFAULT_WORKFLOW_PATH = 'docs/workflow.md';
const COMPOSE_FILES = ['docker-compose.yml', 'docker-compose.yaml', 'compose.yml', 'compose.yaml'];

export interface Detected {
  projectName: string;
  mainBranch: string;
  profile: ProfileName;
  docker: boolean;
  service: string;
  backendFolder: string;
  port: number;
  migrations: string;
  /** Where each default came from, for the questions. */
  sources: Partial<Record<'projectName' | 'mainBranch' | 'profile' | 'docker' | 'port' | 'backendFolder', string>>;
}

function gitOut(args: string[], cwd: string): string | null {
  try {
    const out = execFileSync('git', args, { cwd, stdio: ['ignore', 'pipe', 'ignore'] }).toString('utf8').trim();
    return out || null;
  } catch {
    return null;
  }
}

/** The default branch: origin's HEAD, else a local main/master, else the current branch, else `main`. */
export function detectMainBranch(root: string): { branch: string; source: string } {
  const remote = gitOut(['symbolic-ref', '--quiet', '--short', 'refs/remotes/origin/HEAD'], root);
  if (remote) return { branch: remote.replace(/^[^/]+\//, ''), source: 'origin/HEAD' };
  for (const b of ['main', 'master']) {
    if (gitOut(['rev-parse', '--verify', '--quiet', `refs/heads/${b}`], root)) return { branch: b, source: 'local branch' };
  }
  const current = gitOut(['symbolic-ref', '--quiet', '--short', 'HEAD'], root);
  if (current) return { branch: current, source: 'current branch' };
  return { branch: 'main', source: 'default' };
}

/** A repository file's text through the file-access layer (inside the repository, a regular file, bounded); null otherwise. */
function readText(p: string, root = dirname(p)): string | null {
  const read = tryReadInside(p, root, { maxBytes: LIMITS.document });
  return read.bytes ? read.bytes.toString('utf8') : null;
}

/** `module example.com/acme/widgets` → `widgets` (a major-version suffix `/v2` is skipped). */
export function goModuleName(goMod: string): string | null {
  const m = /^\s*module\s+("?)([^\s"]+)\1/m.exec(goMod);
  if (!m) return null;
  const parts = m[2]!.split('/').filter(Boolean);
  let last = parts.pop();
  if (last && /^v\d+$/.test(last) && parts.length) last = parts.pop();
  return last ?? null;
}

/** The `name` of `[project]` (PEP 621) or `[tool.poetry]` in a pyproject.toml. */
export function pyprojectName(toml: string): string | null {
  let section = '';
  for (const raw of toml.split(/\r?\n/)) {
    const line = raw.replace(/#.*$/, '').trim();
    const s = /^\[([^\]]+)\]$/.exec(line);
    if (s) {
      section = s[1]!.trim();
      continue;
    }
    if (section === 'project' || section === 'tool.poetry') {
      const m = /^name\s*=\s*["']([^"']+)["']/.exec(line);
      if (m) return m[1]!;
    }
  }
  return null;
}

/** Services (and their first published host port) from a compose file, by indentation. */
export function composeServices(yaml: string): Array<{ name: string; port: number | null }> {
  const lines = yaml.split(/\r?\n/);
  const out: Array<{ name: string; port: number | null }> = [];
  let inServices = false;
  let serviceIndent = -1;
  let current: { name: string; port: number | null } | null = null;
  let inPorts = false;
  let portsIndent = -1;
  for (const raw of lines) {
    if (/^\s*(#.*)?$/.test(raw)) continue;
    const indent = raw.length - raw.trimStart().length;
    const line = raw.trim();
    if (indent === 0) {
      inServices = /^services:\s*$/.test(line);
      current = null;
      serviceIndent = -1;
      continue;
    }
    if (!inServices) continue;
    if (serviceIndent < 0) serviceIndent = indent;
    if (indent === serviceIndent) {
      const m = /^["']?([\w.-]+)["']?:\s*$/.exec(line);
      current = m ? { name: m[1]!, port: null } : null;
      if (current) out.push(current);
      inPorts = false;
      continue;
    }
    if (!current) continue;
    if (/^ports:\s*$/.test(line)) {
      inPorts = true;
      portsIndent = indent;
      continue;
    }
    if (inPorts && indent <= portsIndent && !line.startsWith('-')) inPorts = false;
    if (inPorts && line.startsWith('-') && current.port === null) {
      const spec = line.replace(/^-\s*/, '').replace(/["']/g, '').replace(/\/\w+$/, '');
      const parts = spec.split(':');
      const host = parts.length >= 2 ? parts[parts.length - 2]! : parts[0]!;
      const n = Number(host.split('-')[0]);
      if (Number.isInteger(n) && n > 0 && n < 65536) current.port = n;
    }
  }
  return out;
}

/** Reads the defaults for init from the repository at `root`. */
export function detectDefaults(root: string): Detected {
  const sources: Detected['sources'] = {};
  const main = detectMainBranch(root);
  sources.mainBranch = main.source;

  const goModDir = ['.', 'backend', 'server', 'api'].find((d) => existsSync(join(root, d, 'go.mod')));
  const pyDir = ['.', 'backend', 'server', 'api'].find((d) =>
    ['pyproject.toml', 'requirements.txt', 'setup.py'].some((f) => existsSync(join(root, d, f))),
  );
  let profile: ProfileName = 'go';
  if (goModDir !== undefined) {
    sources.profile = `${goModDir === '.' ? '' : goModDir + '/'}go.mod`;
  } else if (pyDir !== undefined) {
    profile = 'python';
    sources.profile = `Python project files${pyDir === '.' ? '' : ` in ${pyDir}/`}`;
  }

  let projectName: string | null = null;
  if (goModDir !== undefined) {
    projectName = goModuleName(readText(join(root, goModDir, 'go.mod'), root) ?? '');
    if (projectName) sources.projectName = 'go.mod';
  }
  if (!projectName && pyDir !== undefined) {
    projectName = pyprojectName(readText(join(root, pyDir, 'pyproject.toml'), root) ?? '');
    if (projectName) sources.projectName = 'pyproject.toml';
  }
  if (!projectName) {
    try {
      const pkg = JSON.parse(readText(join(root, 'package.json'), root) ?? 'null') as { name?: string } | null;
      if (pkg?.name) {
        projectName = pkg.name.replace(/^@[^/]+\//, '');
        sources.projectName = 'package.json';
      }
    } catch {
      // not JSON: ignore
    }
  }
  if (!projectName) {
    projectName = basename(root);
    sources.projectName = 'directory name';
  }

  let backendFolder: string;
  if (profile === 'python') {
    const base = pyDir ?? '.';
    const pkgName = projectName.replace(/[-.]/g, '_');
    const found = ['app', 'src', pkgName, 'backend'].find((d) => isDir(join(root, base, d)));
    backendFolder = found ? (base === '.' ? found : `${base}/${found}`) : base === '.' ? 'app' : base;
    sources.backendFolder = found ? 'existing folder' : 'default';
  } else {
    backendFolder = goModDir ?? '.';
    sources.backendFolder = goModDir !== undefined ? 'go.mod location' : 'default';
  }

  const composeFile = COMPOSE_FILES.find((f) => existsSync(join(root, f)));
  const services = composeFile ? composeServices(readText(join(root, composeFile), root) ?? '') : [];
  const service =
    services.find((s) => s.name === 'backend') ??
    services.find((s) => /^(api|server|app|web)$/.test(s.name)) ??
    services[0] ?? { name: 'backend', port: null };
  if (composeFile) sources.docker = composeFile;

  let port = getProfile(profile).defaultPort;
  if (composeFile && service.port) {
    port = service.port;
    sources.port = `${composeFile} (${service.name})`;
  }

  const migrationCandidates =
    profile === 'go'
      ? ['db/migrations', 'migrations', 'backend/migrations', 'backend/db/migrations', 'internal/db/migrations']
      : ['alembic/versions', 'migrations/versions', 'backend/alembic/versions', 'migrations'];
  const migrations = migrationCandidates.find((d) => isDir(join(root, d))) ?? DEFAULT_PATHS.migrations;

  return {
    projectName,
    mainBranch: main.branch,
    profile,
    docker: Boolean(composeFile),
    service: service.name,
    backendFolder,
    port,
    migrations,
    sources,
  };
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

export interface InitOptions {
  cwd: string;
  io: Io;
  yes?: boolean;
  force?: boolean;
  profile?: string;
  docker?: boolean;
  service?: string;
  projectName?: string;
  backendFolder?: string;
  port?: string | number;
  mainBranch?: string;
  workflow?: string;
  /** CURRENT_DATE (YYYY-MM-DD); today by default. */
  today?: string;
}

export type FileOutcome = 'created' | 'kept' | 'overwritten';

export interface InitReport {
  root: string;
  values: WorkflowValues & { profile: ProfileName; service: string };
  files: Array<{ path: string; outcome: FileOutcome }>;
  config: RawConfig;
}

function parseProfile(v: string): ProfileName {
  const p = v.trim().toLowerCase();
  if (p !== 'go' && p !== 'python') throw new UsageError(`unknown profile "${v}"`, 'Use --profile go or --profile python.');
  return p;
}

function parsePort(v: string | number): number {
  const n = typeof v === 'number' ? v : /^\d+$/.test(v.trim()) ? Number(v.trim()) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > 65535) throw new UsageError(`invalid port "${v}"`, 'Give the backend port as a whole number between 1 and 65535, e.g. --port 8080.');
  return n;
}

function nonEmpty(name: string, v: string): string {
  const t = v.trim();
  if (!t) throw new UsageError(`${name} cannot be empty`, `Give ${name} a value.`);
  return t;
}

async function askValue<T>(io: Io, label: string, def: string, parse: (s: string) => T): Promise<T> {
  for (;;) {
    const answer = await io.ask(`${label} [${def}]: `);
    try {
      return parse(answer === '' ? def : answer);
    } catch (err) {
      io.out(`  ${(err as Error).message}${(err as UsageError).hint ? ` — ${(err as UsageError).hint}` : ''}\n`);
    }
  }
}

function localDate(d = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** The `$schema` reference for a config written at `root`. */
export function schemaReference(root: string): string {
  const name = packageName();
  const installed = join(root, 'node_modules', name, 'schemas', 'spec.config.schema.json');
  if (existsSync(installed)) return `./node_modules/${name}/schemas/spec.config.schema.json`;
  const r = relative(root, join(packageRoot, 'schemas', 'spec.config.schema.json')).split(sep).join('/');
  return r.startsWith('.') || r.startsWith('/') || /^[A-Za-z]:/.test(r) ? r : `./${r}`;
}

/**
 * An existing spec.config.json: its settings (validated), to take as defaults, and every key as written,
 * to keep when it is rewritten (`--force`); null when there is none. An invalid one is an error unless
 * `--force` (then `raw` is what could be parsed, `settings` null).
 */
async function existingConfig(root: string, force: boolean): Promise<{ settings: RawConfig | null; raw: Record<string, unknown> | null; text: string } | null> {
  const file = join(root, CONFIG_FILE);
  if (!existsSync(file) && kindOf(file) === null) return null;
  let text: string;
  try {
    text = readInside(file, root, { maxBytes: LIMITS.document, display: CONFIG_FILE }).toString('utf8').replace(/^\uFEFF/, '');
  } catch (err) {
    if (!(err instanceof FileAccessError)) throw err;
    throw new UsageError(`${CONFIG_FILE} exists but cannot be used: ${err.reason}`, 'Replace it with a regular file inside the repository (or remove it), then run spec init again.');
  }
  let raw: Record<string, unknown> | null = null;
  try {
    const v = JSON.parse(text) as unknown;
    raw = v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    raw = null;
  }
  try {
    if (raw === null) throw new Error('it is not a JSON object');
    return { settings: await validateConfig(raw, CONFIG_FILE), raw, text };
  } catch (err) {
    if (force) return { settings: null, raw, text }; // it is about to be replaced
    if (err instanceof UsageError) throw err;
    const e = err as Error & { hint?: string };
    throw new UsageError(`${CONFIG_FILE} exists but cannot be used: ${e.message}`, 'Fix it, or pass --force to replace it with a new one.');
  }
}

/** Scaffolds the repository at `opts.cwd`. */
export async function runInit(opts: InitOptions): Promise<InitReport> {
  const root = opts.cwd;
  const { io } = opts;
  const interactive = io.interactive && !opts.yes;
  if (!io.interactive && !opts.yes) {
    throw new UsageError(
      'spec init asks its questions on a terminal, and this session is not interactive',
      'Pass --yes to take the defaults read from the repository (override them with --profile, --docker, --project-name, --backend-folder, --port).',
    );
  }
  const found = await existingConfig(root, Boolean(opts.force));
  const existing = found?.settings ?? null;
  const detected = detectDefaults(root);

  // defaults: an existing config's settings win over detection
  let profile: ProfileName = opts.profile !== undefined ? parseProfile(opts.profile) : (existing?.profile ?? detected.profile);
  const ask = interactive;

  if (ask && opts.profile === undefined) profile = await askValue(io, `Stack profile (go or python)${detected.sources.profile ? `, found ${detected.sources.profile}` : ''}`, profile, parseProfile);
  // a profile chosen against the detected one moves port/folder defaults with it
  const portDefault = profile === detected.profile ? detected.port : getProfile(profile).defaultPort;
  const folderDefault = profile === detected.profile ? detected.backendFolder : profile === 'python' ? 'app' : '.';

  const projectName = opts.projectName !== undefined ? nonEmpty('--project-name', opts.projectName) : ask ? await askValue(io, 'Project name', detected.projectName, (s) => nonEmpty('the project name', s)) : detected.projectName;
  const mainBranch = opts.mainBranch !== undefined ? nonEmpty('--main-branch', opts.mainBranch) : ask ? await askValue(io, 'Main branch', detected.mainBranch, (s) => nonEmpty('the main branch', s)) : detected.mainBranch;
  const backendFolder = opts.backendFolder !== undefined ? nonEmpty('--backend-folder', opts.backendFolder).replace(/\/+$/, '') || '.' : ask ? await askValue(io, 'Backend folder', folderDefault, (s) => nonEmpty('the backend folder', s).replace(/\/+$/, '') || '.') : folderDefault;
  const port = opts.port !== undefined ? parsePort(opts.port) : ask ? await askValue(io, 'Backend port', String(portDefault), parsePort) : portDefault;
  const dockerDefault = existing?.docker?.enabled ?? detected.docker;
  const docker = opts.docker !== undefined ? opts.docker : ask ? await confirm(io, `Run commands through Docker Compose${detected.sources.docker ? ` (found ${detected.sources.docker})` : ''}?`, dockerDefault) : dockerDefault;
  const serviceDefault = existing?.docker?.service ?? detected.service;
  const service = opts.service !== undefined ? nonEmpty('--service', opts.service) : ask && docker ? await askValue(io, 'Docker Compose service the backend runs in', serviceDefault, (s) => nonEmpty('the service', s)) : serviceDefault;

  const paths = {
    prds: existing?.paths?.prds ?? DEFAULT_PATHS.prds,
    specs: existing?.paths?.specs ?? DEFAULT_PATHS.specs,
    completed: existing?.paths?.completed ?? (existing?.paths?.specs ? `${existing.paths.specs.replace(/\/+$/, '')}/completed` : DEFAULT_PATHS.completed),
    migrations: existing?.paths?.migrations ?? detected.migrations,
    workflow: (opts.workflow ?? existing?.paths?.workflow ?? DEFAULT_WORKFLOW_PATH).replace(/\\/g, '/').replace(/^\.\//, ''),
  };
  for (const [k, v] of Object.entries(paths)) {
    if (v.startsWith('/') || v.split('/').includes('..')) throw new UsageError(`paths.${k} "${v}" leaves the repository`, 'Use a path relative to the repository root.');
  }

  const fresh: RawConfig = {
    $schema: schemaReference(root),
    paths,
    profile,
    docker: docker ? { enabled: true, service } : { enabled: false },
  };
  await validateConfig(fresh, CONFIG_FILE);
  // --force rewrites the settings init owns and keeps every other key of a valid existing config (rules,
  // ignores, overrides, generate, exec …) as written; an invalid one is replaced, its text kept beside it
  let config: RawConfig = fresh;
  let backup: string | null = null;
  if (found?.settings && found.raw) {
    const old = found.raw as RawConfig & Record<string, unknown>;
    const merged = {
      ...old,
      $schema: old.$schema ?? fresh.$schema,
      paths: { ...(old.paths ?? {}), ...paths },
      profile,
      docker: { ...(old.docker ?? {}), ...fresh.docker },
    } as RawConfig;
    if (!docker) delete (merged.docker as { service?: string }).service;
    config = merged;
    await validateConfig(config, CONFIG_FILE);
  } else if (found && opts.force) {
    backup = `${CONFIG_FILE}.bak`;
  }

  const values: WorkflowValues = {
    PROJECT_NAME: projectName,
    MAIN_BRANCH: mainBranch,
    USES_DOCKER: docker,
    BACKEND_FOLDER: backendFolder,
    BACKEND_PORT: port,
    CURRENT_DATE: opts.today ?? localDate(),
  };
  // render before writing anything: a template error leaves the repository untouched
  // the workflow's migration steps in the project's tool and directory (the Go template was written for golang-migrate)
  const workflowText = await renderWorkflow(profile, values, undefined, { tool: getProfile(profile).migrationTool, dir: paths.migrations });

  const files: InitReport['files'] = [];
  const force = Boolean(opts.force);
  // every directory and file through the file-access layer: inside the repository (a directory or file
  // committed as a symbolic link out of it is refused), files written atomically (temp file + rename)
  const inside = <T>(rel: string, fn: () => T): T => {
    try {
      return fn();
    } catch (err) {
      if (!(err instanceof FileAccessError)) throw err;
      throw new UsageError(`cannot write ${rel}: ${err.reason}`, `Fix ${rel} (or point paths in ${CONFIG_FILE} elsewhere), then run spec init again.`);
    }
  };
  const ensureDir = (rel: string, keep: boolean) => {
    const abs = join(root, rel);
    if (kindOf(abs) === 'directory') {
      inside(rel, () => realDirInside(abs, root, rel));
      files.push({ path: `${rel}/`, outcome: 'kept' });
      return;
    }
    if (existsSync(abs) || kindOf(abs) !== null) {
      if (isDir(abs)) inside(rel, () => realDirInside(abs, root, rel));
      else throw new UsageError(`${rel} exists and is not a directory`, `Move it away, or point paths in ${CONFIG_FILE} elsewhere.`);
      files.push({ path: `${rel}/`, outcome: 'kept' });
      return;
    }
    const real = inside(rel, () => mkdirInside(abs, root, rel));
    // an empty folder is not tracked by git: a .gitkeep keeps the scaffold in a commit
    if (keep && readdirSync(real).length === 0) inside(`${rel}/.gitkeep`, () => writeFileAtomic(join(real, '.gitkeep'), '', root, { exclusive: true }));
    files.push({ path: `${rel}/`, outcome: 'created' });
  };
  const writeFile = (rel: string, text: string) => {
    const abs = join(root, rel);
    const kind = kindOf(abs);
    const exists = kind !== null;
    if (exists && !force) {
      files.push({ path: rel, outcome: 'kept' });
      return;
    }
    if (kind === 'directory') throw new UsageError(`${rel} is a directory`, 'Choose another path for it.');
    inside(rel, () => writeFileAtomic(abs, text, root, { exclusive: !exists, display: rel }));
    files.push({ path: rel, outcome: exists ? 'overwritten' : 'created' });
  };

  ensureDir(paths.prds, true);
  ensureDir(paths.specs, false);
  ensureDir(paths.completed, true);
  if (backup && found) {
    inside(backup, () => writeFileAtomic(join(root, backup!), found.text, root, { display: backup! }));
    files.push({ path: backup, outcome: 'created' });
  }
  writeFile(CONFIG_FILE, JSON.stringify(config, null, 2) + '\n');
  writeFile(paths.workflow, workflowText);

  return { root, values: { ...values, profile, service }, files, config };
}

/** The report printed after init. */
export function formatInitReport(r: InitReport): string {
  const lines: string[] = [];
  const label: Record<FileOutcome, string> = { created: 'created', kept: 'exists, kept', overwritten: 'overwritten' };
  for (const f of r.files) lines.push(`  ${label[f.outcome].padEnd(12)}  ${f.path}`);
  const v = r.values;
  lines.push('');
  lines.push(
    `Profile ${v.profile}, project ${v.PROJECT_NAME}, main branch ${v.MAIN_BRANCH}, backend folder ${v.BACKEND_FOLDER}, port ${v.BACKEND_PORT}, Docker ${v.USES_DOCKER ? `on (service ${v.service})` : 'off'}.`,
  );
  if (r.files.some((f) => f.outcome === 'kept' && !f.path.endsWith('/'))) lines.push('Existing files were kept; pass --force to overwrite them.');
  lines.push('');
  lines.push('Next: put a PRD in ' + (r.config.paths?.prds ?? 'prds') + '/, then run `spec new` to write a tech spec, `spec lint` to check it,');
  lines.push('`spec tasks <spec>` to see its task graph, `spec verify <spec>` when the work is done, and `spec complete <spec>`.');
  return lines.join('\n') + '\n';
}
