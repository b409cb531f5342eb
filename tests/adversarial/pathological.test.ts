/**
 * Pathological inputs finish — no stack overflow, no internal error — in time that grows with their size,
 * not faster (the bounds are generous completion limits, not timings). Huge, deep, long-lined, binary,
 * mis-encoded, BOM + CRLF.
 */
import { describe, expect, it } from 'vitest';
import { lintMany } from '../../src/lint/workers.js';
import { mergeConfig } from '../../src/lint/config.js';
import { createRepoIndex } from '../../src/lint/repo.js';
import type { Diagnostic } from '../../src/lint/types.js';
import { MAX_SPEC_BYTES } from '../../src/lint/engine.js';
import { internalErrors, lintDoc, tempRepo, validSpecs } from './helpers.js';

const spec = validSpecs['workspace-invites.md']!;

function task(n: number): string {
  const id = `T-${String(n).padStart(3, '0')}`;
  return `- **${id}:** Step ${n}\n  - _Implements:_ US-001\n  - _Description:_ Do step ${n} of the invite work.\n  - _Done condition:_ \`go test ./internal/workspace/... -run TestStep${n}\` passes.\n  - _Dependencies:_ None\n`;
}

async function expectCompletes(doc: string): Promise<Diagnostic[]> {
  const messages = await lintDoc(doc);
  expect(internalErrors(messages)).toEqual([]);
  return messages;
}

describe('pathological documents', () => {
  it('a 10 MB spec is reported as too large, not parsed', { timeout: 60_000 }, async () => {
    const para = 'The service stores each `invite` row with its **status** and _expiry_, and a worker sweeps expired rows hourly ([runbook](docs/runbook.md)).\n\n';
    const doc = `${spec}\n## Appendix\n\n${para.repeat(Math.ceil(10e6 / para.length))}`;
    expect(doc.length).toBeGreaterThan(10e6);
    const messages = await expectCompletes(doc);
    expect(messages.map((m) => [m.ruleId, m.severity, m.line, m.column])).toEqual([['template/readable', 'error', 1, 1]]);
    expect(messages[0]!.message).toMatch(/^the file is too large to lint \(9\.\d MB; the limit is 2\.0 MB\): .*split it/);
  });

  it('a spec just under the size limit is linted in full', { timeout: 300_000 }, async () => {
    const para = 'The service stores each `invite` row with its **status** and _expiry_, and a worker sweeps expired rows hourly ([runbook](docs/runbook.md)).\n\n';
    let doc = `${spec}\n## Appendix\n\n${para.repeat(Math.floor((MAX_SPEC_BYTES - Buffer.byteLength(spec) - 20) / para.length))}`;
    doc += 'x'.repeat(MAX_SPEC_BYTES - Buffer.byteLength(doc));
    expect(Buffer.byteLength(doc)).toBe(MAX_SPEC_BYTES);
    const messages = await expectCompletes(doc);
    expect(messages.some((m) => /too large/.test(m.message))).toBe(false);
  });

  it('a 1 MB spec made of the whole template repeated (every construct, ninety times)', { timeout: 180_000 }, async () => {
    let doc = spec;
    while (doc.length < 1e6) doc += `\n${spec}`;
    const messages = await expectCompletes(doc);
    expect(messages.length).toBeGreaterThan(0); // duplicate ids, sections …
  });

  it('10,000 tasks in one list', { timeout: 300_000 }, async () => {
    // (tasks without `Files:` entries: task/order compares every created path with every other task's text)
    const tasks = Array.from({ length: 10_000 }, (_, i) => task(i + 5)).join('');
    const doc = spec.replace('### Phase 5: Integration', `${tasks}\n### Phase 5: Integration`);
    await expectCompletes(doc);
  });

  it('a 5,000-row table', { timeout: 180_000 }, async () => {
    const rows = Array.from({ length: 5000 }, (_, i) => `| US-${String(i + 4).padStart(3, '0')} | Story ${i} | T-001 |`).join('\n');
    const doc = spec.replace('| US-003 | Revoke a pending invite | T-002, T-004 |', `| US-003 | Revoke a pending invite | T-002, T-004 |\n${rows}`);
    await expectCompletes(doc);
  });

  it('lists nested 1,000 deep', { timeout: 180_000 }, async () => {
    // one line (`- - - …`) and a staircase 200 deep (its size grows with the square of the depth)
    const oneLine = `${'- '.repeat(1000)}deep\n`;
    const stairs = Array.from({ length: 200 }, (_, i) => `${'  '.repeat(i)}- level ${i}`).join('\n');
    const quotes = `${'> '.repeat(1000)}deep\n`;
    await expectCompletes(`${spec}\n${oneLine}\n${stairs}\n\n${quotes}`);
  });

  it('a 1 MB single line', { timeout: 180_000 }, async () => {
    await expectCompletes(`${spec}\n${'word `code` see [x](y) '.repeat(45_000)}\n`);
    await expectCompletes('|'.repeat(1_000_000));
    await expectCompletes('`'.repeat(500_000) + 'x' + '`'.repeat(500_001));
  });

  it('a long line dense with emphasis and brackets', { timeout: 180_000 }, async () => {
    // micromark resolves emphasis and link labels in time that grows faster than the line (measured: a
    // 200 KB line of `a _b_` takes about three times as long as a 100 KB one), so these stay at 50 KB
    await expectCompletes(`${spec}\n${'a **b** c _d_ '.repeat(3_600)}\n`);
    await expectCompletes('['.repeat(16_000) + '](' .repeat(16_000));
  });

  it('deeply nested emphasis, links and block quotes inside a task', { timeout: 180_000 }, async () => {
    await expectCompletes(`${spec}\n- **T-099:** ${'*_'.repeat(5000)}x${'_*'.repeat(5000)}\n`);
    await expectCompletes(`${'> '.repeat(5000)}- **T-001:** x\n`);
  });
});

describe('bytes that are not clean UTF-8 markdown', () => {
  async function lintBytes(files: Record<string, Buffer>): Promise<Map<string, Diagnostic[]>> {
    const repo = tempRepo();
    try {
      const abs = Object.entries(files).map(([name, bytes]) => repo.write(`tech-specs/${name}`, bytes));
      const config = mergeConfig({}, repo.dir, null);
      const run = await lintMany({ config, files: abs, repo: createRepoIndex(repo.dir), jobs: 0 });
      return new Map(run.outcomes.map((o, i) => [Object.keys(files)[i]!, o!.result.messages]));
    } finally {
      repo.remove();
    }
  }

  it('NUL bytes, invalid UTF-8, a BOM with CRLF line endings', { timeout: 120_000 }, async () => {
    const lf = Buffer.from(spec, 'utf8');
    const crlf = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(spec.replace(/\n/g, '\r\n'), 'utf8')]);
    const nul = Buffer.concat([lf.subarray(0, 200), Buffer.from([0, 0, 0]), lf.subarray(200)]);
    const invalid = Buffer.concat([lf.subarray(0, 300), Buffer.from([0xc3, 0x28, 0xff, 0xfe, 0xed, 0xa0, 0x80]), lf.subarray(300)]);
    const binary = Buffer.from(Array.from({ length: 65_536 }, (_, i) => (i * 7919) % 256));
    const out = await lintBytes({ 'lf.md': lf, 'bom-crlf.md': crlf, 'nul.md': nul, 'invalid.md': invalid, 'binary.md': binary, 'empty.md': Buffer.alloc(0) });
    for (const [name, messages] of out) expect(internalErrors(messages), name).toEqual([]);
    // the BOM and CRLF change nothing: same findings on the same lines
    const key = (ms: Diagnostic[]) => ms.map((m) => `${m.line}:${m.ruleId}`);
    expect(key(out.get('bom-crlf.md')!)).toEqual(key(out.get('lf.md')!));
    // NUL bytes and invalid UTF-8 are reported on the file, not crashed on
    for (const name of ['nul.md', 'invalid.md', 'binary.md', 'empty.md']) {
      expect(out.get(name)!.some((m) => m.ruleId === 'template/readable'), name).toBe(true);
    }
  });

  it('lone surrogates and NUL characters in text given directly', { timeout: 60_000 }, async () => {
    await expectCompletes(`${spec}\n\ud800 \udfff \u0000 \uffff\n`);
  });
});
