/** The language server is loaded only by `spec lsp`: `spec lint` never requires vscode-languageserver. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempFixtureRepo } from '../helpers/cli.js';
import { LspClient } from './client.js';
import { pathToFileURL } from 'node:url';

let repo: { dir: string; cleanup: () => void };
let hook: string;
beforeAll(() => {
  repo = tempFixtureRepo();
  hook = join(repo.dir, 'load-hook.cjs');
  // every require() of a vscode-languageserver module is told on stderr
  writeFileSync(
    hook,
    "const M = require('node:module'); const load = M._load; M._load = function (req, ...rest) { if (String(req).includes('vscode-languageserver')) process.stderr.write('LOADED ' + req + '\\n'); return load.call(this, req, ...rest); };\n",
  );
});
afterAll(() => repo.cleanup());

describe('lazy loading', () => {
  it('spec lint does not load vscode-languageserver', () => {
    const r = runCli(['lint', 'tech-specs/'], { cwd: repo.dir, env: { NODE_OPTIONS: `--require ${hook}` } });
    expect(r.status).toBe(0);
    expect(r.stderr).not.toContain('LOADED');
  });
  it('spec lsp does (the control), from the bundle and from the ES modules', async () => {
    const envs: Array<Record<string, string>> = [{ NODE_OPTIONS: `--require ${hook}` }, { NODE_OPTIONS: `--require ${hook}`, SPEC_BUNDLE: '0' }];
    for (const env of envs) {
      const client = new LspClient(repo.dir, ['lsp', '--stdio'], env);
      const init = await client.request('initialize', { processId: process.pid, rootUri: pathToFileURL(repo.dir).href, capabilities: {} });
      expect(init.capabilities.definitionProvider).toBe(true);
      await client.request('shutdown', null);
      client.notify('exit', null);
      expect(await client.exited).toBe(0);
      if (!env.SPEC_BUNDLE) expect(client.stderr).toContain('LOADED vscode-languageserver');
    }
  });
});
