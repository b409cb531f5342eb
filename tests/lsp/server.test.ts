/**
 * `spec lsp --stdio` driven as an editor drives it, over stdio with a plain JSON-RPC client: initialize,
 * didOpen, didChange, publishDiagnostics, codeAction, hover, definition, references, symbols, completion,
 * shutdown and exit. The repository is a copy of the fixture repository (tests/fixtures/repo).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { tempFixtureRepo } from '../helpers/cli.js';
import { LspClient } from './client.js';

let repo: { dir: string; cleanup: () => void };
let client: LspClient;
let uri: string;
let text: string;

/** Applies LSP text edits to a text (offsets from 0-based line/character). */
function applyEdits(src: string, edits: Array<{ range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }>): string {
  const starts = [0];
  for (let i = 0; i < src.length; i++) if (src[i] === '\n') starts.push(i + 1);
  const off = (p: { line: number; character: number }) => starts[p.line]! + p.character;
  return [...edits].sort((a, b) => off(b.range.start) - off(a.range.start)).reduce((t, e) => t.slice(0, off(e.range.start)) + e.newText + t.slice(off(e.range.end)), src);
}

const posOf = (t: string, needle: string, delta = 1) => {
  const i = t.indexOf(needle);
  if (i < 0) throw new Error(`not found: ${needle}`);
  const before = t.slice(0, i + delta);
  const line = before.split('\n').length - 1;
  return { line, character: before.length - before.lastIndexOf('\n') - 1 };
};

beforeAll(async () => {
  repo = tempFixtureRepo();
  const file = join(repo.dir, 'tech-specs', 'workspace-invites.md');
  uri = pathToFileURL(file).href;
  text = readFileSync(file, 'utf8');
  client = new LspClient(repo.dir);
  const init = await client.request('initialize', { processId: process.pid, rootUri: pathToFileURL(repo.dir).href, capabilities: {}, initializationOptions: { debounceMs: 20 } });
  expect(init.capabilities.hoverProvider).toBe(true);
  expect(init.capabilities.codeActionProvider).toBeTruthy();
  client.notify('initialized', {});
}, 60_000);

afterAll(async () => {
  client.proc.kill();
  repo.cleanup();
});

describe('spec lsp --stdio', () => {
  it('publishes no diagnostics for a clean spec on open', async () => {
    const d = client.diagnostics(uri, 1);
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    expect((await d).params.diagnostics).toEqual([]);
  });

  it('lints the unsaved buffer on change: the same finding as spec lint, at its line', async () => {
    const broken = text.replace('| US-003 | Revoke a pending invite | T-002, T-004 |', '| US-003 | Revoke a pending invite | T-002 |');
    const d = client.diagnostics(uri, 2);
    client.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: broken }] });
    const diags = (await d).params.diagnostics as Array<{ code: string; range: any; severity: number; source: string }>;
    expect(diags.map((x) => x.code)).toEqual(['trace/mapping-consistent']);
    expect(diags[0]!.source).toBe('spec');
    expect(diags[0]!.severity).toBe(1);
    text = broken;
  });

  it('offers the fix as a quick fix, and a disable comment', async () => {
    const diags = client.notifications.filter((m) => m.method === 'textDocument/publishDiagnostics' && m.params.version === 2).at(-1)!.params.diagnostics;
    const actions = await client.request('textDocument/codeAction', { textDocument: { uri }, range: diags[0].range, context: { diagnostics: diags } });
    const fix = actions.find((a: any) => a.title === 'Fix this trace/mapping-consistent problem');
    expect(fix.kind).toBe('quickfix');
    const fixed = applyEdits(text, fix.edit.changes[uri]);
    expect(fixed).toContain('| US-003 | Revoke a pending invite | T-002, T-004 |');
    const disable = actions.find((a: any) => a.title === 'Disable trace/mapping-consistent for this line');
    const disabled = applyEdits(text, disable.edit.changes[uri]);
    expect(disabled).toContain('<!-- spec-lint-disable-next-line trace/mapping-consistent -- reason -->');
    // applying the quick fix clears the finding
    const d = client.diagnostics(uri, 3);
    client.notify('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ text: fixed }] });
    expect((await d).params.diagnostics).toEqual([]);
    text = fixed;
  });

  it('the disable comment silences the finding (inside a table: around it)', async () => {
    const broken = text.replace('| US-003 | Revoke a pending invite | T-002, T-004 |', '| US-003 | Revoke a pending invite | T-002 |');
    let d = client.diagnostics(uri, 4);
    client.notify('textDocument/didChange', { textDocument: { uri, version: 4 }, contentChanges: [{ text: broken }] });
    const diags = (await d).params.diagnostics;
    const actions = await client.request('textDocument/codeAction', { textDocument: { uri }, range: diags[0].range, context: { diagnostics: diags } });
    const disabled = applyEdits(broken, actions.find((a: any) => a.title.startsWith('Disable')).edit.changes[uri]);
    d = client.diagnostics(uri, 5);
    client.notify('textDocument/didChange', { textDocument: { uri, version: 5 }, contentChanges: [{ text: disabled }] });
    expect((await d).params.diagnostics).toEqual([]);
    d = client.diagnostics(uri, 6);
    client.notify('textDocument/didChange', { textDocument: { uri, version: 6 }, contentChanges: [{ text }] });
    expect((await d).params.diagnostics).toEqual([]);
  });

  it('hovers a task id with its title, files and done condition', async () => {
    const h = await client.request('textDocument/hover', { textDocument: { uri }, position: posOf(text, 'T-001 (schema migration)') });
    expect(h.contents.value).toContain('T-001');
    expect(h.contents.value).toContain('Create the invites table');
    expect(h.contents.value).toContain('migrations/20261102120000_create_invites.sql');
    expect(h.contents.value).toContain('Done condition');
  });

  it('hovers a story id with the PRD\'s story, and a path with whether it exists', async () => {
    const h = await client.request('textDocument/hover', { textDocument: { uri }, position: posOf(text, 'US-002 | Accept') });
    expect(h.contents.value).toContain('US-002');
    expect(h.contents.value).toContain('prds/workspace-invites.md');
    const p = await client.request('textDocument/hover', { textDocument: { uri }, position: posOf(text, 'web/src/api/client.ts', 3) });
    expect(p.contents.value).toMatch(/web\/src\/api\/client\.ts`? (exists|is not)/);
  });

  it('goes to a task\'s definition, and to a story in the PRD', async () => {
    const defs = await client.request('textDocument/definition', { textDocument: { uri }, position: posOf(text, 'T-003, T-004 |') });
    expect(defs).toHaveLength(1);
    expect(defs[0].uri).toBe(uri);
    expect(text.split('\n')[defs[0].range.start.line]).toContain('**T-003**');
    const story = await client.request('textDocument/definition', { textDocument: { uri }, position: posOf(text, 'US-001 |') });
    expect(story[0].uri).toBe(pathToFileURL(join(repo.dir, 'prds', 'workspace-invites.md')).href);
  });

  it('finds references, lists symbols and completes ids', async () => {
    const refs = await client.request('textDocument/references', { textDocument: { uri }, position: posOf(text, '**T-002:**', 3), context: { includeDeclaration: true } });
    expect(refs.length).toBeGreaterThanOrEqual(4);
    const symbols = await client.request('textDocument/documentSymbol', { textDocument: { uri } });
    const names = JSON.stringify(symbols);
    expect(names).toContain('6. Implementation Tasks');
    expect(names).toContain('"T-004"');
    const at = posOf(text, '_Implements:_ US-001, US-002', '_Implements:_ '.length);
    const items = await client.request('textDocument/completion', { textDocument: { uri }, position: at });
    expect(items.map((i: any) => i.label)).toEqual(expect.arrayContaining(['US-001', 'US-002', 'US-003']));
  });

  it('completes repository paths in _Files:_', async () => {
    const line = '    - Modify: `internal/api/invites.go` — add the accept handler';
    const probe = text.replace('>   - Modify: `internal/api/invites.go` — add the accept handler', '>   - Modify: `internal/a');
    let d = client.diagnostics(uri, 7);
    client.notify('textDocument/didChange', { textDocument: { uri, version: 7 }, contentChanges: [{ text: probe }] });
    await d;
    const at = posOf(probe, 'Modify: `internal/a\n', 'Modify: `internal/a'.length);
    const items = await client.request('textDocument/completion', { textDocument: { uri }, position: at });
    expect(items.map((i: any) => i.label)).toContain('internal/api/');
    expect(line).toBeTruthy();
    d = client.diagnostics(uri, 8);
    client.notify('textDocument/didChange', { textDocument: { uri, version: 8 }, contentChanges: [{ text }] });
    expect((await d).params.diagnostics).toEqual([]);
  });

  it('reads the PRD again when it changes on disk', async () => {
    const prd = join(repo.dir, 'prds', 'workspace-invites.md');
    const before = readFileSync(prd, 'utf8');
    writeFileSync(prd, before.replace(/US-003/g, 'US-009'));
    const d = client.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri && m.params.diagnostics.length > 0);
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(prd).href, type: 2 }] });
    const diags = (await d).params.diagnostics;
    expect(diags.map((x: any) => x.message).join('\n')).toMatch(/US-003|US-009/);
    writeFileSync(prd, before);
    const clean = client.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri && m.params.diagnostics.length === 0);
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(prd).href, type: 2 }] });
    await clean;
  });

  it('shuts down and exits 0', async () => {
    await client.request('shutdown', null);
    client.notify('exit', null);
    expect(await client.exited).toBe(0);
  });
});
