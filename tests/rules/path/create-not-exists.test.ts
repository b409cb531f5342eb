import rule from '../../../src/rules/path/create-not-exists.js';
import { engSpec, lineOf, prdSpec, replace, runRuleTests } from '../../helpers/rule-tester.js';
import { bom, crlf, standardValid, unusualFiles, unusualPrdSpec } from '../task/variants.js';

const id = 'path/create-not-exists';

const exists = replace(engSpec, '    - Modify: `internal/workspace/members.go` — add `ListByWorkspace` and remove the loop', '    - Create: `internal/workspace/members.go`');
const twice = replace(prdSpec, '- Create: `internal/api/invites_test.go`', '- Create: `internal/workspace/invites.go`');
const twiceInTask = replace(engSpec, '    - Create: `internal/workspace/members_bench_test.go`', '    - Create: `internal/workspace/members_bench_test.go`\n    - Create: internal/workspace/members_bench_test.go');
const recreated = replace(
  engSpec,
  '    - Create: `migrations/20261028100000_index_workspace_members.sql`',
  '    - Create: `migrations/20261028100000_index_workspace_members.sql`\n    - Delete: `internal/workspace/members.go`',
).replace('    - Modify: `internal/workspace/members.go` — add `ListByWorkspace` and remove the loop', '    - Create: `internal/workspace/members.go`');
const routeExists = replace(unusualPrdSpec(), '    - Create: `web/src/routes/[token].tsx` — the accept page', '    - Create: `web/src/routes/[id].tsx` — the accept page');

runRuleTests(rule, {
  valid: [
    ...standardValid(),
    { name: 'a file an earlier task deletes may be created again', spec: recreated },
    { name: 'a completed spec is not checked against the repository', spec: exists, filePath: 'tech-specs/completed/member-lookup-index.md' },
  ],
  invalid: [
    { name: 'a file that already exists', spec: exists, errors: [{ ruleId: id, line: lineOf(exists, 'Create: `internal/workspace/members.go`'), message: 'T-002 creates `internal/workspace/members.go`, which already exists in the repository' }] },
    {
      name: 'a completed spec with completed.checkExistence (BOM)',
      spec: bom(exists),
      filePath: 'tech-specs/completed/member-lookup-index.md',
      config: { completed: { checkExistence: true } },
      errors: [{ ruleId: id, line: lineOf(exists, 'Create: `internal/workspace/members.go`') }],
    },
    { name: 'two tasks create the same file: reported at the second', spec: twice, errors: [{ ruleId: id, line: lineOf(twice, 'Create: `internal/workspace/invites.go`', '> **T-003**'), message: 'T-003 creates `internal/workspace/invites.go`, but T-002 already creates it' }] },
    { name: 'two creations of one file are reported in completed specs too', spec: twice, filePath: 'tech-specs/completed/workspace-invites.md', errors: [{ ruleId: id, line: lineOf(twice, 'Create: `internal/workspace/invites.go`', '> **T-003**') }] },
    { name: 'one task listing a file twice (CRLF)', spec: crlf(twiceInTask), errors: [{ ruleId: id, line: lineOf(twiceInTask, 'Create: internal/workspace/members_bench_test.go'), message: 'T-002 already lists it' }] },
    { name: 'a bracket route file that exists', spec: routeExists, files: unusualFiles, errors: [{ ruleId: id, line: lineOf(routeExists, 'Create: `web/src/routes/[id].tsx`'), message: 'already exists' }] },
  ],
});
