/**
 * `spec new` end to end, in process: the real pipeline and the real `spec lint` engine on a copy of the
 * fixture repository, with the fake Messages API (127.0.0.1) standing in for Claude.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runNew, type NewOptions, type RunDeps } from '../../src/generate/run.js';
import { sha256 } from '../../src/generate/input.js';
import { extractSpec } from '../../src/model/extract.js';
import { reportError } from '../../src/cli/shared.js';
import { lintFiles } from '../../src/lint/engine.js';
import prdChanged from '../../src/rules/trace/prd-changed.js';
import { startFakeAnthropic, type FakeAnthropic } from '../helpers/fake-anthropic.js';
import { Capture, cleanSpec, NASTY, tempRepo, type TempRepo } from './setup.js';

const KEY = 'sk-ant-run-test-secret';
const OUT = 'tech-specs/workspace-invites.md';
let fake: FakeAnthropic;
let repo: TempRepo;
let stdout: Capture;
let stderr: Capture;

beforeEach(async () => {
  fake = await startFakeAnthropic({ apiKey: KEY });
  repo = tempRepo();
  stdout = new Capture();
  stderr = new Capture();
});
afterEach(async () => {
  await fake.close();
  repo.cleanup();
});

/** Runs `spec new` the way the CLI does: typed errors become one line and an exit code. */
async function specNew(opts: NewOptions, deps: Partial<RunDeps> = {}): Promise<number> {
  const write = process.stderr.write.bind(process.stderr);
  (process.stderr as { write: unknown }).write = (s: string) => stderr.write(s);
  try {
    return await runNew(opts, {
      cwd: repo.dir,
      env: { ANTHROPIC_API_KEY: KEY, ANTHROPIC_BASE_URL: fake.url },
      stdout,
      stderr,
      maxRetries: 2,
      signal: new AbortController().signal,
      now: () => new Date(2026, 2, 1),
      ...deps,
    }).catch((err) => reportError(err));
  } finally {
    (process.stderr as { write: unknown }).write = write;
  }
}

/** Files in the output directory, to prove nothing (not even a temporary file) was left behind. */
const specFiles = () => readdirSync(join(repo.dir, 'tech-specs')).sort();
const before = ['completed', 'member-lookup-index.md'];

/** The clean fixture spec with a lint error: an explicit `any` in a TypeScript block (code/ts-no-any). */
const withError = cleanSpec.replace('interface CreateInviteRequest {\n  email: string;', 'interface CreateInviteRequest {\n  email: any;');

describe('spec new --prd', () => {
  it('writes a lint-clean spec from a fenced reply, stamped with provenance', async () => {
    fake.enqueue({ kind: 'text', text: `Here is the spec.\n\n\`\`\`markdown\n${cleanSpec}\`\`\`\n\nAnything else?` });
    const code = await specNew({ prd: 'prds/workspace-invites.md' });
    expect(stderr.text).not.toContain(KEY);
    expect(code).toBe(0);
    const written = repo.read(OUT);
    const model = extractSpec(written, OUT);
    expect(model.provenance).toMatchObject({
      prd: 'prds/workspace-invites.md',
      prdSha256: sha256(repo.read('prds/workspace-invites.md')),
      model: 'claude-sonnet-5-5',
      generated: '2026-03-01',
    });
    expect(written.replace(/^<!-- spec:provenance .*-->\n/m, '')).toBe(cleanSpec);
    expect(stdout.text).toContain(`Wrote ${OUT} (0 repair rounds)`);
    expect(stdout.text).toContain('lint: clean');
    expect(stdout.text).toMatch(/tokens: input [\d,]+ · output [\d,]+ · cache read 0 · cache write [\d,]+/);
    expect(stdout.text).toMatch(/estimated cost: \$[\d.]+ \(claude-sonnet-5-5 list prices; an estimate, not a bill\)/);
    expect(fake.requests).toHaveLength(1);
    const body = fake.requests[0]!.body;
    expect(body.model).toBe('claude-sonnet-5-5');
    expect(body.stream).toBe(true);
    expect(body.system.at(-1).cache_control).toEqual({ type: 'ephemeral' });
    expect(specFiles()).toEqual([...before, 'workspace-invites.md'].sort());

    // trace/prd-changed stays quiet until the PRD changes
    const lintPrdChanged = async () =>
      (await lintFiles({ config: repo.config, files: [join(repo.dir, OUT)], rules: [prdChanged] })).results[0]!.messages.map((m) => m.ruleId);
    expect(await lintPrdChanged()).toEqual([]);
    repo.write('prds/workspace-invites.md', repo.read('prds/workspace-invites.md') + '\nOne more thing.\n');
    expect(await lintPrdChanged()).toEqual(['trace/prd-changed']);
  });

  it('repairs a draft with lint errors: the repair turn carries the diagnostics and reads the cached prefix', async () => {
    fake.enqueue({ kind: 'text', text: withError }, { kind: 'text', text: cleanSpec });
    const code = await specNew({ prd: 'prds/workspace-invites.md' });
    expect(code).toBe(0);
    expect(fake.requests).toHaveLength(2);
    const [first, repair] = fake.requests.map((r) => r.body);
    // same stable prefix, marked for caching, in both requests
    expect(repair.system).toEqual(first.system);
    expect(repair.system[0].cache_control).toEqual({ type: 'ephemeral' });
    expect(repair.messages[0]).toEqual(first.messages[0]);
    expect(repair.messages[0].content[0].cache_control).toEqual({ type: 'ephemeral' });
    // the draft as linted (provenance included), then the diagnostics
    expect(repair.messages[1].role).toBe('assistant');
    expect(repair.messages[1].content[0].text).toContain('email: any;');
    expect(repair.messages[1].content[0].text).toContain('<!-- spec:provenance prd=prds/workspace-invites.md');
    const ask = repair.messages[2].content[0].text as string;
    const anyLine = (repair.messages[1].content[0].text as string).split('\n').findIndex((l: string) => l.includes('email: any;')) + 1;
    expect(ask).toMatch(new RegExp(`- line ${anyLine}: error \\[code/ts-no-any\\] `));
    expect(ask).toContain('whole corrected document');
    expect(stdout.text).toContain(`Wrote ${OUT} (1 repair round)`);
    expect(stdout.text).toMatch(/cache read [1-9][\d,]*/);
    expect(repo.read(OUT)).not.toContain('email: any;');
  });

  it('writes with errors (exit 1) when a repair round does not help, and prints them', async () => {
    fake.enqueue({ kind: 'text', text: withError }, { kind: 'text', text: withError });
    const code = await specNew({ prd: 'prds/workspace-invites.md', maxRepairs: 2 });
    expect(code).toBe(1);
    expect(fake.requests).toHaveLength(2);
    expect(stdout.text).toContain('stopped early: repair 1 did not reduce the error count (1)');
    expect(stdout.text).toContain('code/ts-no-any');
    expect(stdout.text).toMatch(/lint: 1 error and \d+ warnings? remain/);
    expect(repo.read(OUT)).toContain('email: any;');
  });

  it('retries a 529 and then succeeds', async () => {
    fake.enqueue({ kind: 'error', status: 529, type: 'overloaded_error', message: 'Overloaded', retryAfter: 0.01 }, { kind: 'text', text: cleanSpec });
    expect(await specNew({ prd: 'prds/workspace-invites.md' })).toBe(0);
    expect(fake.requests).toHaveLength(2);
    expect(existsSync(join(repo.dir, OUT))).toBe(true);
  });

  it('a 401 writes nothing, exits 2 with one line, and never prints the key', async () => {
    const code = await specNew({ prd: 'prds/workspace-invites.md' }, { env: { ANTHROPIC_API_KEY: 'sk-ant-bad-key', ANTHROPIC_BASE_URL: fake.url } });
    expect(code).toBe(2);
    expect(stderr.text).toContain('spec: the API rejected the key (401 authentication_error)');
    expect(stderr.text + stdout.text).not.toContain('sk-ant-bad-key');
    expect(specFiles()).toEqual(before);
  });

  it('a stream cut mid-way writes nothing and exits 2', async () => {
    fake.enqueue({ kind: 'cut', text: cleanSpec, after: 1500, mode: 'destroy' });
    expect(await specNew({ prd: 'prds/workspace-invites.md' })).toBe(2);
    expect(stderr.text).toMatch(/spec: the connection dropped mid-stream after \d+ output tokens; nothing was written/);
    expect(specFiles()).toEqual(before);
  });

  it('a stream cut during a repair round writes nothing either', async () => {
    fake.enqueue({ kind: 'text', text: withError }, { kind: 'cut', text: cleanSpec, after: 800, mode: 'end' });
    expect(await specNew({ prd: 'prds/workspace-invites.md' })).toBe(2);
    expect(specFiles()).toEqual(before);
  });

  it('never overwrites an existing spec without --force, and asks nothing of the API', async () => {
    repo.write(OUT, 'mine\n');
    expect(await specNew({ prd: 'prds/workspace-invites.md' })).toBe(2);
    expect(stderr.text).toContain(`spec: ${OUT} already exists; nothing was written`);
    expect(stderr.text).toContain('--force');
    expect(fake.requests).toHaveLength(0);
    expect(repo.read(OUT)).toBe('mine\n');
    fake.enqueue({ kind: 'text', text: cleanSpec });
    expect(await specNew({ prd: 'prds/workspace-invites.md', force: true })).toBe(0);
    expect(repo.read(OUT)).toContain('# Tech Spec: Workspace invites');
  });

  it('sends a PRD full of {{, <, & and back-ticks to the model byte for byte', async () => {
    repo.write('prds/nasty.md', NASTY);
    fake.enqueue({ kind: 'text', text: cleanSpec });
    await specNew({ prd: 'prds/nasty.md' });
    const req = fake.requests[0]!;
    const user = req.body.messages[0].content[0].text as string;
    expect(user).toContain(`<prd path="prds/nasty.md">\n${NASTY}\n</prd>`);
    // and on the wire, as JSON-escaped text of exactly those characters
    expect(req.raw).toContain(JSON.stringify(NASTY).slice(1, -1));
  });

  it('honours --model, --max-tokens and --out', async () => {
    fake.enqueue({ kind: 'text', text: cleanSpec });
    expect(await specNew({ prd: 'prds/workspace-invites.md', model: 'claude-opus-5-5', maxTokens: 5000, out: 'tech-specs/custom.md' })).toBe(0);
    expect(fake.requests[0]!.body).toMatchObject({ model: 'claude-opus-5-5', max_tokens: 5000 });
    expect(repo.read('tech-specs/custom.md')).toContain('model=claude-opus-5-5');
  });

  it('names the completed specs left out of the context budget', async () => {
    repo.write('tech-specs/completed/huge.md', `# Tech Spec: Huge\n\n${'words '.repeat(60_000)}\n`);
    fake.enqueue({ kind: 'text', text: cleanSpec });
    expect(await specNew({ prd: 'prds/workspace-invites.md', contextBudget: 5000 })).toBe(0);
    expect(stderr.text).toContain('left out to fit --context-budget 5000: tech-specs/completed/huge.md');
    expect(fake.requests[0]!.body.system[0].text).toContain('`tech-specs/completed/huge.md`');
  });
});

describe('spec new without the API', () => {
  it('without a key exits 2 naming --scaffold and --dry-run', async () => {
    const code = await specNew({ prd: 'prds/workspace-invites.md' }, { env: {} });
    expect(code).toBe(2);
    expect(stderr.text).toContain('spec: ANTHROPIC_API_KEY is not set; nothing was written');
    expect(stderr.text).toContain('--scaffold');
    expect(stderr.text).toContain('--dry-run');
    expect(fake.requests).toHaveLength(0);
  });

  it('--dry-run prints the prompts and an estimate without a key or network', async () => {
    const code = await specNew({ prd: 'prds/workspace-invites.md', dryRun: true }, { env: { ANTHROPIC_BASE_URL: fake.url } });
    expect(code).toBe(0);
    expect(stdout.text).toContain('===== system prompt (cached prefix');
    expect(stdout.text).toContain('===== user prompt');
    expect(stdout.text).toMatch(/first request ≈ [\d,]+ input tokens/);
    expect(stdout.text).toContain('<prd path="prds/workspace-invites.md">');
    expect(fake.requests).toHaveLength(0);
    expect(specFiles()).toEqual(before);
  });

  it('--scaffold writes the template offline, with the stories mapped', async () => {
    const code = await specNew({ prd: 'prds/workspace-invites.md', scaffold: true }, { env: {} });
    const written = repo.read(OUT);
    expect(written).toContain('| US-003 | Revoke a pending invite | T-003 |');
    expect(extractSpec(written, OUT).provenance).toMatchObject({ prd: 'prds/workspace-invites.md', generated: '2026-03-01' });
    expect(extractSpec(written, OUT).provenance?.model).toBeUndefined();
    expect(stdout.text).toContain(`Wrote ${OUT} (scaffold`);
    // the placeholders are what lint flags until a person fills them
    expect(code).toBe(1);
    expect(stdout.text).toMatch(/lint: \d+ errors? and/);
    expect(fake.requests).toHaveLength(0);
  });

  it('--engineering writes tech-specs/<slug>.md and sends the brief', async () => {
    repo.write('notes/fanout.md', 'Fanout makes N+1 queries.');
    const eng = cleanSpec.replace('# Tech Spec: Workspace invites', '# Tech Spec: Faster fanout');
    fake.enqueue({ kind: 'text', text: eng });
    await specNew({ engineering: true, title: 'Faster Fanout!', brief: 'notes/fanout.md', maxRepairs: 0 });
    expect(existsSync(join(repo.dir, 'tech-specs', 'faster-fanout.md'))).toBe(true);
    const user = fake.requests[0]!.body.messages[0].content[0].text as string;
    expect(user).toContain('Initiative: Faster Fanout!');
    expect(user).toContain('<brief path="notes/fanout.md">\nFanout makes N+1 queries.\n</brief>');
    expect(repo.read('tech-specs/faster-fanout.md')).toMatch(/<!-- spec:provenance model=claude-sonnet-5-5 generated=2026-03-01 -->/);
  });

  it('rejects bad option combinations with exit 2', async () => {
    expect(await specNew({})).toBe(2);
    expect(stderr.text).toContain('spec new needs --prd <path> or --engineering');
    expect(await specNew({ prd: 'prds/workspace-invites.md', engineering: true, title: 'x' })).toBe(2);
    expect(await specNew({ engineering: true })).toBe(2);
    expect(stderr.text).toContain('--engineering needs --title');
    expect(await specNew({ prd: 'prds/workspace-invites.md', dryRun: true, scaffold: true })).toBe(2);
    expect(await specNew({ prd: 'prds/workspace-invites.md', out: '../outside.md' })).toBe(2);
    expect(stderr.text).toContain('outside the repository');
    expect(fake.requests).toHaveLength(0);
  });

  it('on a terminal, asks before generating from a PRD with open questions', async () => {
    repo.write('prds/gappy.md', '# PRD: Gappy\n\n### US-001: First\n\nAs a user I want things.\n');
    const asked: string[] = [];
    const code = await specNew({ prd: 'prds/gappy.md' }, { stdinIsTTY: true, confirm: async (q) => (asked.push(q), false) });
    expect(code).toBe(2);
    expect(asked[0]).toMatch(/open question/);
    expect(stderr.text).toContain('prds/gappy.md:3  US-001 (First) has no acceptance criteria');
    expect(fake.requests).toHaveLength(0);
    // --yes (implied off a terminal) does not ask, and hands the gaps to the model
    fake.enqueue({ kind: 'text', text: cleanSpec });
    await specNew({ prd: 'prds/gappy.md', yes: true }, { stdinIsTTY: true, confirm: async () => { throw new Error('asked'); } });
    expect(fake.requests[0]!.body.messages[0].content[0].text).toContain('- PRD line 3: US-001 (First) has no acceptance criteria');
  });

  it('an aborted run writes nothing and exits 2', async () => {
    fake.enqueue({ kind: 'hang', text: cleanSpec, after: 500 });
    const controller = new AbortController();
    const pending = specNew({ prd: 'prds/workspace-invites.md' }, { signal: controller.signal });
    await fake.waitForStreaming();
    controller.abort();
    expect(await pending).toBe(2);
    expect(stderr.text).toContain('spec: interrupted; nothing was written');
    expect(specFiles()).toEqual(before);
  });
});
