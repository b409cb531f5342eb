/**
 * Linting one spec's text again and again against the same cross-file facts: the `--fix` passes and the
 * language server's edits. The other specs' models (for cross-spec rules), the PRD loader and the run's
 * shared space (engine instances) are made once; each call extracts the new text and runs the rules.
 */
import { resolve } from 'node:path';
import type { EffectiveConfig } from '../lint/config.js';
import type { RepoIndex } from '../lint/repo.js';
import type { Diagnostic } from '../lint/types.js';
import type { SpecModel } from '../model/types.js';
import type { PrdState, Rule, RunFacts } from '../rules/types.js';
import { PrdLoader, disposeShared, lintModel, loadSpec, migrationsWithVersionOf, relativeTo, runFacts } from '../lint/engine.js';

export interface RelinterOptions {
  config: EffectiveConfig;
  repo: RepoIndex;
  exec?: boolean;
  /** The other specs (absolute paths) whose models join the run for cross-spec rules; read on first need. */
  contextFiles?: () => string[];
  /** Texts to use instead of the files on disk (absolute path → text). */
  contents?: Map<string, string>;
  /** PRD texts to use instead of reading them (repository-relative path → text). */
  prdTexts?: Map<string, string>;
  rules?: readonly Rule[];
}

export interface Relinted {
  model: SpecModel;
  prd: PrdState;
  messages: Diagnostic[];
}

export class Relinter {
  private readonly specs: SpecModel[] = [];
  private readonly slot = new Map<string, number>();
  private loaded = false;
  private run: RunFacts | null = null;
  private prds: PrdLoader;

  constructor(private readonly options: RelinterOptions) {
    this.prds = new PrdLoader(options.repo, options.prdTexts);
  }

  get config(): EffectiveConfig {
    return this.options.config;
  }

  get repo(): RepoIndex {
    return this.options.repo;
  }

  private ensureContext(): void {
    if (this.loaded) return;
    this.loaded = true;
    const { config } = this.options;
    for (const abs of this.options.contextFiles?.() ?? []) {
      if (this.slot.has(abs)) continue;
      this.slot.set(abs, this.specs.length);
      this.specs.push(loadSpec(abs, relativeTo(config.root, abs), this.options.contents?.get(abs)));
    }
  }

  private facts(): RunFacts {
    if (!this.run) {
      const { repo, config } = this.options;
      this.run = { ...runFacts(repo, config, this.specs, this.options.exec ?? false), migrationsWithVersion: migrationsWithVersionOf(this.specs) };
    }
    return this.run;
  }

  /** Puts a model in the run's specs (replacing the one of the same file). */
  private place(abs: string, model: SpecModel): void {
    const i = this.slot.get(abs);
    if (i === undefined) {
      this.slot.set(abs, this.specs.length);
      this.specs.push(model);
    } else this.specs[i] = model;
  }

  /** Lints `text` as the content of `abs` (absolute, or relative to the root). */
  async lint(absPath: string, text: string): Promise<Relinted> {
    const { config, repo } = this.options;
    const abs = resolve(config.root, absPath);
    this.ensureContext();
    const model = loadSpec(abs, relativeTo(config.root, abs), text);
    this.place(abs, model);
    const prd = this.prds.load(model.prdPath?.value ?? null);
    const messages = await lintModel(model, prd, repo, config, this.facts(), this.options.rules);
    return { model, prd, messages };
  }

  /** Another spec changed on disk (or was deleted): its model is read again on next need. */
  forget(abs: string): void {
    const i = this.slot.get(abs);
    if (i === undefined) return;
    const { config } = this.options;
    try {
      this.specs[i] = loadSpec(abs, relativeTo(config.root, abs));
    } catch {
      // read errors become the model's readErrors; nothing to do here
    }
  }

  /** PRDs changed: read them again. */
  refreshPrds(): void {
    this.prds = new PrdLoader(this.options.repo, this.options.prdTexts);
  }

  async close(): Promise<void> {
    if (this.run) await disposeShared(this.run);
    this.run = null;
  }
}
