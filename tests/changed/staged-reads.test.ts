/**
 * `--staged` reads only the staged content the run needs: the linted specs, their PRDs, and the context specs
 * a migration-version question can reach (from the work tree when its bytes are the staged blob). The lint
 * results must be exactly those of a run that reads every spec's staged content from the index.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { rmSync, statSync, writeFileSync } from 'node:fs';
import fc from 'fast-check';
import type { EffectiveConfig } from '../../src/lint/config.js';
import { blobId, candidatesAmong, holdsCharacterReference, indexEntries, readIndex, selectStaged, StagedReader, type WorktreeStamp } from '../../src/lint/changed.js';
import { versionCandidates } from '../../src/lint/crossspec.js';
import { lintRun } from '../../src/lint/workers.js';
import { createRepoIndex } from '../../src/lint/repo.js';
import type { FileResult } from '../../src/lint/types.js';
import { fixtureConfig, git, useFixtureGitRepo } from './git-helpers.js';

const INVITES = 'tech-specs/workspace-invites.md';
const LOOKUP = 'tech-specs/member-lookup-index.md';
const INVITES_VERSION = '20261102120000';
const LOOKUP_VERSION = '20261028100000';

describe('version candidates from bytes', () => {
  const CHARACTER_REFERENCE = /&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/;
  const piece = fc.constantFrom('1', '12', '0042', '_', '\\', '\\_', '&', '#', ';', 'x', 'X', 'a', 'Z', 'é', '€', '𝄞', ' ', '\n', '`', '/', 'amp', '#x1F', '#50');
  const text = fc.array(fc.oneof(piece, fc.string({ maxLength: 4 })), { maxLength: 40 }).map((a) => a.join(''));

  it('equal versionCandidates on the decoded text', () => {
    fc.assert(
      fc.property(text, (t) => {
        expect(candidatesAmong(Buffer.from(t, 'utf8'))).toEqual(versionCandidates(t));
      }),
      { numRuns: 2000, seed: 7 },
    );
  });

  it('restricted to the versions asked about', () => {
    fc.assert(
      fc.property(text, fc.array(fc.constantFrom('1', '12', '0042', '2', '42'), { maxLength: 3 }), (t, asked) => {
        const all = versionCandidates(t);
        const expected = all === null ? null : all.filter((v) => (asked as string[]).includes(v));
        expect(candidatesAmong(Buffer.from(t, 'utf8'), new Set(asked))).toEqual(expected);
      }),
      { numRuns: 2000, seed: 11 },
    );
  });

  it('finds character references as the pattern does', () => {
    fc.assert(
      fc.property(text, (t) => {
        expect(holdsCharacterReference(Buffer.from(t, 'utf8'))).toBe(CHARACTER_REFERENCE.test(t));
      }),
      { numRuns: 3000, seed: 3 },
    );
    for (const t of ['&amp;', '&#50;', '&#x32;', '&#12345678;', '&#x1234567;', '&a;', '&ab;', '&' + 'a'.repeat(33) + ';', 'a&', '&#;', '&#x;'])
      expect(holdsCharacterReference(Buffer.from(t)), t).toBe(CHARACTER_REFERENCE.test(t));
  });

  it('git blob ids', () => {
    // `git hash-object` of "hello\n"
    expect(blobId(Buffer.from('hello\n'))).toBe('ce013625030ba8dba906f756967f9e9ca394464a');
  });
});

describe('--staged reads what the run needs, with the same results', () => {
  const repo = useFixtureGitRepo();
  const { p, read } = repo;
  let config: EffectiveConfig;
  beforeEach(() => {
    config = fixtureConfig(repo.dir);
  });
  const write = (rel: string, text: string | Buffer) => writeFileSync(p(rel), text);
  const stage = (...rels: string[]) => git(repo.dir, 'add', '--', ...rels);
  const commit = () => git(repo.dir, 'commit', '-q', '-m', 'x');

  /** The old way: every spec's staged content from the index, candidates computed by the runner. */
  async function reference(): Promise<FileResult[]> {
    const sel = selectStaged(config, undefined, repo.dir);
    const top = repo.dir;
    const entries = indexEntries(top);
    const specs = [...entries.keys()].filter((k) => k.startsWith('tech-specs/') && k.endsWith('.md'));
    const texts = readIndex(top, specs);
    const contents = new Map([...texts].map(([k, v]) => [p(k), v]));
    for (const f of sel.files) if (!contents.has(f)) contents.set(f, sel.contents!.get(f)!);
    return (await lintRun({ config, files: sel.files, contextFiles: sel.contextFiles, contents, prdTexts: sel.prdTexts!, repo: createRepoIndex(repo.dir), jobs: 0 })).results;
  }

  async function staged(known?: Map<string, import('../../src/lint/crossspec.js').VersionCandidates>): Promise<{ results: FileResult[]; sel: ReturnType<typeof selectStaged> }> {
    const sel = selectStaged(config, undefined, repo.dir, known ? { knownCandidates: known } : {});
    const linted = new Set(sel.files);
    const order = [...sel.files, ...sel.contextFiles.filter((f) => !linted.has(f))];
    const candidates = order.map((f) => sel.candidates!.get(f)!);
    const run = await lintRun({ config, files: sel.files, contextFiles: sel.contextFiles, contents: sel.contents!, prdTexts: sel.prdTexts!, repo: createRepoIndex(repo.dir), jobs: 0, candidates });
    return { results: run.results, sel };
  }

  const versionClashes = (results: FileResult[]) => results.flatMap((r) => r.messages.filter((m) => m.ruleId === 'goose/version-unique').map((m) => m.message));

  it('a context spec that can hold no version asked about is not handed over; one that can is', async () => {
    write(INVITES, read(INVITES) + '\nA prose edit.\n');
    stage(INVITES);
    const { sel, results } = await staged();
    expect(sel.files).toEqual([p(INVITES)]);
    expect(sel.contextFiles).toEqual([p(LOOKUP)]);
    // LOOKUP's bytes in the work tree are the staged blob: read there, not handed over as a string
    expect(sel.contents!.has(p(LOOKUP))).toBe(false);
    expect(sel.candidates!.get(p(LOOKUP))).toEqual([]);
    expect(sel.candidates!.get(p(INVITES))).toContain(INVITES_VERSION);
    expect(sel.blobs!.ids.get(p(LOOKUP))).toBe(indexEntries(repo.dir).get(LOOKUP));
    expect(sel.blobs!.candidates.get(sel.blobs!.ids.get(p(LOOKUP))!)).toContain(LOOKUP_VERSION);
    expect(results).toEqual(await reference());
  });

  it('a clash in the staged content of another spec is found, whatever its work tree says', async () => {
    write(LOOKUP, read(LOOKUP).replaceAll(LOOKUP_VERSION, INVITES_VERSION));
    stage(LOOKUP);
    commit();
    write(LOOKUP, read(LOOKUP).replaceAll(INVITES_VERSION, LOOKUP_VERSION)); // unstaged: no clash on disk
    write(INVITES, read(INVITES) + '\nA prose edit.\n');
    stage(INVITES);
    const { sel, results } = await staged();
    expect(sel.contents!.get(p(LOOKUP))).toContain(INVITES_VERSION); // from the index
    expect(versionClashes(results).length).toBeGreaterThan(0);
    expect(results).toEqual(await reference());
  });

  it('no clash in the staged content, one in the work tree: none reported', async () => {
    write(LOOKUP, read(LOOKUP).replaceAll(LOOKUP_VERSION, INVITES_VERSION)); // unstaged
    write(INVITES, read(INVITES) + '\nA prose edit.\n');
    stage(INVITES);
    const { results } = await staged();
    expect(versionClashes(results)).toEqual([]);
    expect(results).toEqual(await reference());
  });

  it('a context spec deleted from the work tree, one with a character reference, one that is not UTF-8', async () => {
    const lookup = read(LOOKUP);
    write('tech-specs/charref.md', lookup.replaceAll(LOOKUP_VERSION, INVITES_VERSION).replace('# Tech Spec:', '# Tech Spec: R&amp;D'));
    write('tech-specs/latin1.md', Buffer.concat([Buffer.from(lookup.replaceAll(LOOKUP_VERSION, INVITES_VERSION)), Buffer.from([0xff, 0xfe, 0x0a])]));
    write('tech-specs/gone.md', lookup.replaceAll(LOOKUP_VERSION, INVITES_VERSION));
    stage('tech-specs');
    commit();
    rmSync(p('tech-specs/gone.md'));
    write(INVITES, read(INVITES) + '\nA prose edit.\n');
    stage(INVITES);
    const { sel, results } = await staged();
    expect(sel.candidates!.get(p('tech-specs/charref.md'))).toBeNull();
    expect(sel.contents!.has(p('tech-specs/latin1.md'))).toBe(true); // not clean UTF-8: handed over as read
    expect(sel.contents!.has(p('tech-specs/gone.md'))).toBe(true); // only in the index
    expect(versionClashes(results).length).toBeGreaterThan(0);
    expect(results).toEqual(await reference());
  });

  it('known candidates (the cache\'s) spare reading the specs no question reaches, with the same results', async () => {
    write(INVITES, read(INVITES) + '\nA prose edit.\n');
    stage(INVITES);
    const first = await staged();
    // the known table as the cache keeps it, then the context spec's work tree made unreadable as staged
    const known = new Map(first.sel.blobs!.candidates);
    write(LOOKUP, 'not the staged content\n');
    const second = await staged(known);
    expect(second.sel.contents!.has(p(LOOKUP))).toBe(false);
    expect(second.sel.candidates!.get(p(LOOKUP))).toEqual([]);
    expect(second.results).toEqual(first.results);
    expect(second.results).toEqual(await reference());
  });

  it('nothing to ask: no context spec is read', async () => {
    write('tech-specs/plain.md', '# Tech Spec: Plain\n\nNo migrations at all.\n');
    stage('tech-specs/plain.md');
    const { sel, results } = await staged();
    expect(sel.files).toEqual([p('tech-specs/plain.md')]);
    for (const f of sel.contextFiles) expect(sel.candidates!.get(f)).toEqual([]);
    expect(sel.contents!.size).toBe(1);
    expect(results).toEqual(await reference());
  });

  it('readAll hands every staged spec over (runs that read every model)', () => {
    write(INVITES, read(INVITES) + '\nA prose edit.\n');
    stage(INVITES);
    const sel = selectStaged(config, undefined, repo.dir, { readAll: true });
    expect(sel.contents!.get(p(LOOKUP))).toBe(read(LOOKUP));
  });

  it('work-tree stamps: trusted only when the blob, size, times and inode match and the file is not racy', () => {
    const entries = indexEntries(repo.dir);
    const st = statSync(p(LOOKUP));
    const oid = entries.get(LOOKUP)!;
    const later = Math.max(st.mtimeMs, st.ctimeMs) + 10_000;
    const stamp: WorktreeStamp = [oid, st.size, st.mtimeMs, st.ctimeMs, st.ino, later, 1];
    const trusts = (s: WorktreeStamp) => new StagedReader(repo.dir, entries, new Map([[LOOKUP, s]])).trusted(LOOKUP);
    expect(trusts(stamp)).toBe(true);
    expect(trusts(['0'.repeat(40), ...stamp.slice(1)] as WorktreeStamp)).toBe(false); // another blob
    expect(trusts([oid, st.size + 1, st.mtimeMs, st.ctimeMs, st.ino, later, 1])).toBe(false);
    expect(trusts([oid, st.size, st.mtimeMs - 1, st.ctimeMs, st.ino, later, 1])).toBe(false);
    expect(trusts([oid, st.size, st.mtimeMs, st.ctimeMs, st.ino, Math.max(st.mtimeMs, st.ctimeMs) + 500, 1])).toBe(false); // racy
    expect(trusts([oid, st.size, st.mtimeMs, st.ctimeMs, st.ino, later, 0])).toBe(false); // not clean UTF-8: read it
    // a read records a stamp
    const reader = new StagedReader(repo.dir, entries);
    reader.worktreeBytes(LOOKUP);
    expect(reader.stamps.get(LOOKUP)?.slice(0, 5)).toEqual([oid, st.size, st.mtimeMs, st.ctimeMs, st.ino]);
  });

  it('known candidates and trusted stamps: a context spec a question can reach is not read either, same results', async () => {
    // LOOKUP holds the linted spec's version in its staged content (and in its work tree)
    write(LOOKUP, read(LOOKUP).replaceAll(LOOKUP_VERSION, INVITES_VERSION));
    stage(LOOKUP);
    commit();
    write(INVITES, read(INVITES) + '\nA prose edit.\n');
    stage(INVITES);
    const first = await staged();
    expect(first.sel.contents!.has(p(LOOKUP))).toBe(false);
    const stamps = new Map([...first.sel.blobs!.stamps].map(([k, st]) => [k, [...st.slice(0, 5), Date.now() + 10_000, st[6]] as WorktreeStamp]));
    expect(stamps.has(LOOKUP)).toBe(true);
    const sel = selectStaged(config, undefined, repo.dir, { knownCandidates: first.sel.blobs!.candidates, worktreeStamps: stamps });
    expect(sel.candidates!.get(p(LOOKUP))).toEqual([INVITES_VERSION]);
    expect(sel.blobs!.stamps.get(LOOKUP)).toEqual(stamps.get(LOOKUP)); // trusted, not read again
    expect(versionClashes(first.results).length).toBeGreaterThan(0);
    expect(first.results).toEqual(await reference());
  });

  it('StagedReader: work-tree bytes only when they are the staged blob', () => {
    const entries = indexEntries(repo.dir);
    const reader = new StagedReader(repo.dir, entries);
    expect(reader.worktreeBytes(LOOKUP)?.toString('utf8')).toBe(read(LOOKUP));
    write(INVITES, 'changed\n');
    const texts = new StagedReader(repo.dir, entries).texts([INVITES, LOOKUP, 'tech-specs/none.md']);
    expect(texts.get(INVITES)).toContain('# Tech Spec: Workspace invites');
    expect(texts.get(LOOKUP)).toBe(read(LOOKUP));
    expect(texts.has('tech-specs/none.md')).toBe(false);
  });
});
