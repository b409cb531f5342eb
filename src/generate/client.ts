/**
 * Stage 4, call the model: one streaming Messages request through `@anthropic-ai/sdk`, imported lazily so
 * `spec lint` never loads it. The SDK reads `ANTHROPIC_API_KEY` and `ANTHROPIC_BASE_URL`, retries 408/409/
 * 429/5xx (529 included) with exponential backoff honouring `retry-after`, and bounds the wait for the
 * response headers with `timeout`; this module adds an idle timeout on the stream itself, turns every
 * failure into an `ApiError` with one clear line (never the key), and reports streamed text as it arrives.
 *
 * The stable prefix (system prompt: instructions, template, completed specs) and the first user turn carry
 * `cache_control: {type: 'ephemeral'}`, so repair rounds read both from the prompt cache.
 */
import { ApiError } from '../errors.js';
import type { Usage } from './models.js';
import { importExternal } from '../import-external.js';

export interface ChatMessage {
  role: 'user' | 'assistant';
  text: string;
  /** Mark the end of this message as a cache breakpoint. */
  cache?: boolean;
}

export interface ModelRequest {
  model: string;
  maxTokens: number;
  system: string;
  messages: ChatMessage[];
}

export interface ModelReply {
  text: string;
  usage: Usage;
  stopReason: string | null;
  model: string;
}

export interface CallHooks {
  signal?: AbortSignal;
  /** Called as text streams in, with the characters and output tokens so far. */
  onProgress?: (p: { chars: number; outputTokens: number }) => void;
}

export interface ModelClient {
  complete(request: ModelRequest, hooks?: CallHooks): Promise<ModelReply>;
}

export interface ClientOptions {
  apiKey: string;
  /** Defaults to the SDK's own reading of ANTHROPIC_BASE_URL. */
  baseURL?: string;
  maxRetries: number;
  /** Limit for the response headers of one attempt, and for silence on an open stream, in ms. */
  timeoutMs: number;
}

const EPHEMERAL = { type: 'ephemeral' } as const;

/** The JSON body `complete` sends (without `stream`), exported for tests and --dry-run. */
export function buildRequestBody(req: ModelRequest): Record<string, unknown> {
  return {
    model: req.model,
    max_tokens: req.maxTokens,
    system: [{ type: 'text', text: req.system, cache_control: EPHEMERAL }],
    messages: req.messages.map((m) => ({
      role: m.role,
      content: [{ type: 'text', text: m.text, ...(m.cache ? { cache_control: EPHEMERAL } : {}) }],
    })),
  };
}

/** Raised when the user's signal aborted the call. */
export class AbortedError extends Error {
  constructor() {
    super('aborted');
    this.name = 'AbortedError';
  }
}

interface SdkErrorLike {
  status?: number;
  apiMessage?: string | null;
  type?: string | null;
  name?: string;
  message?: string;
  constructor?: { name?: string };
}

export async function createAnthropicClient(opts: ClientOptions): Promise<ModelClient> {
  const sdk = await importExternal<typeof import('@anthropic-ai/sdk')>('@anthropic-ai/sdk');
  const Anthropic = sdk.default;
  const client = new Anthropic({
    apiKey: opts.apiKey,
    ...(opts.baseURL ? { baseURL: opts.baseURL } : {}),
    maxRetries: opts.maxRetries,
    timeout: opts.timeoutMs,
    logLevel: 'off',
  });
  // what errors may show of the base URL: no user name, password or query (ANTHROPIC_BASE_URL may carry
  // a gateway's credentials, `https://user:pass@gateway/…?key=…`), and no secret anywhere in a message
  const baseURL = displayUrl(client.baseURL);
  const secrets = [opts.apiKey, ...urlSecrets(client.baseURL), ...urlSecrets(opts.baseURL ?? '')].filter((x): x is string => Boolean(x) && x!.length >= 3);
  const redact = (s: string) => redactSecrets(s, secrets);

  return {
    async complete(req, hooks = {}) {
      const controller = new AbortController();
      const userSignal = hooks.signal;
      const onUserAbort = () => controller.abort();
      if (userSignal?.aborted) throw new AbortedError();
      userSignal?.addEventListener('abort', onUserAbort, { once: true });
      let timedOut = false;
      let overall = false;
      let idle: NodeJS.Timeout | undefined;
      // the whole call, retries and stream included, ends by this deadline: a server that keeps the
      // stream alive with a byte (or a ping) now and then cannot hold the run past timeoutSeconds
      let lastEvent = Date.now();
      const deadline = setTimeout(() => {
        timedOut = true;
        // a stream silent for most of the limit is a stall (the idle timer's message); one still sending is
        // a reply that did not finish in time
        overall = Date.now() - lastEvent < opts.timeoutMs / 2;
        controller.abort();
      }, opts.timeoutMs);
      deadline.unref?.();
      const arm = () => {
        lastEvent = Date.now();
        if (idle) clearTimeout(idle);
        idle = setTimeout(() => {
          timedOut = true;
          controller.abort();
        }, opts.timeoutMs);
        idle.unref?.();
      };

      let text = '';
      let chars = 0;
      const usage: Usage = { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 };
      let stopReason: string | null = null;
      let model = req.model;
      let started = false;
      let stopped = false;
      const fail = (err: unknown): never => {
        if (userSignal?.aborted) throw new AbortedError();
        if (overall) {
          throw new ApiError(
            `the API did not finish its reply within ${Math.round(opts.timeoutMs / 1000)}s${started ? ` (${usage.outputTokens} output tokens so far)` : ''}; nothing was written`,
            'Run again; if it keeps happening, raise generate.timeoutSeconds in spec.config.json (it bounds each model call as a whole).',
          );
        }
        if (timedOut) {
          throw new ApiError(
            `the API did not answer within ${Math.round(opts.timeoutMs / 1000)}s${started ? ` (stream stalled after ${usage.outputTokens} output tokens)` : ''}; nothing was written`,
            'Run again; if it keeps happening, raise generate.timeoutSeconds in spec.config.json.',
          );
        }
        throw describeError(err, { started, outputTokens: usage.outputTokens, baseURL, maxRetries: opts.maxRetries, redact });
      };

      try {
        arm();
        const body = { ...buildRequestBody(req), stream: true as const };
        const stream = await client.messages.create(body as unknown as Parameters<typeof client.messages.create>[0] & { stream: true }, {
          signal: controller.signal,
        });
        for await (const event of stream as AsyncIterable<Record<string, any>>) {
          arm();
          switch (event.type) {
            case 'message_start': {
              started = true;
              const u = event.message?.usage ?? {};
              usage.inputTokens = u.input_tokens ?? 0;
              usage.outputTokens = u.output_tokens ?? 0;
              usage.cacheReadTokens = u.cache_read_input_tokens ?? 0;
              usage.cacheWriteTokens = u.cache_creation_input_tokens ?? 0;
              model = event.message?.model ?? model;
              break;
            }
            case 'content_block_delta':
              if (event.delta?.type === 'text_delta' && typeof event.delta.text === 'string') {
                text += event.delta.text;
                chars += event.delta.text.length;
                hooks.onProgress?.({ chars, outputTokens: Math.max(usage.outputTokens, Math.round(chars / 3.5)) });
              }
              break;
            case 'message_delta': {
              const u = event.usage ?? {};
              if (u.output_tokens != null) usage.outputTokens = u.output_tokens;
              if (u.input_tokens != null) usage.inputTokens = u.input_tokens;
              if (u.cache_read_input_tokens != null) usage.cacheReadTokens = u.cache_read_input_tokens;
              if (u.cache_creation_input_tokens != null) usage.cacheWriteTokens = u.cache_creation_input_tokens;
              if (event.delta?.stop_reason !== undefined) stopReason = event.delta.stop_reason;
              hooks.onProgress?.({ chars, outputTokens: usage.outputTokens });
              break;
            }
            case 'message_stop':
              stopped = true;
              break;
            default:
              break;
          }
        }
      } catch (err) {
        fail(err);
      } finally {
        if (idle) clearTimeout(idle);
        clearTimeout(deadline);
        userSignal?.removeEventListener('abort', onUserAbort);
      }
      // The SDK ends the iteration quietly when its controller aborts, and a server that closes the
      // connection early just ends the stream: both arrive here without message_stop.
      if (!stopped) fail(new DroppedStream());
      if (stopReason === 'max_tokens') {
        throw new ApiError(
          `the model's reply was cut off at --max-tokens ${req.maxTokens} before the spec was complete; nothing was written`,
          'Run again with a larger --max-tokens (or generate.maxTokens in spec.config.json).',
        );
      }
      if (stopReason === 'refusal') {
        throw new ApiError('the model declined to write this spec (stop reason: refusal); nothing was written', 'Review the PRD or brief for content the model will not work with.');
      }
      return { text, usage, stopReason, model };
    },
  };
}

/** A URL as errors may show it: the user name and password replaced by `***`, the query and fragment dropped. */
export function displayUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.username || u.password) {
      u.username = '***';
      u.password = '';
    }
    const query = u.search !== '';
    u.search = '';
    u.hash = '';
    return u.toString() + (query ? '?…' : '');
  } catch {
    return redactUserinfo(url);
  }
}

/** The secrets a URL carries: its user name and password (raw and decoded) and its query values. */
function urlSecrets(url: string): string[] {
  try {
    const u = new URL(url);
    const out = [u.username, u.password, ...[...u.searchParams.values()]];
    for (const x of [u.username, u.password]) {
      try {
        out.push(decodeURIComponent(x));
      } catch {
        // not encoded
      }
    }
    return out.filter(Boolean);
  } catch {
    return [];
  }
}

/** `scheme://user:pass@` → `scheme://***@`, anywhere in a text. */
function redactUserinfo(s: string): string {
  return s.replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@]+@/gi, '$1***@');
}

/** A text with every secret replaced by `***`, and any URL's user name and password too. */
export function redactSecrets(s: string, secrets: readonly string[]): string {
  let out = redactUserinfo(s);
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) out = out.split(secret).join('***');
  return out;
}

class DroppedStream extends Error {
  constructor() {
    super('stream ended without message_stop');
    this.name = 'DroppedStream';
  }
}

/** One line (and a hint) for every way a call can fail. Exported for tests. */
export function describeError(
  err: unknown,
  ctx: { started: boolean; outputTokens: number; baseURL: string; maxRetries: number; redact: (s: string) => string },
): ApiError {
  const e = (err ?? {}) as SdkErrorLike;
  const cls = e.constructor?.name ?? '';
  const apiMsg = ctx.redact(String(e.apiMessage ?? '').trim());
  const detail = apiMsg ? `: ${apiMsg}` : '';
  const retries = ctx.maxRetries === 1 ? '1 retry' : `${ctx.maxRetries} retries`;
  if (err instanceof DroppedStream || (ctx.started && (cls === 'APIConnectionError' || /terminated|socket|ECONNRESET|premature/i.test(String(e.message))))) {
    return new ApiError(
      `the connection dropped mid-stream after ${ctx.outputTokens} output tokens; nothing was written`,
      'Run again; the prompt prefix is cached for a few minutes, so a retry soon costs less.',
    );
  }
  if (cls === 'APIConnectionTimeoutError') {
    return new ApiError('the API did not answer in time; nothing was written', 'Run again; if it keeps happening, raise generate.timeoutSeconds in spec.config.json.');
  }
  if (cls === 'APIConnectionError') {
    return new ApiError(`could not reach the API at ${ctx.baseURL}; nothing was written`, 'Check the network connection and ANTHROPIC_BASE_URL, then run again.');
  }
  const status = typeof e.status === 'number' ? e.status : undefined;
  const type = e.type ?? undefined;
  if (status === undefined && type) {
    // An `error` event inside an open stream.
    if (type === 'overloaded_error') {
      return new ApiError(`the API is overloaded (overloaded_error during the stream${detail}); nothing was written`, 'Try again in a few minutes.');
    }
    return new ApiError(`the API broke off the stream (${type}${detail}); nothing was written`, 'Run again.');
  }
  switch (status) {
    case 400:
      return new ApiError(`the API rejected the request (400 ${type ?? 'invalid_request_error'}${detail})`, 'Check --model and --max-tokens, or lower --context-budget if the prompt is too long.');
    case 401:
      return new ApiError('the API rejected the key (401 authentication_error)', 'Check ANTHROPIC_API_KEY: it must be a valid, active API key.');
    case 402:
      return new ApiError(`the API refused the request (402 billing_error${detail})`, 'Check the billing settings of the account that owns ANTHROPIC_API_KEY.');
    case 403:
      return new ApiError(`the key may not use this model or feature (403 permission_error${detail})`, 'Check the key\'s permissions, or choose another --model.');
    case 404:
      return new ApiError(`the API does not know this model or endpoint (404 not_found_error${detail})`, 'Check --model (or generate.model in spec.config.json) and ANTHROPIC_BASE_URL.');
    case 413:
      return new ApiError('the request is too large for the API (413 request_too_large)', 'Lower --context-budget.');
    case 429:
      return new ApiError(`rate limited by the API (429 rate_limit_error) after ${retries}; nothing was written`, 'Wait a minute and run again, or lower --context-budget.');
    case 529:
      return new ApiError(`the API is overloaded (529 overloaded_error) after ${retries}; nothing was written`, 'Try again in a few minutes.');
    default:
      if (status !== undefined && status >= 500) {
        return new ApiError(`the API failed (${status} ${type ?? 'api_error'}) after ${retries}; nothing was written`, 'Try again in a few minutes.');
      }
      if (status !== undefined) {
        return new ApiError(`the API answered ${status} ${type ?? 'error'}${detail}; nothing was written`);
      }
  }
  return new ApiError(`the model call failed: ${ctx.redact(String(e.message ?? err))}; nothing was written`, 'Run again with --debug for details.');
}
