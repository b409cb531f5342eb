import { beforeEach, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mergeConfig, type EffectiveConfig } from '../../src/lint/config.js';
import {
  changedSince,
  filterSpecPaths,
  hasMigrations,
  parseNameStatus,
  prdReferences,
  selectChanged,
  selectChangedSince,
  selectStaged,
  stagedSpecs,
} from '../../src/lint/changed.js';
import { UsageError } from '../../src/errors.js';
import { fixtureConfig, git, useFixtureGitRepo } from './git-helpers.js';

const INVITES = 'tech-specs/workspace-invites.md';
const LOOKUP = 'tech-specs/member-lookup-index.md';
const PRD = 'prds/workspace-invites.md';

const plainSpec = `# Tech Spec: Docs tidy-up

**Type:** Engineering-initiated
**Author:** A
**Last updated:** 2026-01-01
**Status:** Draft

## 1. Overview

Nothing here touches the database.
`;

describe('pure helpers', () => {
  it('parses git diff --name-status -z, renames included', () => {
    expect(parseNameStatus('M\0a.md\0R087\0old.md\0new.md\0D\0gone.md\0A\0x y.md\0')).toEqual([
      { status: 'M', path: 'a.md' },
      { status: 'R', path: 'new.md', oldPath: 'old.md' },
      { status: 'D', path: 'gone.md' },
      { status: 'A', path: 'x y.md' },
    ]);
    expect(parseNameStatus('')).toEqual([]);
  });

  it('reads the PRD a spec names, however it is written', () => {
    const spec = (v: string) => `# Tech Spec: X\n\n**Type:** PRD-driven\n**PRD:** ${v}\n\n## 1. Overview\n\n**PRD:** prds/not-this-one.md\n`;
    expect(prdReferences(spec('prds/a.md'), INVITES)).toContain('prds/a.md');
    expect(prdReferences(spec('/prds/a.md'), INVITES)).toContain('prds/a.md');
    expect(prdReferences(spec('`prds/a.md`'), INVITES)).toContain('prds/a.md');
    expect(prdReferences(spec('[the PRD](../prds/a.md)'), INVITES)).toContain('prds/a.md');
    expect(prdReferences(spec('[prds/a.md](../prds/a.md)'), INVITES)).toContain('prds/a.md');
    expect(prdReferences(spec('[`prds/a.md`](https://git.example/app/blob/main/prds/a.md)'), INVITES)).toEqual(['prds/a.md']);
    expect(prdReferences(spec('prds/my%20prd.md'), INVITES)).toContain('prds/my prd.md');
    expect(prdReferences(spec('https://wiki.example/prd'), INVITES)).toEqual([]);
    expect(prdReferences('# Tech Spec: X\n\n**Type:** Engineering-initiated\n', INVITES)).toEqual([]);
  });

  it('knows which specs carry migrations', () => {
    const config = mergeConfig({}, '/r');
    expect(hasMigrations('```sql\n-- +goose Up\nCREATE TABLE t ();\n```', config)).toBe(true);
    expect(hasMigrations('#### `migrations/20260101000000_x.sql`', config)).toBe(true);
    expect(hasMigrations(plainSpec, config)).toBe(false);
  });

  it('keeps only specs from file names passed by pre-commit or lint-staged, silently', () => {
    const root = '/r';
    const config = mergeConfig({ ignores: ['tech-specs/drafts/**'] }, root);
    const kept = filterSpecPaths(
      [
        'tech-specs/a.md',
        '/r/tech-specs/completed/b.md',
        'tech-specs/README.md',
        'tech-specs/notes.txt',
        'tech-specs/drafts/c.md',
        'prds/x.md',
        'README.md',
        '../elsewhere/tech-specs/d.md',
        'tech-specs/a.md',
      ],
      config,
      root,
    );
    expect(kept).toEqual(['/r/tech-specs/a.md', '/r/tech-specs/completed/b.md']);
  });
});

describe('--staged', () => {
  const repo = useFixtureGitRepo();
  const { p, read } = repo;
  let config: EffectiveConfig;
  beforeEach(() => {
    config = fixtureConfig(repo.dir);
  });
  const edit = (rel: string, f: (s: string) => string) => writeFileSync(p(rel), f(readFileSync(p(rel), 'utf8')));

  it('lints nothing when nothing is staged', () => {
    edit(INVITES, (s) => s + '\nunstaged change\n');
    const sel = selectStaged(config, undefined, repo.dir);
    expect(sel.files).toEqual([]);
    // every spec is still context for cross-file checks
    expect(sel.contextFiles).toEqual([p(LOOKUP), p(INVITES)]);
  });

  it('reads the staged content, not the working tree', () => {
    edit(INVITES, (s) => s.replace('# Tech Spec: Workspace invites', '# Tech Spec: STAGED title'));
    git(repo.dir, 'add', INVITES);
    edit(INVITES, (s) => s.replace('# Tech Spec: STAGED title', '# Tech Spec: WORKTREE title'));
    const sel = selectStaged(config, undefined, repo.dir);
    expect(sel.files).toEqual([p(INVITES)]);
    expect(sel.contents!.get(p(INVITES))).toContain('STAGED title');
    expect(sel.contents!.get(p(INVITES))).not.toContain('WORKTREE');
    expect(sel.contextFiles).toEqual([p(LOOKUP)]);
    const staged = stagedSpecs(repo.dir, config, undefined, repo.dir);
    expect([...staged.keys()]).toEqual([p(INVITES)]);
    expect(staged.get(p(INVITES))).toContain('STAGED title');
  });

  it('lints a renamed spec under its new name', () => {
    git(repo.dir, 'mv', INVITES, 'tech-specs/invites-v2.md');
    const sel = selectStaged(config, undefined, repo.dir);
    expect(sel.files).toEqual([p('tech-specs/invites-v2.md')]);
    expect(sel.contents!.get(p('tech-specs/invites-v2.md'))).toContain('# Tech Spec: Workspace invites');
  });

  it('re-lints the specs that name a staged PRD, with the PRD as staged', () => {
    edit(PRD, (s) => s + '\n### US-004: STAGED story\n');
    git(repo.dir, 'add', PRD);
    edit(PRD, (s) => s.replace('STAGED story', 'WORKTREE story'));
    const sel = selectStaged(config, undefined, repo.dir);
    expect(sel.files).toEqual([p(INVITES)]);
    expect(sel.prdTexts!.get(PRD)).toContain('US-004: STAGED story');
  });

  it('re-lints the specs that still name a PRD that was renamed away', () => {
    git(repo.dir, 'mv', PRD, 'prds/invites.md');
    expect(selectStaged(config, undefined, repo.dir).files).toEqual([p(INVITES)]);
  });

  it('re-lints every spec with migrations when a migration changes', () => {
    mkdirSync(p('tech-specs'), { recursive: true });
    writeFileSync(p('tech-specs/docs-tidy.md'), plainSpec);
    git(repo.dir, 'add', '-A');
    git(repo.dir, 'commit', '-q', '-m', 'plain spec');
    writeFileSync(p('migrations/20261102120000_create_invites.sql'), '-- +goose Up\nSELECT 1;\n-- +goose Down\nSELECT 1;\n');
    git(repo.dir, 'add', 'migrations');
    expect(selectStaged(config, undefined, repo.dir).files).toEqual([p(LOOKUP), p(INVITES)]);
  });

  it('re-lints everything when the config changes', () => {
    writeFileSync(p('spec.config.json'), '{ "paths": { "migrations": "migrations" }, "rules": {} }\n');
    git(repo.dir, 'add', 'spec.config.json');
    expect(selectStaged(config, undefined, repo.dir).files).toEqual([p(LOOKUP), p(INVITES)]);
  });

  it('takes file names given on the command line as the changed set, skipping non-specs', () => {
    const sel = selectStaged(config, ['README.md', 'go.mod', 'internal/api/router.go', PRD, 'tech-specs/nope.txt'], repo.dir);
    expect(sel.files).toEqual([p(INVITES)]);
    expect(selectStaged(config, [LOOKUP, 'web/src/App.tsx'], repo.dir).files).toEqual([p(LOOKUP)]);
    // an untracked spec named explicitly is linted from disk
    writeFileSync(p('tech-specs/new.md'), plainSpec);
    const withNew = selectStaged(config, ['tech-specs/new.md'], repo.dir);
    expect(withNew.files).toEqual([p('tech-specs/new.md')]);
    expect(withNew.contents!.get(p('tech-specs/new.md'))).toBe(plainSpec);
  });

  it('works when the config root is a subdirectory of the git work tree (monorepo)', () => {
    mkdirSync(p('services/api/tech-specs'), { recursive: true });
    mkdirSync(p('services/api/prds'), { recursive: true });
    writeFileSync(p('services/api/spec.config.json'), '{}\n');
    writeFileSync(p('services/api/prds/api.md'), '# PRD: API\n');
    writeFileSync(p('services/api/tech-specs/api.md'), plainSpec.replace('**Author:** A', '**PRD:** prds/api.md\n**Author:** A'));
    writeFileSync(p('services/api/tech-specs/other.md'), plainSpec);
    git(repo.dir, 'add', '-A');
    git(repo.dir, 'commit', '-q', '-m', 'api service');
    const sub = mergeConfig({}, p('services/api'), p('services/api/spec.config.json'));
    writeFileSync(p('services/api/prds/api.md'), '# PRD: API v2\n');
    writeFileSync(p(INVITES), read(INVITES) + '\nnot in this root\n');
    git(repo.dir, 'add', '-A');
    const sel = selectStaged(sub, undefined, p('services/api'));
    expect(sel.files).toEqual([p('services/api/tech-specs/api.md')]);
    expect(sel.contextFiles).toEqual([p('services/api/tech-specs/other.md')]);
    expect(sel.prdTexts!.get('prds/api.md')).toBe('# PRD: API v2\n');
  });

  it('refuses --staged outside a git repository, and --staged with --changed-since', () => {
    const dir = realpathSync(mkdtempSync(join(tmpdir(), 'spec-nogit-')));
    try {
      const c = mergeConfig({}, dir);
      expect(() => selectStaged(c, undefined, dir)).toThrow(UsageError);
      expect(() => selectStaged(c, undefined, dir)).toThrow(/needs a git repository/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(() => selectChanged(config, { staged: true, changedSince: 'main', paths: [], cwd: repo.dir })).toThrow(/cannot be used together/);
  });
});

describe('--changed-since', () => {
  const repo = useFixtureGitRepo();
  const { p } = repo;
  let config: EffectiveConfig;
  beforeEach(() => {
    config = fixtureConfig(repo.dir);
    git(repo.dir, 'checkout', '-q', '-b', 'feature');
  });
  const edit = (rel: string, f: (s: string) => string) => writeFileSync(p(rel), f(readFileSync(p(rel), 'utf8')));

  it('lints nothing on a branch without changes', () => {
    expect(changedSince(repo.dir, 'main', config)).toEqual([]);
  });

  it('lints a spec whose PRD changed although the spec did not', () => {
    edit(PRD, (s) => s + '\n### US-004: Export invites\n');
    git(repo.dir, 'commit', '-q', '-am', 'prd: new story');
    const sel = selectChangedSince(config, 'main');
    expect(sel.files).toEqual([p(INVITES)]);
    expect(sel.contextFiles).toEqual([p(LOOKUP)]);
  });

  it('includes committed, uncommitted and untracked changes, and renames', () => {
    git(repo.dir, 'mv', LOOKUP, 'tech-specs/lookup.md');
    git(repo.dir, 'commit', '-q', '-m', 'rename');
    writeFileSync(p('tech-specs/untracked.md'), plainSpec);
    expect(changedSince(repo.dir, 'main', config)).toEqual([p('tech-specs/lookup.md'), p('tech-specs/untracked.md')]);
    edit(INVITES, (s) => s + '\nuncommitted\n');
    expect(changedSince(repo.dir, 'main', config)).toContain(p(INVITES));
  });

  it('compares with the merge base: changes on the base branch after branching are not ours', () => {
    git(repo.dir, 'checkout', '-q', 'main');
    edit(LOOKUP, (s) => s + '\nmain moved on\n');
    git(repo.dir, 'commit', '-q', '-am', 'main change');
    git(repo.dir, 'checkout', '-q', 'feature');
    edit(INVITES, (s) => s + '\nfeature change\n');
    git(repo.dir, 'commit', '-q', '-am', 'feature change');
    expect(changedSince(repo.dir, 'main', config)).toEqual([p(INVITES)]);
  });

  it('narrows to the paths given on the command line', () => {
    edit(INVITES, (s) => s + '\nx\n');
    edit(LOOKUP, (s) => s + '\nx\n');
    const sel = selectChanged(config, { changedSince: 'main', paths: [LOOKUP], cwd: repo.dir, narrow: (ps) => ps.map((x) => p(x)) });
    expect(sel.files).toEqual([p(LOOKUP)]);
    expect(sel.contextFiles).toContain(p(INVITES));
  });

  it('says what to do about an unknown ref', () => {
    expect(() => changedSince(repo.dir, 'origin/nope', config)).toThrow(UsageError);
    expect(() => changedSince(repo.dir, 'origin/nope', config)).toThrow(/unknown git ref "origin\/nope"/);
    expect(() => changedSince(repo.dir, '--output=x', config)).toThrow(/invalid git ref/);
  });
});
