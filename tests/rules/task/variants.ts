/**
 * Lint-clean variants of the two fixture specs in the unusual-but-legal forms the reference and the issue
 * allow, shared by the `task/…` and `path/…` rule tests (not a test file itself).
 */
import { engSpec, prdSpec, replace, type TestCase } from '../../helpers/rule-tester.js';

export const crlf = (text: string): string => text.replace(/\r?\n/g, '\r\n');
export const bom = (text: string): string => `\uFEFF${text}`;

/**
 * The PRD-driven example with: the colon outside the bold id, unquoted paths, a bracket route file created
 * and later modified, an existing bracket route file modified, a Next.js-style route, and dependencies with
 * notes.
 */
export function unusualPrdSpec(): string {
  let s = prdSpec;
  s = replace(s, '- **T-001:** Create the invites table', '- **T-001**: Create the invites table');
  s = replace(s, '    - Create: `internal/workspace/invites.go`\n', '    - Create: internal/workspace/invites.go\n');
  s = replace(
    s,
    '    - Modify: `web/src/App.tsx` — mount the dialog\n',
    [
      '    - Modify: web/src/App.tsx — mount the dialog',
      '    - Create: `web/src/routes/[token].tsx` — the accept page',
      '    - Modify: web/src/routes/[id].tsx — link to the invites',
      '    - Create: web/app/invites/[inviteId]/page.tsx',
      '',
    ].join('\n'),
  );
  s = replace(s, '  - _Dependencies:_ T-002, T-003', '  - _Dependencies:_ T-002 (invite service), T-003 (accept endpoint)');
  s = replace(
    s,
    '### Phase 5: Integration\n\nNone — the dialog calls the API directly through the existing client.\n',
    [
      '### Phase 5: Integration',
      '',
      '> **T-005**: Accept page wiring',
      '> - _Implements:_ US-002',
      '> - _Description:_ Link the accept page in `web/src/routes/[token].tsx` to `AcceptInvite`.',
      '> - _Files:_',
      '>   - Modify: `web/src/routes/[token].tsx` — call the accept endpoint',
      '> - _Done condition:_ `npm run test -- web/src/routes` passes.',
      '> - _Dependencies:_ T-004 (invite dialog)',
      '',
    ].join('\n'),
  );
  return s;
}

/** Repository files the unusual spec expects to exist. */
export const unusualFiles: Record<string, string> = { 'web/src/routes/[id].tsx': 'export default function Page() { return null; }\n' };

/** Valid cases every rule of the two categories must accept. */
export function standardValid(): TestCase[] {
  return [
    { name: 'the PRD-driven example', spec: prdSpec },
    { name: 'the engineering-initiated example', spec: engSpec },
    { name: 'the PRD-driven example with CRLF line ends', spec: crlf(prdSpec) },
    { name: 'the engineering-initiated example with a BOM and CRLF', spec: bom(crlf(engSpec)) },
    { name: 'unusual but legal forms (blockquote tasks, colon outside the bold, unquoted paths, route files, notes)', spec: unusualPrdSpec(), files: unusualFiles },
    { name: 'unusual forms with CRLF and a BOM', spec: bom(crlf(unusualPrdSpec())), files: unusualFiles },
  ];
}
