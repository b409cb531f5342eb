/**
 * The spec a spare lints while it warms up (src/resident/spare.ts): the template's shape with requirements,
 * tables, tasks and a migration path, taken from tests/fixtures/repo/tech-specs/member-lookup-index.md
 * without its code blocks and with its done conditions in words, so that linting it loads no code engine.
 */
export const WARM_UP_SPEC = `# Tech Spec: Batch member lookup

**Type:** Engineering-initiated
**Author:** Sam Okafor
**Last updated:** 2026-10-28
**Status:** In Review

---

## 1. Overview

### Summary

Replaces the per-member query in the workspace member lookup with one batch query and an index, so that listing a workspace's members stays fast as workspaces grow.

### Requirement Mapping

#### Engineering-initiated: Motivation & Requirements

**Problem:** \`MemberStore\` loads each member of a workspace with its own \`SELECT\`, so listing a 200-member workspace runs 201 queries and takes 900 ms at p95.

**Why now:** The largest customer crossed 200 members last month and the members page now times out twice a day.

**Out of scope:** Caching member lists, and any change to the members page UI.

| Req ID | Requirement | Success Criteria | Priority |
|--------|------------|-----------------|----------|
| ER-001 | Listing a workspace's members runs a constant number of queries | \`BenchmarkListMembers\` with 200 members runs ≤ 2 SQL queries | must |
| ER-002 | The member lookup uses an index on workspace_id | \`EXPLAIN\` of the batch query shows an index scan on \`idx_workspace_members_workspace_id\` | should |

**Requirement-to-Task Mapping:**

| Req ID | Implementing Tasks |
|--------|-------------------|
| ER-001 | T-002 |
| ER-002 | T-001 |

---

## 2. Architecture & Design Decisions

### System Context

Only the API service's \`workspace\` package and the \`workspace_members\` table change.

### Key Decisions

| Decision | Alternatives Considered | Rationale |
|----------|------------------------|-----------|
| One \`WHERE workspace_id = $1\` query | An in-memory cache | A cache adds invalidation for a problem one query solves |

### New Patterns or Deviations

No new patterns — follows existing conventions.

### Dependencies

None — no new dependencies.

---

## 3. Data Model

### New Tables

None — no new tables.

### Modified Tables

| Table | Change | Migration Notes |
|-------|--------|----------------|
| workspace_members | Add index on workspace_id | Backward-compatible; built concurrently |

### Goose Migrations

#### \`migrations/20261028100000_index_workspace_members.sql\`


**Migration order and compatibility:**

| # | Migration File | Backward Compatible | Notes |
|---|---------------|-------------------|-------|
| 1 | \`migrations/20261028100000_index_workspace_members.sql\` | yes | Runs outside a transaction |

**Verification:** goose status shows all migrations applied.

---

## 4. API Design

None — no endpoint changes; responses stay the same.

---

## 5. Component & Module Design

### Backend (Go) — New Files

None — no new files besides tests.

### Backend (Go) — Modified Files

| File Path | Change Description |
|-----------|-------------------|
| \`internal/workspace/members.go\` | Replace the per-member loop with \`ListByWorkspace\` |

### Backend Interfaces


### Frontend (React/TypeScript) — New Files

None — no frontend work.

### Frontend (React/TypeScript) — Modified Files

None — no frontend work.

### shadcn/ui Components to Install

None — no frontend work.

### Frontend TypeScript Types

None — no frontend work.

### API Client / Hooks

None — no frontend work.

### Error Taxonomy

None — no new errors.

---

## 6. Implementation Tasks

### Phase 1: Data Model

- **T-001:** Index workspace_members.workspace_id
  - _Implements:_ ER-002
  - _Description:_ Add the migration above; it runs without a transaction because the index is built concurrently.
  - _Files:_
    - Create: \`migrations/20261028100000_index_workspace_members.sql\`
  - _Done condition:_ the goose status command lists the migration as applied.
  - _Dependencies:_ None

### Phase 2: Backend Logic & API

- **T-002:** Batch member lookup
  - _Implements:_ ER-001
  - _Description:_ Add \`ListByWorkspace\` to \`MemberStore\` in \`internal/workspace/members.go\` and use it in place of the per-member loop.
  - _Files:_
    - Modify: \`internal/workspace/members.go\` — add \`ListByWorkspace\` and remove the loop
    - Create: \`internal/workspace/members_bench_test.go\`
  - _Done condition:_ TestListByWorkspace passes, and BenchmarkListMembers reports at most 2 queries per operation.
  - _Dependencies:_ T-001

### Phase 3: Real-Time / Events

None — no real-time work.

### Phase 4: Frontend

None — no frontend work.

### Phase 5: Integration

None — nothing to wire.

### Phase 6: Tests

None — tests are part of T-002.

---

## 7. Testing Strategy

### Backend Unit Tests (Go)

| Package / Function | Key Cases | Test Command |
|-------------------|-----------|--------------|
| workspace.ListByWorkspace | empty workspace, 200 members | go test of the package |

### Backend Integration Tests (Go)

None — covered by the unit tests against the test database.

### Backend Benchmarks (Go)

| Benchmark | Target Threshold | Command |
|-----------|-----------------|---------|
| BenchmarkListMembers | ≤ 2 queries per op | go test of the package |

### Frontend Unit Tests (React/TypeScript)

None — no frontend work.

### End-to-End Tests

None — no user-visible change.

### Manual Testing Checklist

- [ ] Open the members page of the largest workspace on staging and check it loads, since staging data cannot be replayed in CI.

---

## 8. Rollout & Operations

### Feature Flags

None — the change is internal.

### Monitoring & Alerts

| Metric | Alert Threshold | Dashboard |
|--------|----------------|-----------|
| members_list_duration_seconds p95 | > 0.2 s for 10 min | Workspaces |

### Backward Compatibility

The index is additive and the query returns the same rows.

### Rollback Procedure

A deploy rollback is enough; the index can stay.

---

## 9. Open Questions & Risks

### Technical Risks

| Risk | Impact | Mitigation |
|------|--------|------------|
| Building the index locks writes | Member changes stall | Build it \`CONCURRENTLY\` |

### Open Questions

None — no open questions.

---

## 10. Assumptions

- [ASSUMPTION] \`workspace_members\` has under 10 million rows, so the index builds in minutes.

---

_Traceability verified: Every requirement (US-XXX or ER-XXX) maps to at least one task. Every task maps to at least one requirement. See self-evaluation (Section 9 of skill) for full criteria._
`;
