#!/usr/bin/env node
// Per-spec time of the schema rules (goose/schema-reference, no-transaction, backward-compatible,
// lock-safety, data-model) once libpg-query is loaded, on the realistic corpus (bench/corpus.mjs) and on a
// repository with many existing migrations. Target: well under 50 ms per spec.
//
//   node bench/schema-rules.mjs [--n 200] [--existing 300]      (needs a build: dist/)
import { mkdtempSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ensureCorpus } from './corpus.mjs';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const dist = (p) => pathToFileURL(join(root, 'dist', p)).href;
const { lintFiles } = await import(dist('lint/engine.js'));
const { mergeConfig } = await import(dist('lint/config.js'));
const { rules } = await import(dist('rules/goose/index.js'));
const args = process.argv.slice(2);
const opt = (name, def) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : def);
const n = opt('--n', 200);
const extra = opt('--existing', 300);
const ids = ['goose/schema-reference', 'goose/no-transaction', 'goose/backward-compatible', 'goose/lock-safety', 'goose/data-model'];
const schemaRules = rules.filter((r) => ids.includes(r.meta.id));

async function measure(label, dir) {
  const config = mergeConfig({}, dir, null);
  const specs = join(dir, 'tech-specs');
  const files = readdirSync(specs).filter((f) => f.endsWith('.md')).map((f) => join(specs, f));
  // warm-up: load libpg-query and build the base schema once
  await lintFiles({ config, files: files.slice(0, 1), rules: schemaRules });
  const time = async (rs) => {
    const t = performance.now();
    const run = await lintFiles({ config, files, rules: rs });
    return { ms: performance.now() - t, found: run.results.reduce((a, r) => a + r.messages.length, 0) };
  };
  // the rules that already parse every migration (goose/sql-syntax), then those plus the schema rules: the
  // difference is what the schema model costs (reading and parsing the specs is in both)
  const sqlSyntax = rules.filter((r) => r.meta.id === 'goose/sql-syntax');
  // alternating, best of three: the machine may be shared
  let before = { ms: Infinity, found: 0 };
  let after = { ms: Infinity, found: 0 };
  for (let i = 0; i < 3; i++) {
    const b = await time(sqlSyntax);
    if (b.ms < before.ms) before = b;
    const a = await time([...sqlSyntax, ...schemaRules]);
    if (a.ms < after.ms) after = a;
  }
  const per = (x) => (x / files.length).toFixed(2);
  console.log(
    `${label}: ${files.length} specs — goose/sql-syntax alone ${per(before.ms)} ms per spec, with the schema rules ${per(after.ms)} ms per spec: ` +
      `the schema rules add ${per(after.ms - before.ms)} ms per spec (base schema built once per run); ${after.found} findings`,
  );
}

const corpusDir = join(root, 'bench', '.corpus', `schema-n${n}`);
ensureCorpus({ n, seed: 42, out: corpusDir, git: false });
await measure(`corpus n=${n}`, corpusDir);

// the same corpus with `extra` more existing migrations (tables, columns, indexes, alters)
const big = mkdtempSync(join(tmpdir(), 'spec-schema-bench-'));
try {
  const src = corpusDir;
  const { cpSync } = await import('node:fs');
  cpSync(src, big, { recursive: true });
  mkdirSync(join(big, 'migrations'), { recursive: true });
  for (let i = 0; i < extra; i++) {
    const v = String(20240101000000 + i * 100);
    writeFileSync(
      join(big, 'migrations', `${v}_t${i}.sql`),
      `-- +goose Up\nCREATE TABLE t${i} (id bigserial PRIMARY KEY, workspace_id uuid NOT NULL REFERENCES workspaces(id), name text NOT NULL, created_at timestamptz NOT NULL DEFAULT now());\nCREATE INDEX idx_t${i}_ws ON t${i} (workspace_id);\nALTER TABLE t${i} ADD COLUMN note text;\n\n-- +goose Down\nDROP TABLE t${i};\n`,
    );
  }
  await measure(`corpus n=${n} + ${extra} existing migrations`, big);
} finally {
  rmSync(big, { recursive: true, force: true });
}
