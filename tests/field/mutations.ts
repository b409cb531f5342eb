/**
 * Single-defect mutations of the field corpus's correct specs. Each is one small text edit (find → replace,
 * exactly one occurrence unless `all`) that makes the spec wrong in one way, and the rule (`category/name`)
 * or category (`goose`) that must report it as an error — on the changed lines, or on the line of `at` (a
 * text of the mutated spec) when the rule rightly reports elsewhere (a missing row is reported where the
 * story is defined, a missing heading where the section starts).
 */
export interface Mutation {
  /** Unique id: `<spec>/<defect>`. */
  id: string;
  /** The spec, relative to tests/field. */
  spec: string;
  find: string;
  replace: string;
  /** Replace every occurrence (a file renamed everywhere, for instance). */
  all?: boolean;
  /** Rule id or category whose error is expected. */
  rule: string;
  /** A text of the mutated spec on whose line the error must be (default: the changed lines). */
  at?: string;
  /**
   * Rules whose errors do not count as catching this defect, because they report the unmutated form too
   * (a false error whose message merely quotes the changed text).
   */
  not?: string[];
  /** A pattern the error's message must match (when a false error of the same rule quotes the change). */
  message?: RegExp;
}

const KEYS = 'go-repo/tech-specs/api-keys.md';
const ARCH = 'go-repo/tech-specs/project-archiving.md';
const SEARCH = 'go-repo/tech-specs/task-search-performance.md';
const AUDIT = 'go-repo/tech-specs/audit-retention.md';
const VIEWS = 'go-repo/tech-specs/saved-views.md';
const INBOX = 'mono-repo/docs/specs/notifications-inbox.md';
const IDEM = 'mono-repo/docs/specs/idempotent-shipment-booking.md';
const HOOKS = 'go-repo/tech-specs/outgoing-webhooks.md';
const AUDITLOG = 'go-repo/tech-specs/completed/audit-event-log.md';
const REMIND = 'py-repo/tech-specs/appointment-reminders.md';
const CAL = 'py-repo/tech-specs/calendar-latency.md';

export const MUTATIONS: Mutation[] = [
  // ---- go-repo/tech-specs/api-keys.md ---------------------------------------------------------------------
  { id: 'api-keys/status-not-in-list', spec: KEYS, find: '**Status:** Approved', replace: '**Status:** Shipped', rule: 'template/header' },
  { id: 'api-keys/no-key-decisions-heading', spec: KEYS, find: '### Key Decisions\n\n', replace: '', rule: 'template/subsections', at: '## 2. Architecture & Design Decisions' },
  { id: 'api-keys/story-row-deleted', spec: KEYS, find: '| US-002   | Use an API key as a bearer token    | T-001, T-003              |\n', replace: '', rule: 'trace/story-mapped', at: '#### PRD-driven: Story Mapping' },
  { id: 'api-keys/implements-removed', spec: KEYS, find: '  - _Implements:_ US-002\n  - _Description:_ Add `KeyResolver`', replace: '  - _Description:_ Add `KeyResolver`', rule: 'task/fields', at: '- **T-003:** Authenticate bearer keys' },
  { id: 'api-keys/done-it-works', spec: KEYS, find: "`go test ./internal/apikeys/... -run 'TestService|TestHandler'` passes with 0 failures.", replace: 'It works.', rule: 'task/done-condition' },
  { id: 'api-keys/forward-dependency', spec: KEYS, find: '  - _Dependencies:_ T-002\n\n### Phase 3', replace: '  - _Dependencies:_ T-005\n\n### Phase 3', rule: 'task/dependencies' },
  { id: 'api-keys/modify-missing-file', spec: KEYS, find: '    - Modify: `internal/auth/session.go` — bearer header, `KeyResolver`', replace: '    - Modify: `internal/auth/sessions.go` — bearer header, `KeyResolver`', rule: 'path/modify-exists' },
  { id: 'api-keys/create-existing-file', spec: KEYS, find: '    - Create: `internal/apikeys/store.go`', replace: '    - Create: `internal/projects/store.go`', rule: 'path/create-not-exists' },
  { id: 'api-keys/down-section-dropped', spec: KEYS, find: '-- +goose Down\nDROP INDEX IF EXISTS idx_api_keys_user_org;\nDROP INDEX IF EXISTS idx_api_keys_prefix;\nDROP TABLE IF EXISTS api_keys;\n', replace: '', rule: 'goose/annotations', at: '-- +goose Up\nCREATE TABLE api_keys' },
  { id: 'api-keys/down-keeps-table', spec: KEYS, find: 'DROP INDEX IF EXISTS idx_api_keys_prefix;\nDROP TABLE IF EXISTS api_keys;\n', replace: 'DROP INDEX IF EXISTS idx_api_keys_prefix;\n', rule: 'goose/down-reverses-up', at: 'CREATE TABLE api_keys (' },
  { id: 'api-keys/bad-timestamp', spec: KEYS, find: '20251104101500', replace: '20251304101500', all: true, rule: 'goose/filename', at: '#### `db/migrations/20251304101500_create_api_keys.sql`' },
  { id: 'api-keys/go-syntax', spec: KEYS, find: '\tScope         string `json:"scope" validate:"required,oneof=read write"`', replace: '\tScope:        string `json:"scope" validate:"required,oneof=read write"`', rule: 'code/go-syntax' },
  { id: 'api-keys/ts-any', spec: KEYS, find: '  key: APIKeyResponse;\n  secret: string;', replace: '  key: APIKeyResponse;\n  secret: any;', rule: 'code/ts-no-any' },
  { id: 'api-keys/ts-field-missing', spec: KEYS, find: '  name: string;\n  prefix: string;\n  scope: "read" | "write";', replace: '  name: string;\n  scope: "read" | "write";', rule: 'code/contract-alignment', at: 'export interface APIKeyResponse {' },
  { id: 'api-keys/go-type-misspelled', spec: KEYS, find: '\tLastUsedAt *time.Time `json:"last_used_at"`', replace: '\tLastUsedAt *time.Tmie `json:"last_used_at"`', rule: 'code' },

  // ---- go-repo/tech-specs/project-archiving.md ------------------------------------------------------------
  { id: 'archiving/unknown-story', spec: ARCH, find: '  - **Implements:** US-002\n', replace: '  - **Implements:** US-005\n', rule: 'trace/implements-known' },
  { id: 'archiving/mapping-disagrees', spec: ARCH, find: '|US-003|Restore an archived project|T-002, T-005|', replace: '|US-003|Restore an archived project|T-002|', rule: 'trace/mapping-consistent', at: '  - **Implements:** US-001, US-002, US-003' },
  { id: 'archiving/duplicate-task-id', spec: ARCH, find: '- **T-005**: Archive banner on the project page', replace: '- **T-004**: Archive banner on the project page', rule: 'task/id-sequence' },
  { id: 'archiving/uses-later-file', spec: ARCH, find: '    - Create: `web/src/components/projects/ProjectMenu.test.tsx`', replace: '    - Create: `web/src/components/projects/ProjectMenu.test.tsx`\n    - Modify: `web/src/components/projects/ArchiveBanner.tsx` — show the menu in the banner', rule: 'path/modify-exists' },
  { id: 'archiving/version-of-existing', spec: ARCH, find: '20251106140000_add_projects_archived', replace: '20251015090000_add_projects_archived', all: true, rule: 'goose/version-unique', at: '#### `db/migrations/20251015090000_add_projects_archived.sql`' },
  { id: 'archiving/down-leaves-column', spec: ARCH, find: 'ALTER TABLE projects\n    DROP COLUMN IF EXISTS archived_by,\n    DROP COLUMN IF EXISTS archived_at;', replace: 'ALTER TABLE projects\n    DROP COLUMN IF EXISTS archived_at;', rule: 'goose/down-reverses-up', at: '    ADD COLUMN archived_by UUID' },
  { id: 'archiving/order-table-wrong-file', spec: ARCH, find: '|1|`db/migrations/20251106140000_add_projects_archived.sql`|yes|', replace: '|1|`db/migrations/20251106140000_add_project_archive.sql`|yes|', rule: 'goose/migration-order' },
  { id: 'archiving/no-goose-status', spec: ARCH, find: '`goose -dir db/migrations postgres "$DATABASE_URL" status` shows `20251106140000_add_projects_archived.sql` applied, and `go test ./internal/projects/...` passes.', replace: '`go test ./internal/projects/...` passes.', rule: 'goose/status-check', at: '- **T-001**: Archived columns' },
  { id: 'archiving/modify-missing-page', spec: ARCH, find: '    - Modify: `web/src/pages/ProjectPage.tsx` — banner, disabled controls', replace: '    - Modify: `web/src/pages/ProjectDetailPage.tsx` — banner, disabled controls', rule: 'path/modify-exists' },
  { id: 'archiving/no-testing-section', spec: ARCH, find: '## 7. Testing Strategy\n\n', replace: '', rule: 'template/sections', at: '## 8. Rollout & Operations' },
  { id: 'archiving/ts-syntax', spec: ARCH, find: '  archived_by: UserRef | null;\n  created_at: string;', replace: '  archived_by: UserRef | ;\n  created_at: string;', rule: 'code/ts-syntax' },
  { id: 'archiving/owner-tbd', spec: ARCH, find: '|Should archiving also hide the project\'s tasks from global search?|Hana Kobayashi|2025-11-14|', replace: '|Should archiving also hide the project\'s tasks from global search?|TBD|2025-11-14|', rule: 'template/placeholder' },
  { id: 'archiving/path-placeholder', spec: ARCH, find: '    - Create: `web/src/components/projects/ArchiveBanner.tsx`\n    - Create: `web/src/components/projects/ArchiveBanner.test.tsx`\n    - Modify: `web/src/pages/ProjectPage.tsx`', replace: '    - Create: `web/src/components/projects/[Component].tsx`\n    - Create: `web/src/components/projects/ArchiveBanner.test.tsx`\n    - Modify: `web/src/pages/ProjectPage.tsx`', rule: 'path' },
  // ---- go-repo/tech-specs/task-search-performance.md ------------------------------------------------------
  { id: 'task-search/no-problem', spec: SEARCH, find: "**Problem:** `tasks.Store.List` runs", replace: "`tasks.Store.List` runs", rule: 'template/requirement-mapping', at: '#### Engineering-initiated: Motivation & Requirements' },
  { id: 'task-search/priority-not-moscow', spec: SEARCH, find: '0 `/users/{id}` calls on the task page | should |', replace: '0 `/users/{id}` calls on the task page | nice to have |', rule: 'trace/er-criteria' },
  { id: 'task-search/mapping-row-deleted', spec: SEARCH, find: '| ER-003 | T-003, T-004 |\n', replace: '', rule: 'trace', at: '**Requirement-to-Task Mapping:**' },
  { id: 'task-search/duplicate-er', spec: SEARCH, find: '| ER-003 | A page of tasks costs one SQL query', replace: '| ER-002 | A page of tasks costs one SQL query', rule: 'trace/unique-ids' },
  { id: 'task-search/concurrently-in-transaction', spec: SEARCH, find: '-- +goose NO TRANSACTION\n-- +goose Up\nCREATE EXTENSION IF NOT EXISTS pg_trgm;', replace: '-- +goose Up\nCREATE EXTENSION IF NOT EXISTS pg_trgm;', rule: 'goose' },
  { id: 'task-search/order-table-out-of-order', spec: SEARCH, find: '20251110083100', replace: '20251110082900', all: true, rule: 'goose/migration-order', at: '| 2 | `db/migrations/20251110082900_tasks_project_keyset_index.sql`' },
  { id: 'task-search/down-drops-other-index', spec: SEARCH, find: '-- +goose Down\nDROP INDEX CONCURRENTLY IF EXISTS idx_tasks_project_created;', replace: '-- +goose Down\nDROP INDEX CONCURRENTLY IF EXISTS idx_tasks_project_id;', rule: 'goose/down-reverses-up' },
  { id: 'task-search/self-dependency', spec: SEARCH, find: '> - **Dependencies:** T-001, T-002', replace: '> - **Dependencies:** T-001, T-003', rule: 'task/dependencies' },
  { id: 'task-search/no-done-condition', spec: SEARCH, find: '> - **Done condition:** `make test PKG=./internal/tasks/...` passes.\n', replace: '', rule: 'task/fields', at: '> **T-002:** Cursor encoding' },
  { id: 'task-search/absolute-path', spec: SEARCH, find: '>   - Create: `internal/tasks/cursor.go`', replace: '>   - Create: `/home/oluwaseun/src/fieldnote/internal/tasks/cursor.go`', rule: 'path/absolute' },
  { id: 'task-search/go-syntax', spec: SEARCH, find: '\tCreatedAt time.Time\n\tID        uuid.UUID\n}', replace: '\tCreatedAt time.Time,\n\tID        uuid.UUID\n}', rule: 'code/go-syntax' },
  { id: 'task-search/sql-syntax', spec: SEARCH, find: 'ON tasks (project_id, created_at DESC, id DESC);', replace: 'ON tasks (project_id, created_at DESC id DESC);', rule: 'goose/sql-syntax' },

  // ---- go-repo/tech-specs/audit-retention.md --------------------------------------------------------------
  { id: 'audit-retention/title', spec: AUDIT, find: '# Tech Spec: Audit event retention job', replace: '# Audit event retention job', rule: 'template/title' },
  { id: 'audit-retention/type-unknown', spec: AUDIT, find: '**Type:** Engineering-initiated', replace: '**Type:** Engineering', rule: 'template' },
  { id: 'audit-retention/prd-line-in-engineering-spec', spec: AUDIT, find: '**Type:** Engineering-initiated\n', replace: '**Type:** Engineering-initiated\n**PRD:** prds/api-keys.md\n', rule: 'template/header' },
  { id: 'audit-retention/implements-nothing', spec: AUDIT, find: '  - *Implements:* ER-003\n', replace: '  - *Implements:* n/a\n', rule: 'trace/task-has-requirement' },
  { id: 'audit-retention/unknown-er', spec: AUDIT, find: '  - *Implements:* ER-001, ER-003\n', replace: '  - *Implements:* ER-001, ER-004\n', rule: 'trace/implements-known' },
  { id: 'audit-retention/done-looks-good', spec: AUDIT, find: "with the job running, `curl -s http://localhost:9102/metrics | grep -c '^audit_purge_'` prints `3`.", replace: 'the metrics page looks good.', rule: 'task/done-condition' },
  { id: 'audit-retention/task-id-gap', spec: AUDIT, find: '- **T-003**: `cmd/audit-purge` binary', replace: '- **T-005**: `cmd/audit-purge` binary', rule: 'task/id-sequence' },
  { id: 'audit-retention/filename-camel-case', spec: AUDIT, find: '20251112091500_add_org_audit_retention.sql', replace: '20251112091500_AddOrgAuditRetention.sql', all: true, rule: 'goose/filename', at: '#### `db/migrations/20251112091500_AddOrgAuditRetention.sql`' },
  { id: 'audit-retention/down-keeps-column', spec: AUDIT, find: '-- +goose Down\nALTER TABLE organizations DROP COLUMN audit_retention_days;', replace: '-- +goose Down\nALTER TABLE organizations DROP CONSTRAINT organizations_audit_retention_days_check;', rule: 'goose/down-reverses-up', at: 'ALTER TABLE organizations\n    ADD COLUMN audit_retention_days' },
  { id: 'audit-retention/up-annotation-typo', spec: AUDIT, find: '-- +goose Up\nALTER TABLE organizations', replace: '-- goose Up\nALTER TABLE organizations', rule: 'goose/annotations' },
  { id: 'audit-retention/go-syntax-whole-file', spec: AUDIT, find: '\tflag.Parse()\n', replace: '\tflag.Parse(\n', rule: 'code/go-syntax' },
  { id: 'audit-retention/modify-wrong-case', spec: AUDIT, find: '    - Modify: `Makefile` — `purge-dry-run`', replace: '    - Modify: `makefile` — `purge-dry-run`', rule: 'path' },
  { id: 'audit-retention/compat-not-yes-no', spec: AUDIT, find: '| yes                 | Column with a default; no rewrite      |', replace: '| probably            | Column with a default; no rewrite      |', rule: 'goose/migration-order' },

  // ---- go-repo/tech-specs/saved-views.md ------------------------------------------------------------------
  { id: 'saved-views/no-websocket-subsection', spec: VIEWS, find: '### WebSocket / Real-Time Events\n\nNone — the menu refetches when opened.\n\n', replace: '', rule: 'template/subsections', at: '### DELETE /api/v1/orgs/{org_id}/projects/{project_id}/views/{view_id}' },
  { id: 'saved-views/section-renamed', spec: VIEWS, find: '## 5. Component & Module Design', replace: '## 5. Components and Modules', rule: 'template/sections' },
  { id: 'saved-views/json-tag-drift', spec: VIEWS, find: '\tOwnerName string      `json:"owner_name"`', replace: '\tOwnerName string      `json:"owner"`', rule: 'code/contract-alignment' },
  { id: 'saved-views/ts-any-callback', spec: VIEWS, find: '  onApply: (filters: ViewFilters) => void;', replace: '  onApply: (filters: any) => void;', rule: 'code/ts-no-any' },
  { id: 'saved-views/ts-type-drift', spec: VIEWS, find: '  filters: ViewFilters;\n  is_shared: boolean;\n  owner_id: string;', replace: '  filters: ViewFilters;\n  is_shared: string;\n  owner_id: string;', rule: 'code/contract-alignment' },
  { id: 'saved-views/down-keeps-table', spec: VIEWS, find: '-- +goose Down\nDROP TABLE IF EXISTS saved_views;', replace: '-- +goose Down\nDROP INDEX IF EXISTS idx_saved_views_owner_name;', rule: 'goose/down-reverses-up', at: 'CREATE TABLE saved_views (' },
  { id: 'saved-views/fk-to-missing-table', spec: VIEWS, find: '    project_id UUID NOT NULL REFERENCES projects(id) ON DELETE CASCADE,\n    owner_id', replace: '    project_id UUID NOT NULL REFERENCES project(id) ON DELETE CASCADE,\n    owner_id', rule: 'goose' },
  { id: 'saved-views/created-twice', spec: VIEWS, find: '    - Create: `web/src/components/tasks/SavedViewsMenu.test.tsx`', replace: '    - Create: `web/src/components/tasks/SavedViewsMenu.test.tsx`\n    - Create: `web/src/api/views.ts`', rule: 'path/create-not-exists' },
  { id: 'saved-views/done-manual', spec: VIEWS, find: '`npm -C web run test -- src/components/tasks` passes, including the case "applying a view sets `?status=blocked`".', replace: 'Verified manually in the browser.', rule: 'task/done-condition' },
  { id: 'saved-views/author-placeholder', spec: VIEWS, find: '**Author:** Tomás Ruiz, Ada Mensah', replace: '**Author:** [name]', rule: 'template' },
  { id: 'saved-views/no-files', spec: VIEWS, find: '  - _Files_:\n    - Create: `web/src/components/tasks/SavedViewsMenu.tsx`\n    - Create: `web/src/components/tasks/SaveViewDialog.tsx`\n    - Create: `web/src/components/tasks/SavedViewsMenu.test.tsx`\n', replace: '', rule: 'task/fields', at: '- **T-004:** Views menu' },
  // ---- mono-repo/docs/specs/notifications-inbox.md (Docker on, service api) --------------------------------
  { id: 'notifications/story-row-deleted', spec: INBOX, find: '| US-003   | Per-status preferences (delayed + delivered by default) | T-002, T-003, T-005, T-007  |\n', replace: '', rule: 'trace', at: '> - _Implements:_ US-003\n> - _Description:_ Add `20251114100500' },
  { id: 'notifications/unknown-dependency', spec: INBOX, find: '> - _Dependencies:_ T-004, T-005', replace: '> - _Dependencies:_ T-004, T-008', rule: 'task/dependencies' },
  { id: 'notifications/phase-out-of-order', spec: INBOX, find: '### Phase 6: Tests\n', replace: '### Phase 1: Data Model\n', rule: 'task/order' },
  { id: 'notifications/down-drops-wrong-table', spec: INBOX, find: '-- +goose Down\nDROP TABLE notification_preferences;', replace: '-- +goose Down\nDROP TABLE notifications;', rule: 'goose/down-reverses-up', at: 'CREATE TABLE notification_preferences (' },
  { id: 'notifications/same-version-twice', spec: INBOX, find: '20251114100500', replace: '20251114100000', all: true, rule: 'goose/version-unique', at: '#### `services/api/migrations/20251114100000_create_notification_preferences.sql`' },
  { id: 'notifications/migration-task-without-status', spec: INBOX, find: '> - _Done condition:_ `docker compose exec api goose -dir migrations postgres "$DATABASE_URL" status` lists both new migrations as applied.', replace: '> - _Done condition:_ `docker compose exec api go test ./internal/notifications/...` passes.', rule: 'goose/status-check', at: '> **T-002**: Preferences table' },
  { id: 'notifications/docker-wrong-service', spec: INBOX, find: '`docker compose exec -T api go test -race ./internal/realtime/...` passes.', replace: '`docker compose exec -T worker go test -race ./internal/realtime/...` passes.', rule: 'task/done-condition' },
  { id: 'notifications/modify-missing-file', spec: INBOX, find: '>   - Modify: `apps/web/src/components/TopBar.tsx` — mount the bell', replace: '>   - Modify: `apps/web/src/components/Topbar.tsx` — mount the bell', rule: 'path/modify-exists' },
  { id: 'notifications/create-existing-file', spec: INBOX, find: '>   - Create: `apps/web/src/api/notifications.ts`', replace: '>   - Create: `apps/web/src/api/shipments.ts`', rule: 'path/create-not-exists' },
  { id: 'notifications/ts-field-renamed', spec: INBOX, find: '  items: NotificationResponse[];\n  unread_count: number;', replace: '  items: NotificationResponse[];\n  unreadCount: number;', rule: 'code/contract-alignment' },
  { id: 'notifications/ts-syntax', spec: INBOX, find: '  | { type: "pong" };', replace: '  | { type: "pong" ;', rule: 'code/ts-syntax' },
  { id: 'notifications/sql-syntax', spec: INBOX, find: 'LEFT JOIN notification_preferences p ON', replace: 'LEFT JION notification_preferences p ON', rule: 'code/sql-syntax' },
  { id: 'notifications/no-backend-interfaces', spec: INBOX, find: '### Backend Interfaces\n\n', replace: '', rule: 'template/subsections', at: '### Frontend (React/TypeScript) — New Files' },

  // ---- mono-repo/docs/specs/idempotent-shipment-booking.md -------------------------------------------------
  { id: 'idempotency/no-why-now', spec: IDEM, find: '**Why now:** The EDI integration', replace: 'The EDI integration', rule: 'template/requirement-mapping', at: '#### Engineering-initiated: Motivation & Requirements' },
  { id: 'idempotency/criteria-emptied', spec: IDEM, find: '| Every `POST /v1/shipments` from `apps/web` carries a UUID v4 `Idempotency-Key` (unit test on `http()`) | should', replace: '| — | should', rule: 'trace/er-criteria' },
  { id: 'idempotency/mapping-wrong-task', spec: IDEM, find: 'ER-004 | T-004\n', replace: 'ER-004 | T-005\n', rule: 'trace/mapping-consistent' },
  { id: 'idempotency/implements-prose', spec: IDEM, find: '  - **Implements:** ER-003\n', replace: '  - **Implements:** see above\n', rule: 'trace/task-has-requirement' },
  { id: 'idempotency/docker-unknown-service', spec: IDEM, find: "`docker compose exec api go test -race ./internal/idempotency/... -run 'TestMiddleware|TestConcurrentSameKey|TestKeyExpiry'` passes.", replace: "`docker compose exec backend go test -race ./internal/idempotency/... -run 'TestMiddleware|TestConcurrentSameKey|TestKeyExpiry'` passes.", rule: 'task/done-condition' },
  { id: 'idempotency/goose-down-is-not-a-check', spec: IDEM, find: '`docker compose exec api goose -dir migrations postgres "$DATABASE_URL" status | grep 20251117150000` prints the migration with its applied date, not `Pending`.', replace: '`docker compose exec api goose -dir migrations postgres "$DATABASE_URL" down` succeeds.', rule: 'task/done-condition' },
  { id: 'idempotency/statement-begin-unclosed', spec: IDEM, find: '\nCREATE INDEX idempotency_keys_expires_at_idx', replace: '\n-- +goose StatementBegin\nCREATE INDEX idempotency_keys_expires_at_idx', rule: 'goose/annotations' },
  { id: 'idempotency/down-keeps-table', spec: IDEM, find: 'DROP INDEX IF EXISTS idempotency_keys_expires_at_idx;\nDROP TABLE IF EXISTS idempotency_keys;', replace: 'DROP INDEX IF EXISTS idempotency_keys_expires_at_idx;', rule: 'goose/down-reverses-up', at: 'CREATE TABLE idempotency_keys (' },
  { id: 'idempotency/vague-path', spec: IDEM, find: '    - Create: `services/api/internal/idempotency/cleanup.go`', replace: '    - Create: somewhere in the services/api/internal folder', rule: 'path' },
  { id: 'idempotency/go-syntax', spec: IDEM, find: '\tComplete(ctx context.Context, tx pgx.Tx, accountID uuid.UUID, key string, code int, body []byte) error\n', replace: '\tComplete(ctx context.Context, tx pgx.Tx, accountID uuid.UUID, key string, code int, body []byte) error {\n', rule: 'code/go-syntax' },
  { id: 'idempotency/nullable-drift', spec: IDEM, find: '  status: ShipmentStatus;\n  eta: string | null;', replace: '  status: ShipmentStatus;\n  eta: string;', rule: 'code/contract-alignment' },
  { id: 'idempotency/date-format', spec: IDEM, find: '**Last updated:** 2025-11-17', replace: '**Last updated:** 17/11/2025', rule: 'template/header' },
  // ---- state-changing commands are not checks (issue 12, item 2) ----------------------------------------
  { id: 'task-search/psql-drop-is-not-a-check', spec: SEARCH, find: "`GOFLAGS=-count=1 go test ./internal/tasks/... -run TestListQueryCount` passes and `go test ./internal/tasks/... -run '^$' -bench BenchmarkSearchTasks` reports under 150 ms/op.", replace: "`psql \"$DATABASE_URL\" -c 'DROP INDEX idx_tasks_project_id'` succeeds.", rule: 'task/done-condition' },
  { id: 'audit-retention/git-push-is-not-a-check', spec: AUDIT, find: "`go vet ./internal/audit/... && go test ./internal/audit/... -run TestPurger` passes, and `go test ./internal/audit/... -run '^$' -bench BenchmarkPurgeBatch` is under 200 ms/op.", replace: '`git push origin HEAD` succeeds.', rule: 'task/done-condition' },
  { id: 'archiving/goose-redo-is-not-a-check', spec: ARCH, find: "`go test ./internal/tasks/... -run TestArchivedProjectIsReadOnly` passes.", replace: '`goose -dir db/migrations postgres "$DATABASE_URL" redo` succeeds.', rule: 'task/done-condition' },
  { id: 'api-keys/rm-is-not-a-check', spec: KEYS, find: '`npm --prefix web run test -- src/components/settings/ApiKeysPanel.test.tsx` passes.', replace: '`rm -rf web/dist` succeeds.', rule: 'task/done-condition' },

  // ---- py-repo/tech-specs/appointment-reminders.md (Python profile) -----------------------------------------
  { id: 'reminders/mapping-wrong-task', spec: REMIND, find: '| US-003   | Confirm / cancel by replying `1` / `2`     | T-004                |', replace: '| US-003   | Confirm / cancel by replying `1` / `2`     | T-005                |', rule: 'trace/mapping-consistent', at: '  - _Implements:_ US-003\n' },
  { id: 'reminders/done-all-tests-pass', spec: REMIND, find: '`python -m pytest tests/test_send_reminders.py -k "twice or cancelled or no_phone or provider_error"` passes with 4 tests selected.', replace: 'All tests pass.', rule: 'task/done-condition' },
  { id: 'reminders/alembic-upgrade-is-not-a-check', spec: REMIND, find: '`alembic upgrade head && alembic current` prints `0004 (head)`, and `alembic check` reports no new upgrade operations.', replace: '`alembic upgrade head` succeeds.', rule: 'task/done-condition' },
  { id: 'reminders/modify-missing-module', spec: REMIND, find: '    - Modify: `app/models/clinic.py` — `reminder_lead_time`', replace: '    - Modify: `app/models/clinics.py` — `reminder_lead_time`', rule: 'path/modify-exists' },
  { id: 'reminders/create-existing-module', spec: REMIND, find: '    - Create: `app/models/reminder.py`', replace: '    - Create: `app/models/appointment.py`', rule: 'path/create-not-exists' },
  { id: 'reminders/forward-dependency', spec: REMIND, find: '  - _Dependencies:_ T-002\n\n- **T-006:**', replace: '  - _Dependencies:_ T-006\n\n- **T-006:**', rule: 'task/dependencies' },
  { id: 'reminders/ts-any', spec: REMIND, find: 'export interface ReminderPillProps {\n  reminder: ReminderOut;', replace: 'export interface ReminderPillProps {\n  reminder: any;', rule: 'code/ts-no-any' },
  { id: 'reminders/ts-syntax', spec: REMIND, find: '"ok" | "warn" | "bad" }> = {', replace: '"ok" | "warn" | "bad" }> {', rule: 'code/ts-syntax' },
  { id: 'reminders/no-open-questions-section', spec: REMIND, find: '## 9. Open Questions & Risks\n\n', replace: '', rule: 'template/sections', at: '## 10. Assumptions' },
  { id: 'reminders/subsection-renamed', spec: REMIND, find: '### Manual Testing Checklist', replace: '### Manual Tests', rule: 'template/subsections' },
  { id: 'reminders/sql-syntax-in-revision', spec: REMIND, find: 'CREATE TABLE reminders (\n    id UUID PRIMARY KEY', replace: 'CREATE TABLE reminders (\n    id UUID PRIMARY KEY KEY', rule: 'code' },
  { id: 'reminders/status-unknown', spec: REMIND, find: '**Status:** Approved', replace: '**Status:** WIP', rule: 'template/header' },

  // ---- py-repo/tech-specs/calendar-latency.md (Python profile) ----------------------------------------------
  { id: 'calendar/priority-missing', spec: CAL, find: '`mypy app/api app/services` exits 0 in CI | should |', replace: '`mypy app/api app/services` exits 0 in CI | |', rule: 'trace/er-criteria' },
  { id: 'calendar/unknown-er', spec: CAL, find: '  - **Implements:** ER-003\n', replace: '  - **Implements:** ER-004\n', rule: 'trace/implements-known' },
  { id: 'calendar/duplicate-mapping-row', spec: CAL, find: '| ER-003 | T-003 |\n', replace: '| ER-003 | T-003 |\n| ER-001 | T-003 |\n', rule: 'trace' },
  { id: 'calendar/no-dependencies-line', spec: CAL, find: '  - **Done condition:** `alembic upgrade head` then `alembic current` prints `0005 (head)`.\n  - **Dependencies:** None\n', replace: '  - **Done condition:** `alembic upgrade head` then `alembic current` prints `0005 (head)`.\n', rule: 'task/fields', at: '- **T-001**: Covering index' },
  { id: 'calendar/task-id-malformed', spec: CAL, find: '- **T-003**: Strict typing', replace: '- **T-3**: Strict typing', rule: 'task' },
  { id: 'calendar/done-looks-right', spec: CAL, find: '`yarn --cwd web test src/hooks/useAppointments.test.tsx` passes; `./scripts/ci.sh` exits 0.', replace: 'Looks right in the calendar.', rule: 'task/done-condition' },
  { id: 'calendar/path-escapes', spec: CAL, find: '    - Modify: `web/src/pages/CalendarPage.tsx` — pass the range', replace: '    - Modify: `../web/src/pages/CalendarPage.tsx` — pass the range', rule: 'path/absolute' },
  { id: 'calendar/modify-missing-hook', spec: CAL, find: '    - Modify: `web/src/hooks/useAppointments.ts` — range parameter', replace: '    - Modify: `web/src/hooks/useAppointment.ts` — range parameter', rule: 'path/modify-exists' },
  { id: 'calendar/no-task-mapping', spec: CAL, find: '**Requirement-to-Task Mapping:**\n\n| Req ID | Implementing Tasks |\n|---|---|\n| ER-001 | T-002 |\n| ER-002 | T-001, T-002, T-004 |\n| ER-003 | T-003 |\n', replace: '', rule: 'template/requirement-mapping', at: '#### Engineering-initiated: Motivation & Requirements' },
  { id: 'calendar/ts-syntax', spec: CAL, find: 'export interface AppointmentRange {\n  from: string;', replace: 'export interface AppointmentRange\n  from: string;', rule: 'code/ts-syntax' },
  { id: 'calendar/out-of-scope-todo', spec: CAL, find: '2. The patients list endpoint (separate N+1, separate spec).', replace: '2. TODO', rule: 'template/placeholder' },
  // ---- go-repo/tech-specs/outgoing-webhooks.md (paths written as links) ------------------------------------
  { id: 'webhooks/modify-link-to-missing-file', spec: HOOKS, find: '    - Modify: [internal/tasks/store.go](../internal/tasks/store.go) — enqueue in the write transactions', replace: '    - Modify: [internal/tasks/repo.go](../internal/tasks/repo.go) — enqueue in the write transactions', rule: 'path/modify-exists' },
  { id: 'webhooks/link-text-and-target-disagree', spec: HOOKS, find: '    - Modify: [internal/httpapi/router.go](../internal/httpapi/router.go) — mount `/webhooks`', replace: '    - Modify: [internal/httpapi/router.go](../internal/httpapi/routes.go) — mount `/webhooks`', rule: 'path', not: ['path/placeholder'] },
  { id: 'webhooks/create-link-to-existing-file', spec: HOOKS, find: '    - Create: [internal/webhooks/store.go](../internal/webhooks/store.go)', replace: '    - Create: [internal/tasks/handler.go](../internal/tasks/handler.go)', rule: 'path/create-not-exists' },
  { id: 'webhooks/prd-link-to-missing-file', spec: HOOKS, find: '(../prds/outgoing-webhooks.md)', replace: '(../prds/webhooks.md)', rule: 'trace/prd-exists', message: /does not exist/ },
  { id: 'webhooks/version-older-than-existing', spec: HOOKS, find: '20251118093000', replace: '20251010093000', all: true, rule: 'goose/version-order', at: '#### `db/migrations/20251010093000_create_webhook_endpoints.sql`' },
  { id: 'webhooks/order-table-swapped', spec: HOOKS, find: "| 1 | `db/migrations/20251118093000_create_webhook_endpoints.sql` | yes | New table |\n| 2 | `db/migrations/20251118093100_create_webhook_deliveries.sql` | yes | References table 1; new table |", replace: "| 1 | `db/migrations/20251118093100_create_webhook_deliveries.sql` | yes | References table 1; new table |\n| 2 | `db/migrations/20251118093000_create_webhook_endpoints.sql` | yes | New table |", rule: 'goose/migration-order' },
  { id: 'webhooks/down-drops-parent-table', spec: HOOKS, find: 'DROP INDEX IF EXISTS idx_webhook_deliveries_due;\nDROP TABLE IF EXISTS webhook_deliveries;', replace: 'DROP INDEX IF EXISTS idx_webhook_deliveries_due;\nDROP TABLE IF EXISTS webhook_endpoints;', rule: 'goose/down-reverses-up', at: 'CREATE TABLE webhook_deliveries (' },
  { id: 'webhooks/dependency-cycle', spec: HOOKS, find: '    - Modify: [internal/httpapi/router.go](../internal/httpapi/router.go) — mount `/webhooks`\n  - _Done condition:_ `make test PKG=./internal/webhooks/... GO="go"` passes, including `TestCreateEndpointRejectsPrivateAddress`.\n  - _Dependencies:_ T-002', replace: '    - Modify: [internal/httpapi/router.go](../internal/httpapi/router.go) — mount `/webhooks`\n  - _Done condition:_ `make test PKG=./internal/webhooks/... GO="go"` passes, including `TestCreateEndpointRejectsPrivateAddress`.\n  - _Dependencies:_ T-004', rule: 'task/dependencies' },
  { id: 'webhooks/go-syntax-whole-file', spec: HOOKS, find: 'func Sign(secret string, t time.Time, body []byte) string {\n', replace: 'func Sign(secret string, t time.Time, body []byte) string\n', rule: 'code/go-syntax' },
  { id: 'webhooks/optional-drift', spec: HOOKS, find: '  secret?: string;', replace: '  secret: string;', rule: 'code/contract-alignment' },
  { id: 'webhooks/story-row-deleted', spec: HOOKS, find: '| US-003 | Recent deliveries and "Send test" | T-002, T-003, T-006 |\n', replace: '', rule: 'trace/story-mapped', at: '#### PRD-driven: Story Mapping' },
  { id: 'webhooks/subsection-renamed', spec: HOOKS, find: '### Backend Benchmarks (Go)', replace: '### Benchmarks', rule: 'template/subsections' },
  // ---- go-repo/tech-specs/completed/audit-event-log.md (a completed spec: its files exist) ------------------
  { id: 'audit-log/unknown-er-in-prose-list', spec: AUDITLOG, find: '  - _Implements:_ ER-001 and ER-002', replace: '  - _Implements:_ ER-001 and ER-005', rule: 'trace/implements-known' },
  { id: 'audit-log/down-keeps-table', spec: AUDITLOG, find: 'DROP INDEX IF EXISTS idx_audit_events_org_occurred;\nDROP TABLE audit_events;', replace: 'DROP INDEX IF EXISTS idx_audit_events_org_occurred;', rule: 'goose/down-reverses-up', at: 'CREATE TABLE audit_events (' },
  { id: 'audit-log/no-open-questions', spec: AUDITLOG, find: '### Open Questions\n\nNone — closed at implementation.\n\n', replace: '', rule: 'template/subsections', at: '### Technical Risks' },
  { id: 'audit-log/done-bare', spec: AUDITLOG, find: '`go test ./internal/projects/... -run TestCreateRecordsAuditEvent` passes.', replace: 'Done.', rule: 'task/done-condition' },
  // ---- guards: forms that must stay errors when the rules learn the accepted forms of issue 12 ------------
  { id: 'guard/npm-install-is-not-a-check', spec: KEYS, find: '`npm --prefix web run test -- src/api/keys.test.ts` passes.', replace: '`npm --prefix web install` completes.', rule: 'task/done-condition' },
  { id: 'guard/docker-command-with-docker-off', spec: KEYS, find: "`go test ./internal/apikeys/... -run 'TestService|TestHandler'` passes with 0 failures.", replace: "`docker compose exec api go test ./internal/apikeys/... -run 'TestService|TestHandler'` passes.", rule: 'task/done-condition' },
  { id: 'guard/dev-server-is-not-a-check', spec: INBOX, find: '`pnpm --filter web test -- src/pages/NotificationSettingsPage.test.tsx` passes.', replace: '`pnpm --filter web dev` passes.', rule: 'task/done-condition' },
  { id: 'guard/yarn-add-is-not-a-check', spec: REMIND, find: '`yarn --cwd web test src/components/appointments` passes.', replace: '`yarn --cwd web add vitest` passes.', rule: 'task/done-condition' },
  { id: 'guard/cd-then-install-is-not-a-check', spec: ARCH, find: '`cd web && npx vitest run src/components/projects/ArchiveBanner.test.tsx` passes.', replace: '`cd web && npm install` passes.', rule: 'task/done-condition' },
  { id: 'guard/goose-up-is-not-a-check', spec: SEARCH, find: '`make test PKG=./internal/tasks/...` passes.', replace: '`goose -dir db/migrations postgres "$DATABASE_URL" up` passes.', rule: 'task/done-condition' },
  { id: 'guard/title-placeholder', spec: IDEM, find: '# Tech Spec: Idempotent shipment booking', replace: '# Tech Spec: [Feature Name]', rule: 'template' },
  { id: 'guard/txxx-dependency', spec: CAL, find: '    - Create: `web/src/hooks/useAppointments.test.tsx`\n  - **Done condition:** `yarn --cwd web test src/hooks/useAppointments.test.tsx` passes; `./scripts/ci.sh` exits 0.\n  - **Dependencies:** T-002', replace: '    - Create: `web/src/hooks/useAppointments.test.tsx`\n  - **Done condition:** `yarn --cwd web test src/hooks/useAppointments.test.tsx` passes; `./scripts/ci.sh` exits 0.\n  - **Dependencies:** T-XXX', rule: 'template/placeholder' },
  { id: 'guard/timestamp-placeholder', spec: VIEWS, find: '20251113103000_create_saved_views', replace: 'YYYYMMDDHHMMSS_create_saved_views', all: true, rule: 'goose/filename', at: '#### `db/migrations/YYYYMMDDHHMMSS_create_saved_views.sql`' },
  { id: 'guard/angle-path-placeholder', spec: AUDIT, find: '    - Create: `deploy/cron/audit-purge.yaml`', replace: '    - Create: `deploy/cron/<job>.yaml`', rule: 'path/placeholder' },
  { id: 'guard/summary-tbd', spec: INBOX, find: 'Status changes of shipments become per-user notifications: stored in PostgreSQL, pushed over the existing\nWebSocket gateway, and shown in a bell menu in `apps/web` with unread counts and per-status preferences.', replace: 'TBD.', rule: 'template' },
  { id: 'guard/bracket-placeholder-in-cell', spec: KEYS, find: '| Keys pasted into public repositories | Account takeover |', replace: '| [Specific technical risk] | Account takeover |', rule: 'template/placeholder' },
  { id: 'guard/prd-link-escapes', spec: ARCH, find: '(../prds/project-archiving.md)', replace: '(../../prds/project-archiving.md)', rule: 'trace/prd-exists' },
  { id: 'guard/prd-link-not-relative-to-spec', spec: INBOX, find: '[docs/prds/notifications-inbox.md](../prds/notifications-inbox.md)', replace: '[docs/prds/notifications-inbox.md](docs/prds/notifications-inbox.md)', rule: 'trace' },
  { id: 'guard/heading-in-other-words', spec: SEARCH, find: '## 2. Architecture & Design Decisions', replace: '## 2. Architecture and Design Decisions', rule: 'template/sections' },
  { id: 'guard/out-of-scope-really-empty', spec: IDEM, find: '**Out of scope:**\n\n- Idempotency for endpoints other than `POST /v1/shipments`.\n- Deduplicating the 312 existing duplicates (support is handling them).\n- Exactly-once delivery of the carrier webhook we send after booking.\n', replace: '**Out of scope:**\n', rule: 'template/requirement-mapping' },
];
