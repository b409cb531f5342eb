import rule from '../../../src/rules/path/modify-exists.js';
import { engSpec, lineOf, prdSpec, replace, runRuleTests } from '../../helpers/rule-tester.js';
import { crlf, standardValid, unusualPrdSpec } from '../task/variants.js';

const id = 'path/modify-exists';

const missing = replace(engSpec, '    - Modify: `internal/workspace/members.go`', '    - Modify: `internal/workspace/member.go`');
const later = replace(
  prdSpec,
  '    - Modify: `internal/api/router.go` — register the invite routes',
  '    - Modify: `internal/api/router.go` — register the invite routes\n    - Modify: `internal/api/invites_test.go` — add create cases',
);
const deleted = replace(prdSpec, '    - Create: `internal/api/invites.go`\n', '    - Create: `internal/api/invites.go`\n    - Delete: `web/src/App.tsx`\n');
const routeMissing = unusualPrdSpec();
const deleteMissing = replace(engSpec, '    - Create: `internal/workspace/members_bench_test.go`', '    - Delete: `internal/workspace/members_old.go`');

runRuleTests(rule, {
  valid: [
    ...standardValid(),
    { name: 'a completed spec is not checked against the repository', spec: missing, filePath: 'tech-specs/completed/member-lookup-index.md' },
    { name: 'a file created earlier in the same task', spec: replace(engSpec, '    - Create: `internal/workspace/members_bench_test.go`', '    - Create: `internal/workspace/members_bench_test.go`\n    - Modify: `internal/workspace/members_bench_test.go` — add the benchmark') },
    { name: 'a directory that exists', spec: replace(engSpec, '    - Modify: `internal/workspace/members.go`', '    - Modify: `internal/workspace`') },
    { name: 'a `./` prefix', spec: replace(engSpec, '    - Modify: `internal/workspace/members.go`', '    - Modify: `./internal/workspace/members.go`') },
  ],
  invalid: [
    { name: 'a file that does not exist', spec: missing, errors: [{ ruleId: id, line: lineOf(missing, 'Modify: `internal/workspace/member.go`'), message: 'T-002 modifies `internal/workspace/member.go`, which does not exist in the repository and no earlier task creates' }] },
    {
      name: 'a completed spec with completed.checkExistence',
      spec: missing,
      filePath: 'tech-specs/completed/member-lookup-index.md',
      config: { completed: { checkExistence: true } },
      errors: [{ ruleId: id, line: lineOf(missing, 'Modify: `internal/workspace/member.go`') }],
    },
    { name: 'a file a later task creates', spec: later, errors: [{ ruleId: id, line: lineOf(later, 'Modify: `internal/api/invites_test.go`'), message: 'T-002 modifies `internal/api/invites_test.go`, but T-003 only creates it later' }] },
    { name: 'a file an earlier task deletes', spec: deleted, errors: [{ ruleId: id, line: lineOf(deleted, 'Modify: `web/src/App.tsx`'), message: 'which T-002 deletes earlier' }] },
    { name: 'a bracket route file that does not exist (CRLF)', spec: crlf(routeMissing), errors: [{ ruleId: id, line: lineOf(routeMissing, 'Modify: web/src/routes/[id].tsx'), message: '`web/src/routes/[id].tsx`, which does not exist' }] },
    { name: 'a deleted file that does not exist', spec: deleteMissing, errors: [{ ruleId: id, line: lineOf(deleteMissing, 'Delete: `internal/workspace/members_old.go`'), message: 'T-002 deletes' }] },
  ],
});
