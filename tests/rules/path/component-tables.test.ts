import rule from '../../../src/rules/path/component-tables.js';
import { engSpec, lineOf, prdSpec, replace, runRuleTests } from '../../helpers/rule-tester.js';
import { crlf, standardValid } from '../task/variants.js';

const id = 'path/component-tables';

const newNotCreated = replace(
  prdSpec,
  '| `internal/workspace/invites.go` | workspace | `InviteStore`, `InviteService` |',
  '| `internal/workspace/invites.go` | workspace | `InviteStore`, `InviteService` |\n| `internal/workspace/invite_mail.go` | workspace | `SendInvite` |',
);
const modifiedNotModified = replace(engSpec, '| `internal/workspace/members.go` | Replace the per-member loop with `ListByWorkspace` |', '| `internal/workspace/members.go` | Replace the per-member loop with `ListByWorkspace` |\n| `internal/api/router.go` | Nothing |');
const listedAsNew = replace(
  prdSpec,
  '| `web/src/components/invites/InviteDialog.tsx` | Feature | Button, Dialog, Input | `InviteDialogProps` |',
  '| `web/src/components/invites/InviteDialog.tsx` | Feature | Button, Dialog, Input | `InviteDialogProps` |\n| `web/src/App.tsx` | Page | Button | `AppProps` |',
);

runRuleTests(rule, {
  valid: [
    ...standardValid(),
    { name: 'the API client table is not a new/modified files table', spec: replace(prdSpec, '| `createInvite()` | `web/src/api/invites.ts` |', '| `createInvite()` | `web/src/api/other.ts` |') },
    { name: 'a modified-files row for a file a task deletes', spec: replace(engSpec, '    - Create: `internal/workspace/members_bench_test.go`', '    - Create: `internal/workspace/members_bench_test.go`\n    - Delete: `internal/api/router.go`').replace('| `internal/workspace/members.go` | Replace the per-member loop with `ListByWorkspace` |', '| `internal/workspace/members.go` | Replace the per-member loop with `ListByWorkspace` |\n| `internal/api/router.go` | Removed |') },
  ],
  invalid: [
    { name: 'a new file no task creates', spec: newNotCreated, errors: [{ ruleId: id, line: lineOf(newNotCreated, '| `internal/workspace/invite_mail.go`'), message: 'lists `internal/workspace/invite_mail.go`, but no task creates it', severity: 'warning' }] },
    { name: 'a modified file no task modifies (CRLF)', spec: crlf(modifiedNotModified), errors: [{ ruleId: id, line: lineOf(modifiedNotModified, '| `internal/api/router.go` | Nothing |'), message: 'but no task modifies it' }] },
    { name: 'a "new" file a task only modifies', spec: listedAsNew, errors: [{ ruleId: id, line: lineOf(listedAsNew, '| `web/src/App.tsx` | Page |'), message: '(T-004 modifies it)' }] },
  ],
});
