/** Shared helpers for the generator tests: temporary repositories and captured output streams. */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mergeConfig, type RawConfig, type EffectiveConfig } from '../../src/lint/config.js';

export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const fixtureRepo = join(projectRoot, 'tests', 'fixtures', 'repo');
/** The lint-clean PRD-driven example spec of the fixture repository. */
export const cleanSpec = readFileSync(join(fixtureRepo, 'tech-specs', 'workspace-invites.md'), 'utf8');
export const prdText = readFileSync(join(fixtureRepo, 'prds', 'workspace-invites.md'), 'utf8');

export interface TempRepo {
  dir: string;
  config: EffectiveConfig;
  write(rel: string, content: string): void;
  read(rel: string): string;
  cleanup(): void;
}

/** A temporary copy of tests/fixtures/repo without the generated spec (the output of `spec new`). */
export function tempRepo(raw: RawConfig = { paths: { migrations: 'migrations' } }): TempRepo {
  const dir = mkdtempSync(join(tmpdir(), 'spec-new-'));
  cpSync(fixtureRepo, dir, { recursive: true });
  rmSync(join(dir, 'tech-specs', 'workspace-invites.md'));
  writeFileSync(join(dir, 'spec.config.json'), JSON.stringify(raw));
  return {
    dir,
    config: mergeConfig(raw, dir, join(dir, 'spec.config.json')),
    write(rel, content) {
      mkdirSync(dirname(join(dir, rel)), { recursive: true });
      writeFileSync(join(dir, rel), content);
    },
    read: (rel) => readFileSync(join(dir, rel), 'utf8'),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export class Capture {
  text = '';
  isTTY = false;
  write(s: string): boolean {
    this.text += s;
    return true;
  }
}

/** A PRD full of what a template engine or an HTML escaper would mangle. */
export const NASTY = [
  '# PRD: Templates {{#each x}} & <friends>',
  '',
  '### US-001: Render `{{name}}` safely',
  '',
  'As a user I type {{{triple}}}, {{> partial}}, {{!comment}}, \\{{escaped}}, <script>alert("x")</script> & &amp; ``` and `back-ticks`.',
  '',
  '**Acceptance criteria:**',
  '- `{{` stays `{{`, `<b>` stays `<b>`, `&` stays `&`',
  '',
].join('\n');
