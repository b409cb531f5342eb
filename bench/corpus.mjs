#!/usr/bin/env node
/**
 * A deterministic, seeded corpus for `npm run bench`: N realistic tech specs that follow the mandated
 * template (like tests/fixtures/repo/tech-specs/workspace-invites.md) — 400–800 lines, a dozen or more GFM
 * tables, SQL / Go / TypeScript / bash blocks, 6–15 tasks — with their PRDs and a repository tree: the
 * files that `Modify:` paths and the component tables name, an existing migrations directory, go.mod.
 *
 * The same (n, seed) always writes byte-identical files. A small share of specs (about 1 in 25) carries a
 * realistic mistake (a task that implements nothing, a `Modify:` path that does not exist, a story without a
 * task) so the linter has something to report.
 *
 *   node bench/corpus.mjs [--n 1000] [--seed 42] [--out bench/.corpus/n1000] [--no-git]
 */
import { mkdirSync, writeFileSync, rmSync, existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, dirname, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// ----- seeded randomness ----------------------------------------------------------------------------------

/** mulberry32: small, fast, good enough for a corpus. */
export function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = (arr) => arr[Math.floor(next() * arr.length)];
  const chance = (p) => next() < p;
  const sample = (arr, k) => {
    const copy = arr.slice();
    const out = [];
    while (out.length < k && copy.length) out.push(copy.splice(Math.floor(next() * copy.length), 1)[0]);
    return out;
  };
  return { next, int, pick, chance, sample };
}

// ----- vocabulary ------------------------------------------------------------------------------------------

const DOMAINS = [
  ['billing', 'invoice'], ['billing', 'payment_method'], ['projects', 'project_archive'], ['projects', 'milestone'],
  ['reports', 'scheduled_report'], ['reports', 'report_export'], ['teams', 'team_role'], ['teams', 'team_invite'],
  ['audit', 'audit_event'], ['audit', 'retention_policy'], ['notify', 'notification_rule'], ['notify', 'digest'],
  ['search', 'saved_search'], ['search', 'search_synonym'], ['files', 'file_share'], ['files', 'upload_quota'],
  ['auth', 'api_token'], ['auth', 'sso_connection'], ['tasks', 'task_label'], ['tasks', 'recurring_task'],
  ['calendar', 'booking'], ['calendar', 'availability_window'], ['crm', 'contact_tag'], ['crm', 'pipeline_stage'],
  ['inventory', 'stock_level'], ['inventory', 'reorder_rule'], ['support', 'ticket_macro'], ['support', 'sla_policy'],
  ['webhooks', 'webhook_endpoint'], ['webhooks', 'delivery_attempt'], ['usage', 'usage_record'], ['usage', 'rate_limit'],
];
const VERBS = ['Create', 'List', 'Update', 'Archive', 'Export', 'Import', 'Approve', 'Schedule', 'Share', 'Restore'];
const PEOPLE = ['Dana Reyes', 'Sam Okafor', 'Priya Natarajan', 'Lena Fischer', 'Tomás Ortega', 'Mei Lin', 'Jonah Adeyemi', 'Ava Kowalski'];
const STATUSES = ['Draft', 'In Review', 'Approved'];
const SHADCN = ['Button', 'Dialog', 'Input', 'Table', 'Select', 'Badge', 'Card', 'Tabs', 'Toast', 'Checkbox'];
const COLUMN_KINDS = [
  { sql: 'TEXT', go: 'string', ts: 'string', names: ['name', 'title', 'description', 'status', 'kind', 'label', 'note', 'source', 'format', 'region'] },
  { sql: 'INTEGER', go: 'int32', ts: 'number', names: ['position', 'attempts', 'quantity', 'priority', 'threshold', 'limit_value'] },
  { sql: 'BIGINT', go: 'int64', ts: 'number', names: ['size_bytes', 'amount_cents', 'sequence', 'total_count'] },
  { sql: 'BOOLEAN', go: 'bool', ts: 'boolean', names: ['enabled', 'archived', 'is_default', 'verified', 'paused'] },
  { sql: 'TIMESTAMPTZ', go: 'time.Time', ts: 'string', names: ['starts_at', 'ends_at', 'sent_at', 'expires_at', 'last_run_at'] },
  { sql: 'UUID', go: 'uuid.UUID', ts: 'string', names: ['owner_id', 'created_by', 'parent_id', 'external_id'] },
];
const PHRASES = [
  'so that admins stop filing support tickets for it',
  'so that the weekly review takes minutes instead of hours',
  'so that nothing is lost when a teammate leaves',
  'so that finance can reconcile without exporting spreadsheets',
  'so that customers on the enterprise plan can meet their audit obligations',
  'so that on-call engineers see the problem before customers do',
];

const cap = (s) => s.charAt(0).toUpperCase() + s.slice(1);
const pascal = (snake) => snake.split('_').map(cap).join('');
const camel = (snake) => { const p = pascal(snake); return p.charAt(0).toLowerCase() + p.slice(1); };
const words = (snake) => snake.replace(/_/g, ' ');
const pad = (n, w = 3) => String(n).padStart(w, '0');
const plural = (s) => (s.endsWith('y') ? s.slice(0, -1) + 'ies' : s.endsWith('s') ? s + 'es' : s + 's');

/** A goose version (YYYYMMDDHHMMSS) `minutes` after 2026-01-01 00:00 UTC: unique per (spec, migration). */
function version(minutes) {
  const d = new Date(Date.UTC(2026, 0, 1, 0, 0, 0) + minutes * 60_000);
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}00`;
}

function dateFor(r) {
  return `2026-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`;
}

// ----- one spec --------------------------------------------------------------------------------------------

/**
 * Builds spec `i`: its markdown, its PRD (PRD-driven specs), and the repository files it expects to exist.
 * @returns {{ slug: string, spec: string, prd: string | null, repoFiles: Record<string, string> }}
 */
export function buildSpec(i, seed = 42) {
  const r = rng((seed * 1_000_003 + i * 7919) >>> 0);
  const [area, entity0] = DOMAINS[i % DOMAINS.length];
  const entity = `${entity0}`;
  const slug = `${entity.replace(/_/g, '-')}-${pad(i, 5)}`;
  const pkg = `${area}${i}`;
  const Entity = pascal(entity);
  const title = `${cap(words(entity))} management ${pad(i, 5)}`;
  const prdDriven = r.next() < 0.8;
  const author = r.pick(PEOPLE);
  const defect = r.chance(0.04) ? r.pick(['orphan-task', 'missing-modify', 'unmapped-story']) : null;
  // what specs written by people hold beyond the template (a stream of its own, so the rest stays the same):
  // gofmt'd Go (tabs), unions with `\|` in table cells, `<br>` in cells, `~` in prose, bare URLs, HTML
  // comments, task items that start with markup, an open-questions quote with a list, Mermaid, references
  const v = rng((seed * 7_000_003 + i * 104_729) >>> 0);
  const real = {
    tabs: v.chance(0.8),
    union: v.chance(0.7),
    br: v.chance(0.5),
    tilde: v.chance(0.6),
    url: v.chance(0.7),
    comment: v.chance(0.5),
    checklist: v.chance(0.6),
    quote: v.chance(0.4),
    mermaid: v.chance(0.4),
    reference: v.chance(0.25),
  };
  /** A Go line indented one level, as gofmt writes it (a tab) or as the template shows it (4 spaces). */
  const go = (line) => (real.tabs ? line.replace(/^    /, '\t') : line);

  // requirements
  const nReq = r.int(3, 6);
  const reqPrefix = prdDriven ? 'US' : 'ER';
  const reqs = Array.from({ length: nReq }, (_, k) => ({
    id: `${reqPrefix}-${pad(k + 1)}`,
    verb: VERBS[(k + i) % VERBS.length],
  }));

  // tables and migrations
  const nTables = r.int(1, 3);
  const tables = Array.from({ length: nTables }, (_, k) => {
    const name = k === 0 ? plural(entity) : `${entity}_${['events', 'settings', 'members'][k - 1]}`;
    const nCols = r.int(6, 12);
    const cols = [];
    const used = new Set(['id', 'workspace_id', 'created_at', 'updated_at']);
    while (cols.length < nCols - 4) {
      const kind = r.pick(COLUMN_KINDS);
      const n = r.pick(kind.names);
      if (used.has(n)) continue;
      used.add(n);
      cols.push({ name: n, ...kind, nullable: r.chance(0.3) });
    }
    return { name, cols };
  });
  const baseMinute = i * 8;
  const migrations = tables.map((t, k) => ({
    path: `migrations/${version(baseMinute + k)}_create_${t.name}.sql`,
    table: t,
  }));
  const existing = {
    store: `internal/${pkg}/store.go`,
    service: `internal/${pkg}/service.go`,
    router: `internal/api/routes_${pkg}.go`,
    page: `web/src/pages/${Entity}Page.tsx`,
    client: `web/src/api/${camel(entity)}Client.ts`,
  };

  // endpoints
  const nEndpoints = r.int(2, 4);
  const endpoints = Array.from({ length: nEndpoints }, (_, k) => {
    const verb = VERBS[(i + k) % VERBS.length];
    const method = ['Create', 'Import', 'Schedule', 'Share'].includes(verb) ? 'POST' : verb === 'List' || verb === 'Export' ? 'GET' : 'PATCH';
    const path =
      method === 'POST' ? `/api/v1/workspaces/{workspace_id}/${plural(entity).replace(/_/g, '-')}${verb === 'Create' ? '' : '/' + verb.toLowerCase()}`
      : method === 'GET' ? `/api/v1/workspaces/{workspace_id}/${plural(entity).replace(/_/g, '-')}${verb === 'Export' ? '/export' : ''}`
      : `/api/v1/workspaces/{workspace_id}/${plural(entity).replace(/_/g, '-')}/{id}${verb === 'Update' ? '' : '/' + verb.toLowerCase()}`;
    const fields = r.sample(tables[0].cols, Math.min(tables[0].cols.length, r.int(2, 5)));
    return { verb, method, path, fields, name: `${verb}${Entity}` };
  });

  // tasks
  const nTasks = r.int(6, 15);
  const phases = [
    ['Phase 1: Data Model', Math.max(1, migrations.length)],
    ['Phase 2: Backend Logic & API', 0],
    ['Phase 3: Real-Time / Events', 0],
    ['Phase 4: Frontend', 0],
    ['Phase 5: Integration', 0],
    ['Phase 6: Tests', 0],
  ];
  let rest = nTasks - phases[0][1];
  const weights = [0, 0.4, 0.1, 0.3, 0.1, 0.1];
  for (let p = 1; p < 6 && rest > 0; p++) {
    const want = p === 5 ? rest : Math.min(rest, Math.max(p === 1 || p === 3 ? 1 : 0, Math.round((nTasks - phases[0][1]) * weights[p] + r.next() - 0.5)));
    phases[p][1] = want;
    rest -= want;
  }
  if (rest > 0) phases[1][1] += rest;
  const tasks = [];
  let tn = 1;
  for (const [phase, count] of phases) {
    for (let k = 0; k < count; k++) tasks.push({ id: `T-${pad(tn++)}`, phase, k });
  }
  // every requirement is implemented by ≥ 1 task, and every task implements ≥ 1 requirement
  for (const [k, t] of tasks.entries()) t.implements = [reqs[k % reqs.length].id];
  for (const t of tasks) if (r.chance(0.35)) {
    const extra = r.pick(reqs).id;
    if (!t.implements.includes(extra)) t.implements.push(extra);
  }
  for (const t of tasks) t.implements.sort();
  if (defect === 'orphan-task') tasks[tasks.length - 1].implements = [];
  const storyTasks = new Map(reqs.map((q) => [q.id, tasks.filter((t) => t.implements.includes(q.id)).map((t) => t.id)]));
  if (defect === 'unmapped-story') storyTasks.set(reqs[reqs.length - 1].id, []);

  const L = [];
  const push = (...lines) => L.push(...lines);
  const table = (header, rows) => {
    push(`| ${header.join(' | ')} |`, `|${header.map((h) => '-'.repeat(Math.max(3, h.length + 1))).join('|')}|`);
    for (const row of rows) push(`| ${row.join(' | ')} |`);
    push('');
  };

  // ----- header -----
  push(`# Tech Spec: ${title}`, '');
  push(`**Type:** ${prdDriven ? 'PRD-driven' : 'Engineering-initiated'}`);
  if (prdDriven) push(`**PRD:** prds/${slug}.md`);
  push(`**Author:** ${author}`, `**Last updated:** ${dateFor(r)}`, `**Status:** ${r.pick(STATUSES)}`, '');
  if (real.comment) push('<!--', `  Reviewers: ${PEOPLE[i % PEOPLE.length]} (backend), ${PEOPLE[(i + 3) % PEOPLE.length]} (web).`, '-->', '');
  push('---', '');

  // ----- 1. Overview -----
  push('## 1. Overview', '', '### Summary', '');
  push(`Adds ${words(plural(entity))} to the ${area} area: workspace members can ${reqs.map((q) => q.verb.toLowerCase()).join(', ')} them from the web app and the API, ${r.pick(PHRASES)}.${real.tilde ? ` A workspace holds ~${v.int(20, 900)} of them today (p95 list latency ~${v.int(40, 400)} ms).` : ''}${real.url ? ` Background: https://wiki.example.com/${area}/${entity.replace(/_/g, '-')}.` : ''}`, '');
  push('### Requirement Mapping', '');
  if (prdDriven) {
    push('#### PRD-driven: Story Mapping', '');
    table(['Story ID', 'Story Summary', 'Implementing Tasks'], reqs.map((q) => [q.id, `${q.verb} ${words(plural(entity))}`, storyTasks.get(q.id).join(', ') || '—']));
  } else {
    push('#### Engineering-initiated: Motivation & Requirements', '');
    push(`**Problem:** \`${Entity}Store\` runs one query per row when listing ${words(plural(entity))}, so a workspace with 500 of them takes ${r.int(600, 1800)} ms at p95.`, '');
    push(`**Why now:** ${r.int(2, 9)} enterprise customers crossed 500 ${words(plural(entity))} this quarter and the page now times out daily.`, '');
    push(`**Out of scope:** Caching, and any change to the ${words(entity)} UI beyond the new controls.`, '');
    table(['Req ID', 'Requirement', 'Success Criteria', 'Priority'], reqs.map((q, k) => [q.id, `${q.verb} ${words(plural(entity))} in bulk`, `\`Benchmark${q.verb}${Entity}\` with 500 rows runs ≤ ${k + 2} SQL queries`, k === 0 ? 'must' : r.pick(['must', 'should', 'may'])]));
    push('**Requirement-to-Task Mapping:**', '');
    table(['Req ID', 'Implementing Tasks'], reqs.map((q) => [q.id, storyTasks.get(q.id).join(', ') || '—']));
  }
  push('---', '');

  // ----- 2. Architecture -----
  push('## 2. Architecture & Design Decisions', '', '### System Context', '');
  push(`${cap(words(plural(entity)))} live in the API service's \`${pkg}\` package next to the existing store in \`${existing.store}\`, persisted in PostgreSQL. The web app reaches them through \`${existing.client}\`.`, '');
  if (real.mermaid) push('```mermaid', 'flowchart LR', `    web[Web app] -->|REST| api[API: ${pkg}]`, '    api --> pg[(PostgreSQL)]', '```', '');
  push('### Key Decisions', '');
  table(['Decision', 'Alternatives Considered', 'Rationale'], Array.from({ length: r.int(2, 4) }, (_, k) => [
    [`Store ${words(plural(entity))} in PostgreSQL`, 'Keyset pagination on (created_at, id)', `Soft-delete with \`archived\``, 'Validate in the service layer'][k],
    ['A document store', 'Offset pagination', 'Hard delete with an audit row', 'Database CHECK constraints only'][k],
    [real.br ? 'Needs transactions with workspaces<br>and FK cascades' : 'Needs transactions with workspaces', 'Offsets drift when rows are inserted', 'Restores are a requirement', 'Error messages must name the field'][k],
  ]));
  push('### New Patterns or Deviations', '', 'No new patterns — follows existing conventions.', '');
  push('### Dependencies', '');
  table(['Dependency', 'Type', 'Version / Constraint', 'Notes'], [
    ['github.com/google/uuid', 'Go module', '>= 1.6', real.url ? 'Identifiers, see https://pkg.go.dev/github.com/google/uuid' : 'Identifiers'],
    ['github.com/jackc/pgx/v5', 'Go module', '>= 5.5', 'Already in go.mod'],
  ]);
  push('---', '');

  // ----- 3. Data Model -----
  push('## 3. Data Model', '', '### New Tables', '');
  for (const t of tables) {
    push(`#### ${t.name}`, '');
    table(['Column', 'Type', 'Constraints', 'Notes'], [
      ['id', 'UUID', 'PK, DEFAULT gen_random_uuid()', ''],
      ['workspace_id', 'UUID', 'NOT NULL, FK workspaces(id)', ''],
      ...t.cols.map((c) => [c.name, c.sql, c.nullable ? '' : 'NOT NULL', c.sql === 'TEXT' && c.name === 'status' ? (real.union ? "`'active' \\| 'archived'`" : 'active, archived') : c.sql === 'BOOLEAN' && real.br ? 'false by default<br>set by an admin' : '']),
      ['created_at', 'TIMESTAMPTZ', 'NOT NULL, DEFAULT now()', ''],
      ['updated_at', 'TIMESTAMPTZ', 'NOT NULL, DEFAULT now()', ''],
    ]);
    push('**Indexes:**', `- \`idx_${t.name}_workspace_id\` on (workspace_id) — list a workspace's ${words(t.name)}`, '');
    push('**Relationships:**', `- ${t.name}.workspace_id → workspaces.id (FK, ON DELETE CASCADE)`, '');
  }
  push('### Modified Tables', '', 'None — no existing table changes.', '');
  push('### Goose Migrations', '');
  for (const m of migrations) {
    const t = m.table;
    push(`#### \`${m.path}\``, '', '```sql', '-- +goose Up', `CREATE TABLE ${t.name} (`);
    push('    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),', '    workspace_id UUID NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,');
    for (const c of t.cols) push(`    ${c.name} ${c.sql}${c.nullable ? '' : ' NOT NULL'}${c.sql === 'BOOLEAN' && !c.nullable ? ' DEFAULT false' : ''},`);
    push('    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),', '    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()', ');', '');
    push(`CREATE INDEX idx_${t.name}_workspace_id ON ${t.name}(workspace_id);`, '');
    push('-- +goose Down', `DROP INDEX IF EXISTS idx_${t.name}_workspace_id;`, `DROP TABLE IF EXISTS ${t.name};`, '```', '');
  }
  push('**Migration order and compatibility:**', '');
  table(['#', 'Migration File', 'Backward Compatible', 'Notes'], migrations.map((m, k) => [String(k + 1), `\`${m.path}\``, 'yes', 'New table only; old code ignores it']));
  push('**Verification:** `goose status` shows all migrations applied. `goose down` followed by `goose up` completes without errors.', '', '---', '');

  // ----- 4. API Design -----
  push('## 4. API Design', '');
  for (const e of endpoints) {
    push(`### ${e.method} ${e.path}`, '');
    push(`**Description:** ${e.verb}s ${words(plural(entity))} in the caller's workspace.`, '');
    push(`**Handler:** \`api.${e.name}\` in \`internal/api/${entity}.go\``, '', `**Auth:** \`workspace:${e.method === 'GET' ? 'member' : 'admin'}\``, '');
    push('**Request struct:**', '```go', `type ${e.name}Request struct {`);
    for (const f of e.fields) push(go(`    ${pascal(f.name)} ${f.go} \`json:"${f.name}"${f.nullable ? '' : ' validate:"required"'}\``));
    push('}', '```', '');
    push('**Response struct:**', '```go', `type ${e.name}Response struct {`, go('    ID          uuid.UUID `json:"id"`'));
    for (const f of e.fields) push(go(`    ${pascal(f.name)} ${f.go} \`json:"${f.name}"\``));
    push(go('    CreatedAt   time.Time `json:"created_at"`'), '}', '```', '');
    push('**TypeScript request/response types:**', '```typescript', `interface ${e.name}Request {`);
    for (const f of e.fields) push(`  ${f.name}: ${f.ts};`);
    push('}', '', `interface ${e.name}Response {`, '  id: string;');
    for (const f of e.fields) push(`  ${f.name}: ${f.ts};`);
    push('  created_at: string;', '}', '```', '');
    push('**Error Responses:**', '');
    table(['Status', 'Condition', 'Body'], [
      ['400', 'Invalid input', '`{"error": "invalid input"}`'],
      ['403', 'Caller lacks the role', '`{"error": "forbidden"}`'],
      ...(e.method === 'POST' ? [['409', `The ${words(entity)} already exists`, '`{"error": "conflict"}`']] : [['404', `No such ${words(entity)}`, '`{"error": "not found"}`']]),
    ]);
    push('---', '');
  }
  push('### WebSocket / Real-Time Events', '', `None — ${words(plural(entity))} need no real-time events.`, '', '---', '');

  // ----- 5. Components -----
  push('## 5. Component & Module Design', '', '### Backend (Go) — New Files', '');
  table(['File Path', 'Package', 'Exported Interface'], [
    [`\`internal/api/${entity}.go\``, 'api', endpoints.map((e) => `\`${e.name}\``).join(', ')],
    [`\`internal/${pkg}/${entity}.go\``, pkg, `\`${Entity}Service\``],
  ]);
  push('### Backend (Go) — Modified Files', '');
  table(['File Path', 'Change Description'], [
    [`\`${existing.router}\``, `Register the ${endpoints.length} ${words(entity)} routes`],
    [`\`${existing.store}\``, `Add the \`${Entity}Store\` queries`],
  ]);
  push('### Backend Interfaces', '', '```go', `// ${Entity}Store persists ${words(plural(entity))}; mocked in service tests.`, `type ${Entity}Store interface {`);
  push(...[`    Create(ctx context.Context, v *${Entity}) error`, `    Get(ctx context.Context, id uuid.UUID) (*${Entity}, error)`, `    List(ctx context.Context, workspaceID uuid.UUID, limit int) ([]${Entity}, error)`].map(go), '}', '```', '');
  push('### Frontend (React/TypeScript) — New Files', '');
  const comps = r.sample(SHADCN, 3);
  table(['File Path', 'Type', 'shadcn Components Used', 'Props Interface'], [
    [`\`web/src/components/${camel(entity)}/${Entity}Dialog.tsx\``, 'Feature', comps.join(', '), `\`${Entity}DialogProps\``],
    [`\`web/src/components/${camel(entity)}/${Entity}List.tsx\``, 'Feature', 'Table, Badge', `\`${Entity}ListProps\``],
  ]);
  push('### Frontend (React/TypeScript) — Modified Files', '');
  table(['File Path', 'Change Description'], [[`\`${existing.page}\``, `Mount the ${words(entity)} list and dialog`]]);
  push('### shadcn/ui Components to Install', '', '```bash', `npx shadcn-ui@latest add ${comps.map((c) => c.toLowerCase()).join(' ')}`, '```', '');
  push('### Frontend TypeScript Types', '', '```typescript', `// web/src/types/${camel(entity)}.ts`, `export type ${Entity}Status = "active" | "archived";`, '', `export interface ${Entity}DialogProps {`, '  open: boolean;', `  onSaved: (id: string) => void;`, '}', '```', '');
  if (real.union) table(['Type', 'Definition', 'Used by'], [[`\`${Entity}Status\``, '`"active" \\| "archived"`', `\`${Entity}List\``], [`\`${Entity}DialogProps['onSaved']\``, '`(id: string) => void`', `\`${Entity}Dialog\``]]);
  push('### API Client / Hooks', '');
  table(['Hook / Function', 'File Path', 'Description'], endpoints.map((e) => [`\`${camel(e.name)}()\``, `\`${existing.client}\``, `Calls ${e.method} ${e.path.replace(/[{}]/g, '')}`]));
  push('### Error Taxonomy', '');
  table(['Error (Go)', 'HTTP Status', 'TypeScript Error', 'User-Facing Message', 'Log Level'], [
    [`Err${Entity}Exists`, '409', `${Entity}ConflictError`, `This ${words(entity)} already exists`, 'warn'],
    [`Err${Entity}NotFound`, '404', `${Entity}NotFoundError`, `The ${words(entity)} was deleted`, 'info'],
  ]);
  push('---', '');

  // ----- 6. Tasks -----
  push('## 6. Implementation Tasks', '');
  const repoFiles = {};
  for (const f of Object.values(existing)) repoFiles[f] = f.endsWith('.go') ? `package ${f.split('/')[1] === 'api' ? 'api' : pkg}\n` : 'export {};\n';
  let prev = null;
  for (const [phase, count] of phases) {
    push(`### ${phase}`, '');
    const inPhase = tasks.filter((t) => t.phase === phase);
    if (count === 0) {
      push(`None — no ${phase.split(': ')[1].toLowerCase()} work in this spec.`, '');
      continue;
    }
    for (const t of inPhase) {
      const files = [];
      let done;
      let title;
      let desc;
      if (phase.startsWith('Phase 1')) {
        const m = migrations[t.k] ?? migrations[0];
        title = `Create the ${m.table.name} table`;
        desc = `Add the goose migration that creates \`${m.table.name}\` and its index, exactly as in section 3.`;
        files.push(`Create: \`${t.k < migrations.length ? m.path : `internal/${pkg}/seed_${t.k}.sql`}\``);
        done = `\`goose status\` lists \`${m.path.split('/').pop()}\` as applied, and \`goose down\` then \`goose up\` completes without errors.`;
      } else if (phase.startsWith('Phase 2') || phase.startsWith('Phase 3')) {
        const e = endpoints[t.k % endpoints.length];
        const ph = phase.startsWith('Phase 2') ? 2 : 3;
        title = `${e.verb} ${words(plural(entity))} endpoint${t.k >= endpoints.length ? ` (part ${t.k + 1})` : ''}`;
        desc = `Add \`${e.name}\` to \`${Entity}Service\` in \`internal/${pkg}/${entity}.go\` and its handler in \`internal/api/${entity}.go\`. It validates the input and returns 4xx errors from the error taxonomy.`;
        if (ph === 2 && t.k === 0) {
          files.push(`Create: \`internal/${pkg}/${entity}.go\``, `Create: \`internal/api/${entity}.go\``);
          files.push(`Modify: \`${defect === 'missing-modify' ? `internal/${pkg}/missing.go` : existing.router}\` — register the routes`);
          files.push(`Modify: \`${existing.store}\` — add the \`${Entity}Store\` queries`);
        } else {
          files.push(`Create: \`internal/${pkg}/${entity}_${e.verb.toLowerCase()}_p${ph}_${t.k}.go\``, `Create: \`internal/${pkg}/${entity}_${e.verb.toLowerCase()}_p${ph}_${t.k}_test.go\``);
          files.push(`Modify: \`${t.k % 2 ? existing.service : `internal/api/${entity}.go`}\` — wire ${e.name}`);
        }
        done = `\`go test ./internal/${pkg}/... -run Test${e.name}\` passes with 0 failures.`;
      } else if (phase.startsWith('Phase 4')) {
        title = `${Entity} UI, part ${t.k + 1}`;
        desc = `Build \`${Entity}Dialog\` with shadcn ${comps.map((c) => `\`${c}\``).join(', ')}, calling the hooks in \`${existing.client}\`. Show the 409 message inline.`;
        if (t.k === 0) {
          files.push(`Create: \`web/src/components/${camel(entity)}/${Entity}Dialog.tsx\``, `Create: \`web/src/components/${camel(entity)}/${Entity}List.tsx\``, `Modify: \`${existing.page}\` — mount the list and dialog`);
        } else {
          files.push(`Create: \`web/src/components/${camel(entity)}/${Entity}Part${t.k + 1}.tsx\``, `Modify: \`${existing.page}\` — mount the component`);
        }
        done = `\`npm run test -- web/src/components/${camel(entity)}/${Entity}Part${t.k + 1}.test.tsx\` passes.`;
      } else {
        title = `${phase.startsWith('Phase 5') ? 'Wire' : 'Test'} ${words(plural(entity))}, step ${t.k + 1}`;
        desc = `Cover the ${words(entity)} round trip across the API and the store with the test database from \`internal/testdb\`.`;
        files.push(`Create: \`internal/${pkg}/${entity}_${phase.startsWith('Phase 5') ? 'wiring' : 'integration'}_${t.k}_test.go\``);
        done = `\`go test ./internal/${pkg}/... -tags=integration -run TestRoundTrip${t.k}\` passes.`;
      }
      const deps = prev ? (r.chance(0.3) && tasks.indexOf(t) > 1 ? `${prev.id}, ${tasks[0].id}` : prev.id) : 'None';
      const form = r.chance(0.15) ? 'quote' : 'list';
      const p = form === 'quote' ? '> ' : '';
      const sub = form === 'quote' ? '> - ' : '  - ';
      const subsub = form === 'quote' ? '>   - ' : '    - ';
      push(form === 'quote' ? `> **${t.id}**: ${title}` : `- **${t.id}:** ${title}`);
      push(`${sub}_Implements:_ ${t.implements.join(', ')}`);
      push(`${sub}_Description:_ ${desc}`);
      push(`${sub}_Files:_`);
      for (const f of files) push(`${subsub}${f}`);
      push(`${sub}_Done condition:_ ${done}`);
      push(`${sub}_Dependencies:_ ${deps}`);
      push(p ? '' : '');
      prev = t;
    }
  }
  push('---', '');

  // ----- 7. Testing -----
  push('## 7. Testing Strategy', '', '### Backend Unit Tests (Go)', '');
  table(['Package / Function', 'Key Cases', 'Test Command'], endpoints.map((e) => [`${pkg}.${e.name}`, 'valid input, duplicate, missing workspace', `\`go test ./internal/${pkg}/... -run Test${e.name}\``]));
  push('### Backend Integration Tests (Go)', '');
  table(['Test', 'Setup', 'Key Assertions', 'Command'], [[`${Entity} round trip`, 'test DB with goose migrations', endpoints.map((e) => e.verb.toLowerCase()).join(', '), '`go test ./... -tags=integration`']]);
  push('### Backend Benchmarks (Go)', '', `None — ${words(plural(entity))} are not performance-sensitive.`, '');
  push('### Frontend Unit Tests (React/TypeScript)', '');
  table(['Component / Hook', 'Key Cases', 'Test Command'], [[`${Entity}Dialog`, 'submit, 409 message', `\`npm run test -- web/src/components/${camel(entity)}/${Entity}Dialog.test.tsx\``]]);
  push('### End-to-End Tests', '');
  table(['User Flow / Scenario', 'Steps', 'Maps to Requirement', 'Framework'], reqs.slice(0, 2).map((q) => [`${q.verb} a ${words(entity)}`, 'sign in, open the page, submit the dialog', q.id, 'Playwright']));
  push('### Manual Testing Checklist', '', `- [ ] The ${words(entity)} export opens in the spreadsheet apps support uses, which no test can check.`);
  if (real.checklist) push(`- [ ] **Screen reader:** the ${words(entity)} dialog announces its errors (\`aria-live\`).`, `- [x] _Copy review:_ the 409 message was approved by ${author}.`);
  push('');
  push('---', '');

  // ----- 8. Rollout -----
  push('## 8. Rollout & Operations', '', '### Feature Flags', '');
  table(['Flag Name', 'Default', 'Cleanup Target'], [[`${entity}_enabled`, 'off', `2027-${String(r.int(1, 12)).padStart(2, '0')}-28`]]);
  push('### Monitoring & Alerts', '');
  table(['Metric', 'Alert Threshold', 'Dashboard'], [[`${plural(entity)}_created_total`, 'none (trend only)', cap(area)], [`${entity}_request_duration_seconds p95`, '> 0.5 s for 10 min', cap(area)]]);
  push('### Backward Compatibility', '', 'The migrations only add tables, so code and schema deploy independently.', '');
  push('### Rollback Procedure', '', `Turn the flag off; a deploy rollback is enough. \`goose down\` only if the table must go.`, '', '---', '');

  // ----- 9. Risks -----
  push('## 9. Open Questions & Risks', '', '### Technical Risks', '');
  table(['Risk', 'Impact', 'Mitigation'], [
    [`Large workspaces hold 100k ${words(plural(entity))}`, 'Slow list page', 'Keyset pagination and the workspace index'],
    ['Concurrent edits overwrite each other', 'Lost updates', 'Compare `updated_at` on write'],
  ]);
  push('### Open Questions', '');
  table(['Question', 'Owner', 'Target Resolution'], [[`Should archived ${words(plural(entity))} be purged after a year?`, author, dateFor(r)]]);
  if (real.quote) {
    push('> **Still open after the design review**', '>', `> - Do archived ${words(plural(entity))} count against the plan limit?`, '>   - _Owner:_ billing', `>   - _Due:_ before ${tasks[0].id}`, '>');
    push(`> - Can a ${words(entity)} move between workspaces?`, '>   - _Owner:_ product', '');
  }
  push('---', '');

  // ----- 10. Assumptions -----
  push('## 10. Assumptions', '', '- [ASSUMPTION] Every workspace already has at least one admin.', `- [ASSUMPTION] A workspace holds fewer than 1 million ${words(plural(entity))}.`, '');
  if (real.reference) push(`The retention rules follow the [data policy][policy].`, '', `[policy]: https://wiki.example.com/policies/data-retention "Data retention policy"`, '');
  push('---', '');
  push('_Traceability verified: Every requirement (US-XXX or ER-XXX) maps to at least one task. Every task maps to at least one requirement. See self-evaluation (Section 9 of skill) for full criteria._');

  // pad to a realistic length with a longer appendix-free body when short: more column rows live in tables above;
  // specs below 400 lines get a longer data model (a realistic "settings" table).
  let spec = L.join('\n') + '\n';

  let prd = null;
  if (prdDriven) {
    const P = [`# PRD: ${title}`, '', '**Status:** Approved', '**Owner:** Product', '', '## Problem', '', `Workspace members cannot manage ${words(plural(entity))} without asking support.`, '', '## User Stories', ''];
    for (const q of reqs) {
      P.push(`### ${q.id}: ${q.verb} ${words(plural(entity))}`, '', `As a workspace admin, I want to ${q.verb.toLowerCase()} ${words(plural(entity))} ${r.pick(PHRASES)}.`, '', '**Acceptance criteria:**', `- A member can ${q.verb.toLowerCase()} a ${words(entity)} from the ${words(entity)} page.`, '- Invalid input is rejected with a message that names the field.', '');
    }
    prd = P.join('\n');
  }
  return { slug, spec, prd, repoFiles, lines: L.length };
}

// ----- the corpus on disk ----------------------------------------------------------------------------------

/**
 * Writes the corpus: `tech-specs/<slug>.md`, `prds/<slug>.md`, the repository files, `migrations/` with a few
 * existing migrations, `spec.config.json`, `go.mod`; then `git init` + `git add` (a real repository, as in a
 * pre-commit hook). Returns summary figures.
 */
export function writeCorpus({ out, n = 1000, seed = 42, git = true }) {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(join(out, 'tech-specs', 'completed'), { recursive: true });
  mkdirSync(join(out, 'prds'), { recursive: true });
  mkdirSync(join(out, 'migrations'), { recursive: true });
  const write = (rel, text) => {
    const abs = join(out, rel);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, text);
  };
  write('spec.config.json', JSON.stringify({ paths: { prds: 'prds', specs: 'tech-specs', migrations: 'migrations' } }, null, 2) + '\n');
  write('go.mod', 'module example.com/bench\n\ngo 1.22\n');
  write('internal/api/router.go', 'package api\n');
  write('web/src/App.tsx', 'export default function App() { return null; }\n');
  write('migrations/20250101090000_create_workspaces.sql', '-- +goose Up\nCREATE TABLE workspaces (\n    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),\n    name TEXT NOT NULL\n);\n\n-- +goose Down\nDROP TABLE workspaces;\n');
  write('migrations/20250101090500_create_workspace_members.sql', '-- +goose Up\nCREATE TABLE workspace_members (\n    workspace_id UUID NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,\n    user_id UUID NOT NULL,\n    PRIMARY KEY (workspace_id, user_id)\n);\n\n-- +goose Down\nDROP TABLE workspace_members;\n');
  let lines = 0;
  let bytes = 0;
  let minLines = Infinity;
  let maxLines = 0;
  const specs = [];
  for (let i = 0; i < n; i++) {
    const s = buildSpec(i, seed);
    const specLines = s.spec.split('\n').length - 1;
    lines += specLines;
    bytes += Buffer.byteLength(s.spec);
    minLines = Math.min(minLines, specLines);
    maxLines = Math.max(maxLines, specLines);
    write(`tech-specs/${s.slug}.md`, s.spec);
    if (s.prd) write(`prds/${s.slug}.md`, s.prd);
    for (const [rel, text] of Object.entries(s.repoFiles)) write(rel, text);
    specs.push(`tech-specs/${s.slug}.md`);
  }
  if (git) {
    const env = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_NAME: 'bench', GIT_AUTHOR_EMAIL: 'bench@example.invalid', GIT_COMMITTER_NAME: 'bench', GIT_COMMITTER_EMAIL: 'bench@example.invalid' };
    execFileSync('git', ['init', '-q'], { cwd: out, env });
    execFileSync('git', ['add', '-A'], { cwd: out, env });
    execFileSync('git', ['-c', 'commit.gpgsign=false', 'commit', '-q', '-m', 'corpus'], { cwd: out, env });
  }
  const summary = { n, seed, specs: specs.length, lines, bytes, minLines, maxLines };
  writeFileSync(join(out, '.corpus.json'), JSON.stringify(summary) + '\n');
  return { ...summary, files: specs };
}

/** Reuses a corpus already on disk when it was written with the same parameters and generator. */
export function ensureCorpus({ out, n = 1000, seed = 42, git = true }) {
  const marker = join(out, '.corpus.json');
  const self = readFileSync(fileURLToPath(import.meta.url), 'utf8');
  const sig = `${n}:${seed}:${git}:${hash(self)}`;
  const sigFile = join(out, '.corpus.sig');
  if (existsSync(marker) && existsSync(sigFile) && readFileSync(sigFile, 'utf8') === sig) {
    return { ...JSON.parse(readFileSync(marker, 'utf8')), reused: true };
  }
  const s = writeCorpus({ out, n, seed, git });
  writeFileSync(sigFile, sig);
  return { ...s, reused: false };
}

/**
 * The corpus spec the one-spec timings use: the one nearest the middle whose code blocks are Go, TypeScript
 * and SQL (every engine has work), as `tech-specs/<name>`.
 */
export function specWithEveryEngine(dir) {
  const specs = readdirSync(join(dir, 'tech-specs')).filter((f) => f.endsWith('.md')).sort();
  const every = (f) => {
    const t = readFileSync(join(dir, 'tech-specs', f), 'utf8');
    return /^```go\b/m.test(t) && /^```(?:ts|typescript|tsx)\b/m.test(t) && /^```sql\b/m.test(t);
  };
  const middle = Math.floor(specs.length / 2);
  const pick = [...specs.keys()].sort((a, b) => Math.abs(a - middle) - Math.abs(b - middle)).find((k) => every(specs[k])) ?? middle;
  return `tech-specs/${specs[pick]}`;
}

function hash(text) {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619) >>> 0;
  return h.toString(16);
}

// ----- command line ----------------------------------------------------------------------------------------

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const opt = (name, def) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : def;
  };
  const n = Number(opt('--n', '1000'));
  const seed = Number(opt('--seed', '42'));
  const here = dirname(fileURLToPath(import.meta.url));
  const out = resolve(opt('--out', join(here, '.corpus', `n${n}`)));
  const t0 = performance.now();
  const s = writeCorpus({ out, n, seed, git: !args.includes('--no-git') });
  process.stdout.write(`wrote ${s.specs} specs (${s.lines} lines, ${(s.bytes / 1e6).toFixed(1)} MB, ${s.minLines}–${s.maxLines} lines each) to ${out} in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
}
