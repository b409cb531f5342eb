/**
 * Which model `spec new` uses by default, and what a run probably cost.
 *
 * The default is a current model from the SDK's own `Model` list (node_modules/@anthropic-ai/sdk,
 * resources/messages/messages.d.ts) that is not in the SDK's deprecation table
 * (internal/data/deprecated-models.mjs), so the SDK never prints a deprecation warning for it. Config
 * `generate.model` and `--model` override it.
 */

/** The default model for `spec new` (config `generate.model` overrides it). */
export const DEFAULT_MODEL = 'claude-sonnet-5-5';

/** Default `max_tokens` for a draft: a full spec is long, and adaptive thinking counts against it. */
export const DEFAULT_MAX_TOKENS = 32_000;

/** Default number of repair rounds. */
export const DEFAULT_MAX_REPAIRS = 2;

/** Default context budget (estimated tokens) for completed specs, file list and workflow. */
export const DEFAULT_CONTEXT_BUDGET = 60_000;

/** Default limit for one model call, in seconds. */
export const DEFAULT_TIMEOUT_SECONDS = 600;

/** US dollars per million tokens. Cache writes are the 5-minute (ephemeral) rate. */
export interface Price {
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite: number;
}

/**
 * List prices in USD per million tokens, as published on the provider's pricing pages (checked 2026-10).
 * Only an estimate: prices change, and regional, batch and long-prompt tiers are not modelled.
 */
export const PRICES: Readonly<Record<string, Price>> = {
  'claude-fable-5-1': { input: 10, output: 50, cacheWrite: 12.5, cacheRead: 0.25 },
  'claude-mythos-5-1': { input: 10, output: 50, cacheWrite: 12.5, cacheRead: 0.25 },
  'claude-fable-5': { input: 10, output: 50, cacheWrite: 12.5, cacheRead: 1 },
  'claude-mythos-5': { input: 10, output: 50, cacheWrite: 12.5, cacheRead: 1 },
  'claude-opus-5-5': { input: 4, output: 20, cacheWrite: 5, cacheRead: 0.2 },
  'claude-opus-5': { input: 5, output: 25, cacheWrite: 6.25, cacheRead: 0.5 },
  'claude-opus-4-8': { input: 5, output: 25, cacheWrite: 6.25, cacheRead: 0.5 },
  'claude-opus-4-7': { input: 5, output: 25, cacheWrite: 6.25, cacheRead: 0.5 },
  'claude-opus-4-6': { input: 5, output: 25, cacheWrite: 6.25, cacheRead: 0.5 },
  'claude-opus-4-5': { input: 5, output: 25, cacheWrite: 6.25, cacheRead: 0.5 },
  'claude-sonnet-5-5': { input: 2, output: 10, cacheWrite: 2.5, cacheRead: 0.1 },
  'claude-sonnet-5': { input: 2, output: 10, cacheWrite: 2.5, cacheRead: 0.2 },
  'claude-sonnet-4-6': { input: 3, output: 15, cacheWrite: 3.75, cacheRead: 0.3 },
  'claude-sonnet-4-5': { input: 3, output: 15, cacheWrite: 3.75, cacheRead: 0.3 },
  'claude-haiku-5-5': { input: 0.1, output: 0.5, cacheWrite: 0.125, cacheRead: 0.01 },
  'claude-haiku-4-5': { input: 1, output: 5, cacheWrite: 1.25, cacheRead: 0.1 },
};

/** The price entry for a model id, ignoring a trailing date snapshot (`-20251001`) or `[1m]` suffix. */
export function priceFor(model: string): Price | null {
  const id = model.replace(/\[[^\]]*\]$/, '');
  if (PRICES[id]) return PRICES[id];
  const undated = id.replace(/-\d{8}$/, '');
  return PRICES[undated] ?? null;
}

/** Token counts of one or more calls, as the API reports them in `usage`. */
export interface Usage {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
}

export function emptyUsage(): Usage {
  return { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 };
}

export function addUsage(a: Usage, b: Usage): Usage {
  return {
    inputTokens: a.inputTokens + b.inputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    cacheReadTokens: a.cacheReadTokens + b.cacheReadTokens,
    cacheWriteTokens: a.cacheWriteTokens + b.cacheWriteTokens,
  };
}

/** Estimated cost in USD, or null when the model has no price on file. */
export function estimateCost(model: string, usage: Usage): number | null {
  const p = priceFor(model);
  if (!p) return null;
  return (
    (usage.inputTokens * p.input +
      usage.outputTokens * p.output +
      usage.cacheReadTokens * p.cacheRead +
      usage.cacheWriteTokens * p.cacheWrite) /
    1_000_000
  );
}

/** One line such as `estimated cost: $0.1234 (claude-sonnet-5-5 list prices; an estimate, not a bill)`. */
export function describeCost(model: string, usage: Usage): string {
  const cost = estimateCost(model, usage);
  if (cost === null) return `estimated cost: unknown (no price on file for ${model})`;
  const shown = cost < 0.01 ? cost.toFixed(4) : cost.toFixed(2);
  return `estimated cost: $${shown} (${model} list prices; an estimate, not a bill)`;
}

/**
 * A rough token count for text: about four characters per token for English prose, fewer for code and
 * tables. Errs high so budgets are kept; used for budgets and `--dry-run`, never for billing.
 */
export function estimateTokens(text: string): number {
  if (!text) return 0;
  return Math.ceil(text.length / 3.5);
}
