/**
 * Unusual but legal ways of writing a spec (and its PRD) that every template/… and trace/… rule must accept:
 * shared by the rules' test files as valid cases.
 */
import { engSpec, prdSpec, replace, type TestCase } from '../../helpers/rule-tester.js';

/** The fixture PRD with its stories as a table. */
export const tablePrd = `# PRD: Workspace invites

## User Stories

| ID | Story | Acceptance criteria |
|----|-------|---------------------|
| US-001 | Invite a colleague by email | An admin can send an invite; a member cannot be invited twice |
| US-002 | Accept an invite | A valid link adds me to the workspace |
| US-003 | Revoke a pending invite | A revoked link no longer works |
`;

/** The fixture PRD with its stories as bold list items. */
export const listPrd = `# PRD: Workspace invites

## User Stories

- **US-001:** Invite a colleague by email
  - Acceptance criteria: an admin can send an invite.
- **US-002:** Accept an invite
  - Acceptance criteria: a valid link adds me to the workspace.
- **US-003:** Revoke a pending invite
  - Acceptance criteria: a revoked link no longer works.
`;

const crlf = (s: string) => s.replace(/\r?\n/g, '\r\n');

/** T-002 written in the blockquote form (`> **T-002**: Title`) like T-003. */
export const blockquoteTasks = replace(
  prdSpec,
  `- **T-002:** Invite service and create/revoke endpoints
  - _Implements:_ US-001, US-003
  - _Description:_ Create \`InviteService\` with \`Create\` and \`Revoke\` in \`internal/workspace/invites.go\`. \`Create\` validates the email, rejects existing members with \`ErrInviteExists\`, and stores a pending invite that expires after 72 hours. Add the \`CreateInvite\` and \`RevokeInvite\` handlers and register both routes.
  - _Files:_
    - Create: \`internal/workspace/invites.go\`
    - Create: \`internal/workspace/invites_test.go\`
    - Create: \`internal/api/invites.go\`
    - Modify: \`internal/api/router.go\` — register the invite routes
  - _Done condition:_ \`go test ./internal/workspace/... -run TestInviteService\` passes with 0 failures.
  - _Dependencies:_ T-001 (schema migration)`,
  `> **T-002**: Invite service and create/revoke endpoints
> - _Implements:_ US-001, US-003
> - _Description:_ Create \`InviteService\` with \`Create\` and \`Revoke\` in \`internal/workspace/invites.go\`. \`Create\` validates the email, rejects existing members with \`ErrInviteExists\`, and stores a pending invite that expires after 72 hours. Add the \`CreateInvite\` and \`RevokeInvite\` handlers and register both routes.
> - _Files:_
>   - Create: \`internal/workspace/invites.go\`
>   - Create: \`internal/workspace/invites_test.go\`
>   - Create: \`internal/api/invites.go\`
>   - Modify: \`internal/api/router.go\` — register the invite routes
> - _Done condition:_ \`go test ./internal/workspace/... -run TestInviteService\` passes with 0 failures.
> - _Dependencies:_ T-001 (schema migration)`,
);

/** T-004 written in the heading form (`#### T-004: Title` and its field list). */
export const headingTasks = (() => {
  const start = prdSpec.indexOf('- **T-004:** Invite dialog');
  const end = prdSpec.indexOf('### Phase 5: Integration');
  const block = prdSpec.slice(start, end);
  const rewritten = block
    .replace('- **T-004:** Invite dialog\n', '#### T-004: Invite dialog\n\n')
    .split('\n')
    .map((line) => line.replace(/^  /, ''))
    .join('\n');
  return prdSpec.slice(0, start) + rewritten + prdSpec.slice(end);
})();

/** Headings with extra white space and closing hashes. */
export const spacedHeadings = [
  ['## 3. Data Model', '##   3.   Data Model   '],
  ['### Summary', '###  Summary  ##'],
  ['## 4. API Design', '## 4. API Design ##'],
  ['### Feature Flags', '###    Feature   Flags'],
].reduce((s, [a, b]) => replace(s, `\n${a!}\n`, `\n${b!}\n`), prdSpec);

/** Escaped pipes inside table cells (mapping tables included). */
export const escapedPipes = replace(
  replace(prdSpec, '| US-001 | Invite a colleague by email |', '| US-001 | Invite a colleague by email \\| link |'),
  '| Store invites in PostgreSQL | Redis with TTL expiry |',
  '| Store invites in PostgreSQL \\| not Redis | Redis with TTL expiry |',
);

/** Sections and subsections that say `None — reason` in several ways. */
export const noneSections = replace(
  replace(
    replace(prdSpec, 'None — no existing table changes.', 'None - no existing table changes.'),
    'None — invites need no real-time events.',
    'N/A — invites need no real-time events.',
  ),
  'None — the dialog calls the API directly through the existing client.',
  'None: the dialog calls `web/src/api/client.ts` directly.',
);

/** Front matter and a provenance comment before the title. */
export const frontMatter = `---\ngenerated: true\n---\n<!-- spec:provenance prd=prds/workspace-invites.md model=x -->\n${prdSpec}`;

export type FormName =
  | 'crlf'
  | 'crlf-eng'
  | 'bom'
  | 'blockquote'
  | 'heading-tasks'
  | 'spaced-headings'
  | 'escaped-pipes'
  | 'none-sections'
  | 'front-matter'
  | 'table-prd'
  | 'list-prd'
  | 'crlf-prd';

/** The unusual but legal variants, by name; the PRD variants change the fixture PRD. */
export const FORMS: Record<FormName, TestCase> = {
  crlf: { name: 'CRLF line endings (PRD-driven)', spec: crlf(prdSpec) },
  'crlf-eng': { name: 'CRLF line endings (engineering-initiated)', spec: crlf(engSpec) },
  bom: { name: 'a byte order mark', spec: '\uFEFF' + prdSpec },
  blockquote: { name: 'tasks in the blockquote form', spec: blockquoteTasks },
  'heading-tasks': { name: 'a task in the heading form', spec: headingTasks },
  'spaced-headings': { name: 'headings with extra white space and closing hashes', spec: spacedHeadings },
  'escaped-pipes': { name: 'escaped pipes in table cells', spec: escapedPipes },
  'none-sections': { name: '`None — reason` written with other dashes and N/A', spec: noneSections },
  'front-matter': { name: 'front matter and a provenance comment before the title', spec: frontMatter },
  'table-prd': { name: 'PRD stories written as a table', spec: prdSpec, files: { 'prds/workspace-invites.md': tablePrd } },
  'list-prd': { name: 'PRD stories written as bold list items', spec: prdSpec, files: { 'prds/workspace-invites.md': listPrd } },
  'crlf-prd': { name: 'a CRLF PRD', spec: prdSpec, files: { 'prds/workspace-invites.md': crlf(listPrd) } },
};

/**
 * Valid cases for a rule's test: both fixture specs plus the named variants (every variant when none is
 * named). legal-forms.test.ts runs every variant against every template/… and trace/… rule at once.
 */
export function legalForms(...names: FormName[]): TestCase[] {
  const picked = names.length > 0 ? names : (Object.keys(FORMS) as FormName[]);
  return [
    { name: 'the PRD-driven fixture spec', spec: prdSpec },
    { name: 'the engineering-initiated fixture spec', spec: engSpec },
    ...picked.map((n) => FORMS[n]),
  ];
}

/** Removes the text from `from` (included) up to `to` (excluded, or the end of the text when null). */
export function cut(text: string, from: string, to: string | null): string {
  const i = text.indexOf(from);
  if (i < 0) throw new Error(`cut: text not found: ${JSON.stringify(from)}`);
  const j = to === null ? text.length : text.indexOf(to, i + from.length);
  if (j < 0) throw new Error(`cut: end not found: ${JSON.stringify(to)}`);
  return text.slice(0, i) + text.slice(j);
}

/** Moves the block that starts at `from` (up to `to`) to just before `before`. */
export function move(text: string, from: string, to: string, before: string): string {
  const i = text.indexOf(from);
  const j = text.indexOf(to, i + from.length);
  if (i < 0 || j < 0) throw new Error(`move: block not found: ${JSON.stringify(from)}`);
  const block = text.slice(i, j);
  const rest = text.slice(0, i) + text.slice(j);
  const k = rest.indexOf(before);
  if (k < 0) throw new Error(`move: anchor not found: ${JSON.stringify(before)}`);
  return rest.slice(0, k) + block + rest.slice(k);
}
