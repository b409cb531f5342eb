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
}

const KEYS = 'go-repo/tech-specs/api-keys.md';
const ARCH = 'go-repo/tech-specs/project-archiving.md';

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
];
