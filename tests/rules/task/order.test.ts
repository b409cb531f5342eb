import rule from '../../../src/rules/task/order.js';
import { engSpec, lineOf, prdSpec, replace, runRuleTests } from '../../helpers/rule-tester.js';
import { bom, crlf, standardValid } from './variants.js';

const id = 'task/order';

const phases = replace(prdSpec, '### Phase 2: Backend Logic & API', '### Phase 5: Integration');
const phasesTwice = replace(
  replace(engSpec, '### Phase 1: Data Model', '### Phase 6: Tests'),
  '### Phase 2: Backend Logic & API',
  '### Phase 4: Frontend',
);
const describesLater = replace(
  prdSpec,
  'Add the `CreateInvite` and `RevokeInvite` handlers and register both routes.',
  'Add the `CreateInvite` and `RevokeInvite` handlers, covered by `internal/api/invites_test.go`, and register both routes.',
);
const doneLater = replace(engSpec, '  - _Done condition:_ `goose status` lists the migration as applied.', '  - _Done condition:_ `goose status` lists the migration as applied and `test -f internal/workspace/members_bench_test.go` succeeds.');
const customPhases = replace(replace(engSpec, '### Phase 1: Data Model', '### Phase 1: Preparation'), '### Phase 2: Backend Logic & API', '### Phase 2: Cut-over');

runRuleTests(rule, {
  valid: [
    ...standardValid(),
    { name: 'phase names outside the template are not ordered', spec: customPhases },
    { name: 'a task may name a file it creates itself, or one an earlier task creates', spec: replace(prdSpec, 'Show the 409 message inline.', 'Show the 409 message inline; `internal/api/invites.go` returns it.') },
  ],
  invalid: [
    {
      name: 'a backend phase after the integration phase',
      spec: phases,
      errors: [{ ruleId: id, line: lineOf(phases, '**T-004:**'), message: 'T-004 is in "Phase 4: Frontend" but comes after T-002 in "Phase 5: Integration"' }],
    },
    {
      name: 'one report per out-of-order phase (BOM, CRLF)',
      spec: bom(crlf(phasesTwice)),
      errors: [{ ruleId: id, line: lineOf(phasesTwice, '**T-002:**'), message: 'T-002 is in "Phase 4: Frontend"' }],
    },
    {
      name: 'a description naming a file a later task creates',
      spec: describesLater,
      errors: [{ ruleId: id, line: lineOf(describesLater, 'covered by `internal/api/invites_test.go`'), message: "T-002's description refers to `internal/api/invites_test.go`, which T-003 only creates later" }],
    },
    {
      name: 'a done condition naming a file a later task creates',
      spec: doneLater,
      errors: [{ ruleId: id, line: lineOf(doneLater, 'test -f internal/workspace/members_bench_test.go'), message: "T-001's done condition refers to `internal/workspace/members_bench_test.go`, which T-002" }],
    },
  ],
});
