/**
 * Output a pull request controls cannot take over the CI that prints it: a file name (or message) holding a
 * newline and `::error …` or `::stop-commands::` injects no workflow command in GitHub format; ESC and the
 * other control characters never reach a terminal raw in stylish; `ANTHROPIC_BASE_URL` credentials never
 * appear in an error; a server dripping characters cannot keep `spec new` past its time limit.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, writeFileSync } from 'node:fs';
import { platform } from 'node:os';
import { join } from 'node:path';
import { format as github } from '../../src/report/github.js';
import { format as stylish } from '../../src/report/stylish.js';
import { createAnthropicClient, describeError, displayUrl, type ModelRequest } from '../../src/generate/client.js';
import { ApiError } from '../../src/errors.js';
import { ctx, diag, result } from '../report/helpers.js';
import { runCli, tempRepo, validSpecs } from './helpers.js';

afterEach(() => vi.unstubAllEnvs());

const hostileNames = [
  'tech-specs/a.md\n::error file=x.go,line=1::pwned',
  'tech-specs/b.md\r\n::stop-commands::token',
  '::warning::c.md',
  'tech-specs/\u001b[2J\u001b[31mred\u0007.md',
];
const hostileMessage = 'bad\n::error::injected\r\n::add-mask::x \u001b]0;title\u0007 \u009b31m \u202e';

/**
 * The runner's reading of a log: a line starting with `::` is a command, unless between `::stop-commands::T`
 * and `::T::`. Returns the commands it would run.
 */
function commandsRead(out: string): string[] {
  const commands: string[] = [];
  let stopped: string | null = null;
  for (const line of out.split(/\r?\n|\r/)) {
    if (stopped !== null) {
      if (line === `::${stopped}::`) stopped = null;
      continue;
    }
    const m = /^::([\w-]+)(?: [^:]*)?::(.*)$/.exec(line);
    if (!m) continue;
    if (m[1] === 'stop-commands') stopped = m[2]!;
    else commands.push(line);
  }
  return commands;
}

describe('github format', () => {
  it('runs exactly one annotation per diagnostic, whatever the names and messages hold', () => {
    vi.stubEnv('GITHUB_STEP_SUMMARY', '');
    const results = hostileNames.map((n) => result(n, [diag({ line: 1, message: hostileMessage })]));
    const out = github(results, ctx());
    const commands = commandsRead(out);
    expect(commands).toHaveLength(hostileNames.length);
    for (const c of commands) expect(c).toMatch(/^::error file=[^,:\r\n]*,line=1,col=1,endLine=1,endColumn=10,title=[^,:]*::/);
    // nothing but our own fence starts a line with `::` outside the annotations, and no raw control byte
    const others = out.split('\n').filter((l) => l.startsWith('::') && !/^::error /.test(l));
    expect(others).toHaveLength(2);
    expect(others[0]).toMatch(/^::stop-commands::spec-lint-[0-9a-f]{24}$/);
    expect(others[1]).toBe(`::${others[0]!.slice('::stop-commands::'.length)}::`);
    expect(out).toContain('./::warning::c.md:1:1: error:');
    expect(out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/);
  });
});

describe('stylish format', () => {
  it('spells out ESC, BEL, C1 and bidi controls in names and messages', () => {
    const out = stylish(hostileNames.map((n) => result(n, [diag({ line: 1, message: hostileMessage })])), { ...ctx(), color: false });
    expect(out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/);
    expect(out).toContain('tech-specs/\\e[2J\\e[31mred\\x07.md');
    expect(out).toContain('tech-specs/a.md\\n::error file=x.go,line=1::pwned');
    // one line per name: the newline inside a name does not start a new line, and no line starts with `::`
    // (a runner reads such a line as a command when stylish is asked for in CI)
    expect(out.split('\n').filter((l) => l.startsWith('::'))).toEqual([]);
    expect(out).toContain('./::warning::c.md');
  });
});

describe.skipIf(platform() !== 'linux')('through the CLI, with real file names', () => {
  it('a spec named with a newline and ::error injects nothing in github format, and no ESC reaches stylish', { timeout: 120_000 }, () => {
    const repo = tempRepo();
    try {
      mkdirSync(join(repo.dir, 'tech-specs'), { recursive: true });
      const spec = validSpecs['workspace-invites.md']!.replace('## 1. Overview', '## 1. Overview\n\nSee TODO.');
      writeFileSync(join(repo.dir, 'tech-specs', 'x.md\n::error file=pwned.go::injected'), spec + '\n- Modify: `nope\u001b[2J.go`\n');
      writeFileSync(join(repo.dir, 'tech-specs', '\u001b[31mred.md'), spec);
      const g = runCli(['lint', '--format', 'github'], repo.dir, { GITHUB_STEP_SUMMARY: '' });
      expect(g.status, g.stderr).toBe(1);
      const commands = commandsRead(g.stdout);
      expect(commands.length).toBeGreaterThan(0);
      for (const c of commands) expect(c).toMatch(/^::(error|warning) file=tech-specs\//);
      expect(commands.some((c) => c.includes('pwned.go::'))).toBe(false);
      const s = runCli(['lint', '--format', 'stylish'], repo.dir);
      expect(s.stdout).not.toContain('\u001b');
      expect(s.stdout).toContain('\\e[31mred.md');
    } finally {
      repo.remove();
    }
  });
});

const request: ModelRequest = { model: 'claude-sonnet-5-5', maxTokens: 100, system: 's', messages: [{ role: 'user', text: 'u' }] };

describe('spec new: credentials and deadlines', () => {
  it('never prints the user name, password or query of ANTHROPIC_BASE_URL', async () => {
    expect(displayUrl('https://alice:hunter22@gateway.example/v1?key=abc123')).toBe('https://***@gateway.example/v1?…');
    // nothing listens on port 9 of 127.0.0.1: a connection error, which names the base URL
    const client = await createAnthropicClient({ apiKey: 'sk-ant-k', baseURL: 'http://alice:hunter22@127.0.0.1:9/', maxRetries: 0, timeoutMs: 5000 });
    const err = await client.complete(request).then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(err).toBeInstanceOf(ApiError);
    expect(err!.message).not.toContain('hunter22');
    expect(err!.message).not.toContain('alice');
    expect(`${err!.message} ${(err as ApiError).hint}`).not.toMatch(/hunter22|alice/);
    const d = describeError(new Error('fetch to http://alice:hunter22@h/ failed'), { started: false, outputTokens: 0, baseURL: 'http://***@h/', maxRetries: 0, redact: (s) => s.replace(/\/\/[^/@]+@/g, '//***@') });
    expect(d.message).not.toContain('hunter22');
  });

  it('ends a call that a server keeps alive with a character now and then, at timeoutSeconds', { timeout: 30_000 }, async () => {
    const server: Server = createServer((req, res) => {
      req.resume();
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(`event: message_start\ndata: ${JSON.stringify({ type: 'message_start', message: { id: 'm', type: 'message', role: 'assistant', model: request.model, content: [], stop_reason: null, usage: { input_tokens: 1, output_tokens: 0 } } })}\n\n`);
      res.write(`event: content_block_start\ndata: ${JSON.stringify({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } })}\n\n`);
      // a character of progress well within the idle limit, forever
      const t = setInterval(() => res.write(`event: content_block_delta\ndata: ${JSON.stringify({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'x' } })}\n\n`), 200);
      res.on('close', () => clearInterval(t));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const client = await createAnthropicClient({ apiKey: 'sk-ant-k', baseURL: url, maxRetries: 0, timeoutMs: 1500 });
      const started = Date.now();
      const err = await client.complete(request).then(
        () => null,
        (e: unknown) => e as Error,
      );
      const took = Date.now() - started;
      expect(err).toBeInstanceOf(ApiError);
      expect(err!.message).toMatch(/did not finish its reply within 2s/);
      expect(took).toBeLessThan(6000);
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });
});

