import rule from '../../../src/rules/task/missing-dependency.js';
import { lineOf, prdSpec, replace, runRuleTests } from '../../helpers/rule-tester.js';
import { crlf, standardValid, unusualFiles, unusualPrdSpec } from './variants.js';

const id = 'task/missing-dependency';

const noDep = replace(prdSpec, '> - _Dependencies:_ T-002', '> - _Dependencies:_ T-001');
const unusualNoDep = replace(unusualPrdSpec(), '> - _Dependencies:_ T-004 (invite dialog)', '> - _Dependencies:_ T-003 (accept endpoint)');
const transitive = replace(
  replace(prdSpec, '    - Modify: `web/src/App.tsx` — mount the dialog', '    - Modify: `web/src/App.tsx` — mount the dialog\n    - Modify: `internal/workspace/invites.go` — expose `List`'),
  '  - _Dependencies:_ T-002, T-003',
  '  - _Dependencies:_ T-003',
);

runRuleTests(rule, {
  valid: [
    ...standardValid(),
    { name: 'a dependency through another task counts', spec: transitive },
  ],
  invalid: [
    {
      name: 'a task modifying a file an earlier task creates without depending on it',
      spec: noDep,
      errors: [{ ruleId: id, line: lineOf(noDep, 'Modify: `internal/api/invites.go`'), message: 'T-003 modifies `internal/api/invites.go`, which T-002 creates, but does not depend on T-002', severity: 'warning' }],
    },
    {
      name: 'task ids in the reason of a None are not dependencies',
      spec: replace(prdSpec, '> - _Dependencies:_ T-002', '> - _Dependencies:_ None — builds on T-002'),
      errors: [{ ruleId: id, line: lineOf(prdSpec, '>   - Modify: `internal/api/invites.go`'), message: 'but does not depend on T-002', severity: 'warning' }],
    },
    {
      name: 'a bracket route file (CRLF)',
      spec: crlf(unusualNoDep),
      files: unusualFiles,
      errors: [{ ruleId: id, line: lineOf(unusualNoDep, '>   - Modify: `web/src/routes/[token].tsx`'), message: 'T-005 modifies `web/src/routes/[token].tsx`, which T-004 creates' }],
    },
  ],
});
