/**
 * A fake Anthropic Messages API on 127.0.0.1 (random port) that speaks the real protocol, for tests of
 * `spec new`. It answers POST /v1/messages with a JSON message or, when `stream: true`, with the SSE event
 * sequence of the streaming API:
 *
 *   message_start → content_block_start → ping → content_block_delta (text_delta)… → content_block_stop →
 *   message_delta (stop_reason, usage) → message_stop
 *
 * Usage is simulated, prompt caching included: every `cache_control` breakpoint (system blocks, then message
 * content blocks) defines a prefix; a prefix seen in an earlier request is a cache read, a new one a cache
 * write, the rest is plain input (≈ 4 characters per token). Errors use the API's body shape
 * `{type: 'error', error: {type, message}}` with a `request-id` header and, when scripted, `retry-after`.
 *
 * Responses are scripted per request, in order (`enqueue`), with a fallback (`fallback`). Every request is
 * recorded (headers and parsed body) for assertions.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  /** The raw request body, exactly as received. */
  raw: string;
  body: any;
}

export type Scripted =
  /** A normal reply with this text (streamed in chunks when the request asks for a stream). */
  | { kind: 'text'; text: string; chunk?: number; stopReason?: string; model?: string }
  /** An HTTP error in the API's shape. `retryAfter` in seconds (fractions allowed) sets `retry-after`. */
  | { kind: 'error'; status: number; type: string; message: string; retryAfter?: number }
  /** Streams `text` up to `after` characters, then closes the connection (`end`) or resets it (`destroy`). */
  | { kind: 'cut'; text: string; after: number; mode?: 'end' | 'destroy' }
  /** Streams part of `text`, then sends an SSE `error` event (e.g. overloaded_error) and ends. */
  | { kind: 'stream-error'; text: string; after: number; type: string; message: string }
  /** Streams `text` up to `after` characters, then stalls until the client goes away. */
  | { kind: 'hang'; text: string; after: number };

export interface FakeAnthropic {
  url: string;
  requests: RecordedRequest[];
  /** Queues responses for the next requests, in order. */
  enqueue(...responses: Scripted[]): void;
  /** Answer when the queue is empty. */
  fallback: Scripted | ((req: RecordedRequest) => Scripted);
  /** Resolves when `n` requests have arrived. */
  waitForRequests(n: number): Promise<void>;
  /** Resolves when a stream has sent at least one text delta (used to interrupt mid-stream). */
  waitForStreaming(): Promise<void>;
  close(): Promise<void>;
}

export interface FakeOptions {
  /** When set, requests without this key (`x-api-key` or `Authorization: Bearer`) get a 401. */
  apiKey?: string;
  fallback?: Scripted;
}

const tokensOf = (s: string) => Math.ceil(s.length / 4);

export async function startFakeAnthropic(opts: FakeOptions = {}): Promise<FakeAnthropic> {
  const queue: Scripted[] = [];
  const requests: RecordedRequest[] = [];
  const seenPrefixes = new Map<string, number>();
  const sockets = new Set<Socket>();
  const waiters: Array<{ n: number; resolve: () => void }> = [];
  const streamingWaiters: Array<() => void> = [];
  let streamingSeen = false;
  let counter = 0;

  const fake: FakeAnthropic = {
    url: '',
    requests,
    fallback: opts.fallback ?? { kind: 'text', text: 'Hello from the fake API.' },
    enqueue: (...r) => void queue.push(...r),
    waitForRequests(n) {
      if (requests.length >= n) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ n, resolve }));
    },
    waitForStreaming() {
      if (streamingSeen) return Promise.resolve();
      return new Promise((resolve) => streamingWaiters.push(resolve));
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };

  const sendError = (res: ServerResponse, status: number, type: string, message: string, extra: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', 'request-id': `req_fake_${++counter}`, ...extra });
    res.end(JSON.stringify({ type: 'error', error: { type, message }, request_id: `req_fake_${counter}` }));
  };

  /** Simulated usage for a request body, prompt caching included. */
  const usageFor = (body: any) => {
    const blocks: Array<{ text: string; cache: boolean }> = [];
    const sys = body.system;
    if (typeof sys === 'string') blocks.push({ text: sys, cache: false });
    else if (Array.isArray(sys)) for (const b of sys) blocks.push({ text: String(b.text ?? ''), cache: Boolean(b.cache_control) });
    for (const m of body.messages ?? []) {
      if (typeof m.content === 'string') blocks.push({ text: `${m.role}:${m.content}`, cache: false });
      else for (const b of m.content ?? []) blocks.push({ text: `${m.role}:${b.text ?? JSON.stringify(b)}`, cache: Boolean(b.cache_control) });
    }
    const total = blocks.reduce((a, b) => a + tokensOf(b.text), 0);
    let prefix = '';
    let prefixTokens = 0;
    let read = 0;
    let written = 0;
    for (const b of blocks) {
      prefix += '\u0000' + b.text;
      prefixTokens += tokensOf(b.text);
      if (!b.cache) continue;
      if (seenPrefixes.has(prefix)) read = prefixTokens;
      else {
        written = prefixTokens - read;
        seenPrefixes.set(prefix, prefixTokens);
      }
    }
    return { input_tokens: total - read - written, cache_creation_input_tokens: written, cache_read_input_tokens: read };
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) headers[k] = Array.isArray(v) ? v.join(', ') : String(v ?? '');
      let body: any = null;
      try {
        body = raw ? JSON.parse(raw) : null;
      } catch {
        body = null;
      }
      const rec: RecordedRequest = { method: req.method ?? '', path: req.url ?? '', headers, raw, body };
      requests.push(rec);
      for (const w of waiters.splice(0)) {
        if (requests.length >= w.n) w.resolve();
        else waiters.push(w);
      }

      if (req.method !== 'POST' || !(req.url ?? '').startsWith('/v1/messages')) {
        return sendError(res, 404, 'not_found_error', `Not found: ${req.method} ${req.url}`);
      }
      // The API takes the key as `x-api-key` or as `Authorization: Bearer <key>` (what SDK 1.x sends).
      const given = headers['x-api-key'] || /^Bearer\s+(.+)$/i.exec(headers['authorization'] ?? '')?.[1];
      if (opts.apiKey !== undefined && given !== opts.apiKey) {
        return sendError(res, 401, 'authentication_error', 'invalid x-api-key');
      }
      if (!headers['anthropic-version']) {
        return sendError(res, 400, 'invalid_request_error', 'anthropic-version: header is required');
      }
      if (!body || typeof body.model !== 'string' || typeof body.max_tokens !== 'number' || !Array.isArray(body.messages)) {
        return sendError(res, 400, 'invalid_request_error', 'model, max_tokens and messages are required');
      }

      const next = queue.shift() ?? (typeof fake.fallback === 'function' ? fake.fallback(rec) : fake.fallback);
      if (next.kind === 'error') {
        const extra: Record<string, string> = {};
        if (next.retryAfter !== undefined) extra['retry-after'] = String(next.retryAfter);
        return sendError(res, next.status, next.type, next.message, extra);
      }
      const model = (next.kind === 'text' && next.model) || body.model;
      const text = next.text;
      const usage = usageFor(body);
      const outputTokens = tokensOf(text);
      const id = `msg_fake_${++counter}`;

      if (!body.stream) {
        res.writeHead(200, { 'content-type': 'application/json', 'request-id': `req_fake_${counter}` });
        res.end(
          JSON.stringify({
            id,
            type: 'message',
            role: 'assistant',
            model,
            content: [{ type: 'text', text }],
            stop_reason: next.kind === 'text' ? (next.stopReason ?? 'end_turn') : 'end_turn',
            stop_sequence: null,
            usage: { ...usage, output_tokens: outputTokens },
          }),
        );
        return;
      }

      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache',
        connection: 'keep-alive',
        'request-id': `req_fake_${counter}`,
      });
      // Each event is flushed before the next one, so a cut or a stall happens after the client got them.
      const send = (event: string, data: unknown) =>
        new Promise<void>((resolve) => res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`, () => resolve()));
      void (async () => {
        await send('message_start', {
          type: 'message_start',
          message: {
            id,
            type: 'message',
            role: 'assistant',
            model,
            content: [],
            stop_reason: null,
            stop_sequence: null,
            usage: { ...usage, output_tokens: 1 },
          },
        });
        await send('content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } });
        await send('ping', { type: 'ping' });
        const limit = next.kind === 'text' ? text.length : Math.min(next.after, text.length);
        const size = next.kind === 'text' ? (next.chunk ?? 400) : 200;
        for (let i = 0; i < limit; i += size) {
          await send('content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: text.slice(i, Math.min(i + size, limit)) } });
        }
        if (limit > 0 && !streamingSeen) {
          streamingSeen = true;
          for (const w of streamingWaiters.splice(0)) w();
        }
        switch (next.kind) {
          case 'text':
            await send('content_block_stop', { type: 'content_block_stop', index: 0 });
            await send('message_delta', {
              type: 'message_delta',
              delta: { stop_reason: next.stopReason ?? 'end_turn', stop_sequence: null },
              usage: { ...usage, output_tokens: outputTokens },
            });
            await send('message_stop', { type: 'message_stop' });
            res.end();
            return;
          case 'cut':
            if (next.mode === 'destroy') res.socket?.destroy(); // a reset connection
            else res.end();
            return;
          case 'stream-error':
            await send('error', { type: 'error', error: { type: next.type, message: next.message } });
            res.end();
            return;
          case 'hang':
            // keep the connection open; the client's abort (or close()) ends it
            return;
        }
      })();
    });
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  fake.url = `http://127.0.0.1:${port}`;
  return fake;
}
