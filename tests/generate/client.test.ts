/** The model client against the fake Messages API (127.0.0.1 only). */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AbortedError, buildRequestBody, createAnthropicClient, type ModelRequest } from '../../src/generate/client.js';
import { ApiError } from '../../src/errors.js';
import { startFakeAnthropic, type FakeAnthropic } from '../helpers/fake-anthropic.js';

const KEY = 'sk-ant-test-key-never-printed';
let fake: FakeAnthropic;
beforeEach(async () => {
  fake = await startFakeAnthropic({ apiKey: KEY });
});
afterEach(async () => {
  await fake.close();
});

const request: ModelRequest = {
  model: 'claude-sonnet-5-5',
  maxTokens: 1000,
  system: 'You write specs.',
  messages: [{ role: 'user', text: 'Write it.', cache: true }],
};

const client = (opts: { maxRetries?: number; timeoutMs?: number; apiKey?: string } = {}) =>
  createAnthropicClient({ apiKey: opts.apiKey ?? KEY, baseURL: fake.url, maxRetries: opts.maxRetries ?? 2, timeoutMs: opts.timeoutMs ?? 30_000 });

const failure = async (p: Promise<unknown>): Promise<ApiError> => {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ApiError);
  return err as ApiError;
};

describe('model client', () => {
  it('streams the reply and reports usage, with the stable prefix marked for caching', async () => {
    const text = 'x'.repeat(2000);
    fake.enqueue({ kind: 'text', text, chunk: 100 });
    const progress: number[] = [];
    const reply = await (await client()).complete(request, { onProgress: (p) => progress.push(p.chars) });
    expect(reply.text).toBe(text);
    expect(reply.stopReason).toBe('end_turn');
    expect(reply.usage.outputTokens).toBe(500);
    expect(reply.usage.cacheWriteTokens).toBeGreaterThan(0);
    expect(reply.usage.cacheReadTokens).toBe(0);
    expect(progress.at(-1)).toBe(2000);
    const [req] = fake.requests;
    expect(req!.headers['x-api-key'] ?? req!.headers['authorization']).toMatch(new RegExp(`^(Bearer )?${KEY}$`));
    expect(req!.headers['anthropic-version']).toBeTruthy();
    expect(req!.body).toEqual({ ...buildRequestBody(request), stream: true });
    expect(req!.body.system).toEqual([{ type: 'text', text: 'You write specs.', cache_control: { type: 'ephemeral' } }]);
    expect(req!.body.messages[0].content[0].cache_control).toEqual({ type: 'ephemeral' });

    // the same prefix again is read from the cache
    fake.enqueue({ kind: 'text', text: 'again' });
    const again = await (await client()).complete({ ...request, messages: [...request.messages, { role: 'assistant', text: 'x' }, { role: 'user', text: 'fix' }] });
    expect(again.usage.cacheReadTokens).toBe(reply.usage.cacheWriteTokens);
  });

  it('retries a 529 and succeeds', async () => {
    fake.enqueue({ kind: 'error', status: 529, type: 'overloaded_error', message: 'Overloaded', retryAfter: 0.01 }, { kind: 'text', text: 'done' });
    const reply = await (await client()).complete(request);
    expect(reply.text).toBe('done');
    expect(fake.requests).toHaveLength(2);
  });

  it('gives up on 529 and 429 after the retries with one clear line', async () => {
    for (let i = 0; i < 3; i++) fake.enqueue({ kind: 'error', status: 529, type: 'overloaded_error', message: 'Overloaded', retryAfter: 0.01 });
    const e1 = await failure((await client({ maxRetries: 2 })).complete(request));
    expect(e1.message).toBe('the API is overloaded (529 overloaded_error) after 2 retries; nothing was written');
    for (let i = 0; i < 2; i++) fake.enqueue({ kind: 'error', status: 429, type: 'rate_limit_error', message: 'Slow down', retryAfter: 0.01 });
    const e2 = await failure((await client({ maxRetries: 1 })).complete(request));
    expect(e2.message).toMatch(/^rate limited by the API \(429 rate_limit_error\) after 1 retry/);
    expect(fake.requests).toHaveLength(5);
  });

  it('does not retry a 401 and never shows the key', async () => {
    const e = await failure((await client({ apiKey: 'sk-ant-wrong-key' })).complete(request));
    expect(e.message).toBe('the API rejected the key (401 authentication_error)');
    expect(e.hint).toMatch(/ANTHROPIC_API_KEY/);
    expect(`${e.message} ${e.hint}`).not.toContain('sk-ant-wrong-key');
    expect(fake.requests).toHaveLength(1);
  });

  it('reports a 400 with the API\'s message', async () => {
    fake.enqueue({ kind: 'error', status: 400, type: 'invalid_request_error', message: 'max_tokens: too large' });
    const e = await failure((await client()).complete(request));
    expect(e.message).toBe('the API rejected the request (400 invalid_request_error: max_tokens: too large)');
  });

  it('reports a stream that is cut mid-way, whether closed or reset', async () => {
    fake.enqueue({ kind: 'cut', text: 'y'.repeat(1000), after: 400, mode: 'end' });
    const e1 = await failure((await client()).complete(request));
    expect(e1.message).toMatch(/^the connection dropped mid-stream after \d+ output tokens; nothing was written$/);
    fake.enqueue({ kind: 'cut', text: 'y'.repeat(1000), after: 400, mode: 'destroy' });
    const e2 = await failure((await client()).complete(request));
    expect(e2.message).toMatch(/^the connection dropped mid-stream/);
  });

  it('reports an error event inside the stream', async () => {
    fake.enqueue({ kind: 'stream-error', text: 'z'.repeat(500), after: 200, type: 'overloaded_error', message: 'Overloaded' });
    const e = await failure((await client()).complete(request));
    expect(e.message).toBe('the API is overloaded (overloaded_error during the stream: Overloaded); nothing was written');
  });

  it('times out a stalled stream', async () => {
    fake.enqueue({ kind: 'hang', text: 'w'.repeat(500), after: 100 });
    const e = await failure((await client({ timeoutMs: 1000, maxRetries: 0 })).complete(request));
    expect(e.message).toMatch(/^the API did not answer within 1s( \(stream stalled after \d+ output tokens\))?; nothing was written$/);
  });

  it('stops when the caller aborts', async () => {
    fake.enqueue({ kind: 'hang', text: 'w'.repeat(500), after: 100 });
    const controller = new AbortController();
    const pending = (await client()).complete(request, { signal: controller.signal });
    await fake.waitForStreaming();
    controller.abort();
    await expect(pending).rejects.toBeInstanceOf(AbortedError);
  });

  it('refuses to pass off a reply cut at max_tokens as a spec', async () => {
    fake.enqueue({ kind: 'text', text: 'partial', stopReason: 'max_tokens' });
    const e = await failure((await client()).complete(request));
    expect(e.message).toMatch(/cut off at --max-tokens 1000/);
  });
});
