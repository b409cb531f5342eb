/**
 * The schema rules (goose/schema-reference, no-transaction, backward-compatible, lock-safety, data-model)
 * stay silent on correct migrations written by others: goose's own conformance migrations (each directory
 * as a repository's migrations, each file as the spec's newest), the fixture repository's and the
 * project's own specs, and the realistic samples in ../shared/samples when they are there.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fixtureRepo, lintCase } from '../helpers/rule-tester.js';
import { rules as gooseRules } from '../../src/rules/goose/index.js';
import { conformanceDir, withoutDataModel, withSql } from '../rules/goose/helpers.js';

const SCHEMA_RULES = ['goose/schema-reference', 'goose/no-transaction', 'goose/backward-compatible', 'goose/lock-safety', 'goose/data-model'];
const schemaRules = gooseRules.filter((r) => SCHEMA_RULES.includes(r.meta.id));
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const show = (ms: Array<{ line: number; ruleId: string; message: string }>) => ms.map((m) => `${m.line}: ${m.ruleId}: ${m.message}`);

/** Every directory of goose's conformance data that holds .sql migrations, with its files in name order. */
function conformanceSets(): Array<{ dir: string; files: string[] }> {
  const out: Array<{ dir: string; files: string[] }> = [];
  const visit = (rel: string) => {
    const abs = join(conformanceDir, rel);
    const entries = readdirSync(abs, { withFileTypes: true });
    const files = entries.filter((e) => e.isFile() && e.name.endsWith('.sql') && !e.name.includes('golden')).map((e) => e.name).sort();
    if (files.length) out.push({ dir: rel, files });
    for (const e of entries) if (e.isDirectory()) visit(join(rel, e.name));
  };
  visit('.');
  return out;
}

describe('schema rules on goose conformance migrations', () => {
  for (const { dir, files } of conformanceSets()) {
    if (dir.startsWith('invalid')) continue; // goose refuses those: goose/annotations reports them
    files.forEach((file, i) => {
      it(`${dir}/${file}: the earlier files are the repository's migrations`, async () => {
        const sqlText = readFileSync(join(conformanceDir, dir, file), 'utf8');
        const earlier = Object.fromEntries(files.slice(0, i).map((f) => [`migrations/${f}`, readFileSync(join(conformanceDir, dir, f), 'utf8')]));
        // a directory of its own: the fixture's migrations are not part of goose's sequence
        const files_ = { 'migrations/20260101090000_create_workspaces.sql': null, 'migrations/20260101090500_create_workspace_members.sql': null, ...earlier };
        const messages = await lintCase(schemaRules, { name: file, spec: withSql(sqlText, withoutDataModel()), files: files_ });
        expect(show(messages)).toEqual([]);
      });
    });
  }
});

describe('schema rules on the fixture repository and the project specs', () => {
  for (const rel of ['tech-specs/workspace-invites.md', 'tech-specs/member-lookup-index.md']) {
    it(`tests/fixtures/repo/${rel}`, async () => {
      const messages = await lintCase(schemaRules, { name: rel, spec: readFileSync(join(fixtureRepo, rel), 'utf8') });
      expect(show(messages)).toEqual([]);
    });
  }
  const projectSpecs: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(join(root, d), { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else if (e.name.endsWith('.md')) projectSpecs.push(join(d, e.name));
    }
  };
  walk('tech-specs');
  for (const rel of projectSpecs) {
    it(`the project's ${rel}`, async () => {
      const messages = await lintCase(schemaRules, { name: rel, spec: readFileSync(join(root, rel), 'utf8') });
      expect(show(messages)).toEqual([]);
    });
  }
  const samples = resolve(root, '..', 'shared', 'samples');
  const sampleFiles = existsSync(samples) ? readdirSync(samples).filter((f) => /^\d.*\.md$/.test(f)) : [];
  for (const f of sampleFiles) {
    it(`../shared/samples/${f}`, async () => {
      const messages = await lintCase(schemaRules, { name: f, spec: readFileSync(join(samples, f), 'utf8') });
      expect(show(messages)).toEqual([]);
    });
  }
});
