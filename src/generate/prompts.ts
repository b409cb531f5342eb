/**
 * Stage 3, render prompts from Handlebars templates: `templates/prompts/{system,prd,engineering,repair,
 * repository}.hbs` and the skeleton `templates/tech-spec.md.hbs`. A repository overrides any of them with a
 * file of the same name in `generate.templates` (config) or, by default, its own `templates/prompts/`
 * directory (`tech-spec.md.hbs` one level up, in `templates/`).
 *
 * Templates are compiled with `noEscape` (the output is markdown, not HTML). Every value — the PRD, the brief,
 * completed specs — is passed as data: Handlebars never parses data as template syntax, so a PRD containing
 * `{{`, `<`, `&` or back-ticks reaches the model byte for byte.
 */
import { existsSync, readFileSync } from 'node:fs';
import { FileAccessError, LIMITS, readInside } from '../fs/access.js';
import { join, resolve } from 'node:path';
import { ConfigError } from '../errors.js';
import type { EffectiveConfig } from '../lint/config.js';
import { packageRoot } from '../package-root.js';
import type { GatheredContext } from './context.js';
import type { EngineeringInput, PrdInput } from './input.js';
import { estimateTokens } from './models.js';
import { profileSummary } from '../workflow/profiles.js';
import { importExternal } from '../import-external.js';

export type TemplateName = 'system' | 'prd' | 'engineering' | 'repair' | 'repository' | 'tech-spec';

type HandlebarsModule = typeof import('handlebars');
type Compiled = (data: unknown) => string;

export interface TemplateSet {
  render(name: TemplateName, data: unknown): string;
  /** Where each template came from (built-in or override), for --dry-run. */
  sources: Record<TemplateName, string>;
}

const FILES: Record<TemplateName, string> = {
  system: 'prompts/system.hbs',
  prd: 'prompts/prd.hbs',
  engineering: 'prompts/engineering.hbs',
  repair: 'prompts/repair.hbs',
  repository: 'prompts/repository.hbs',
  'tech-spec': 'tech-spec.md.hbs',
};

/** The directory holding override prompt templates for a repository, or null. */
export function overrideDir(config: EffectiveConfig): string | null {
  if (config.generate.templates) return resolve(config.root, config.generate.templates);
  const dir = join(config.root, 'templates', 'prompts');
  return existsSync(dir) ? dir : null;
}

function locate(name: TemplateName, config: EffectiveConfig | null): string {
  const builtIn = join(packageRoot, 'templates', FILES[name]);
  if (!config) return builtIn;
  const dir = overrideDir(config);
  if (dir) {
    const base = FILES[name].replace(/^prompts\//, '');
    const candidates = name === 'tech-spec' ? [join(dir, base), join(dir, '..', base)] : [join(dir, base)];
    for (const c of candidates) if (existsSync(c)) return c;
  }
  return builtIn;
}

/** Loads and compiles every template (overrides first), with the `eq` helper and the `repository` partial. */
export async function loadTemplates(config: EffectiveConfig | null): Promise<TemplateSet> {
  const { default: Handlebars } = (await importExternal('handlebars')) as { default: HandlebarsModule };
  const hb = Handlebars.create();
  hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  const compiled = {} as Record<TemplateName, Compiled>;
  const sources = {} as Record<TemplateName, string>;
  for (const name of Object.keys(FILES) as TemplateName[]) {
    const file = locate(name, config);
    let text: string;
    try {
      // an override comes from the repository: through the file-access layer (inside it, a regular file)
      text = config && file !== join(packageRoot, 'templates', FILES[name]) ? readInside(file, config.root, { maxBytes: LIMITS.document }).toString('utf8') : readFileSync(file, 'utf8');
    } catch (err) {
      if (err instanceof FileAccessError) throw new ConfigError(`cannot read prompt template ${err.file}: ${err.reason}`, 'Keep the override templates inside the repository (generate.templates), or remove the override.');
      throw new ConfigError(`cannot read prompt template ${file}: ${(err as Error).message}`, 'Restore the template or remove the override.');
    }
    try {
      hb.parse(text); // compile() is lazy: parse now so a broken override fails before any work is done
      compiled[name] = hb.compile(text, { noEscape: true });
      if (name === 'repository') hb.registerPartial('repository', compiled[name]);
    } catch (err) {
      throw new ConfigError(`invalid prompt template ${file}: ${(err as Error).message.split('\n')[0]}`);
    }
    sources[name] = file;
  }
  return {
    sources,
    render(name, data) {
      try {
        return compiled[name](data);
      } catch (err) {
        throw new ConfigError(`prompt template ${sources[name]} failed to render: ${(err as Error).message.split('\n')[0]}`);
      }
    },
  };
}

export interface HeaderValues {
  author: string;
  date: string;
}

export interface PromptInput {
  config: EffectiveConfig;
  context: GatheredContext;
  header: HeaderValues;
  outPath: string;
  prd?: PrdInput;
  engineering?: EngineeringInput;
  rules?: Array<{ id: string; description: string }>;
}

/** The two prompts of a first draft. The system prompt is the cached prefix. */
export interface RenderedPrompts {
  system: string;
  user: string;
  /** Rough input-token estimate of the first request. */
  estimatedTokens: number;
}

export function renderPrompts(templates: TemplateSet, input: PromptInput): RenderedPrompts {
  const { config, context } = input;
  const template = templates.render('tech-spec', {});
  const system = templates.render('system', {
    template,
    rules: input.rules ?? [],
    profile: context.profile,
    profileSummary: profileSummary({ profile: context.profile, docker: context.docker, paths: config.paths }),
    docker: context.docker,
    workflow: context.workflow,
    completed: context.completed.map((c) => ({ path: c.path, text: c.text })),
    leftOut: context.leftOut.map((c) => ({ path: c.path })),
    completedDir: config.paths.completed,
  });
  const shared = {
    header: input.header,
    outPath: input.outPath,
    migrations: context.migrations,
    files: context.files,
  };
  const user = input.prd
    ? templates.render('prd', {
        ...shared,
        prd: {
          path: input.prd.relPath,
          text: input.prd.text,
          stories: input.prd.model.stories.map((s) => ({ id: s.id, title: s.title, hasAcceptanceCriteria: s.hasAcceptanceCriteria })),
          gaps: input.prd.gaps,
        },
      })
    : templates.render('engineering', { ...shared, engineering: input.engineering ?? { title: '', brief: null } });
  return { system, user, estimatedTokens: estimateTokens(system) + estimateTokens(user) };
}

export interface RepairData {
  round: number;
  maxRepairs: number;
  errorCount: number;
  warningCount: number;
  diagnostics: Array<{ line: number; column: number; severity: string; ruleId: string; message: string }>;
}

export function renderRepair(templates: TemplateSet, data: RepairData): string {
  return templates.render('repair', data);
}
