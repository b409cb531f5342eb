import rule from '../../../src/rules/task/dependencies.js';
import { engSpec, lineOf, prdSpec, replace, runRuleTests } from '../../helpers/rule-tester.js';
import { bom, crlf, standardValid } from './variants.js';

const id = 'task/dependencies';

const forward = replace(
  replace(prdSpec, '  - _Dependencies:_ T-001 (schema migration)', '  - _Dependencies:_ T-001 (schema migration), T-004 (dialog)'),
  '  - _Dependencies:_ T-002, T-003',
  '  - _Dependencies:_ T-001',
);
const unknown = replace(prdSpec, '> - _Dependencies:_ T-002', '> - _Dependencies:_ T-002, T-009');
const self = replace(prdSpec, '> - _Dependencies:_ T-002', '> - _Dependencies:_ T-003');
const cycle = replace(replace(prdSpec, '  - _Dependencies:_ T-001 (schema migration)', '  - _Dependencies:_ T-003'), '> - _Dependencies:_ T-002', '> - _Dependencies:_ T-002');
const cycle3 = replace(replace(prdSpec, '  - _Dependencies:_ T-001 (schema migration)', '  - _Dependencies:_ T-004'), '  - _Dependencies:_ T-002, T-003', '  - _Dependencies:_ T-003');
const vague = replace(prdSpec, '  - _Dependencies:_ T-002, T-003', '  - _Dependencies:_ Prior tasks');
const twoCycles = replace(replace(replace(prdSpec, '  - _Dependencies:_ None', '  - _Dependencies:_ T-002'), '  - _Dependencies:_ T-001 (schema migration)', '  - _Dependencies:_ T-001'), '> - _Dependencies:_ T-002', '> - _Dependencies:_ T-004');

runRuleTests(rule, {
  valid: [
    ...standardValid(),
    { name: '"none." and "N/A"', spec: replace(engSpec, '  - _Dependencies:_ None', '  - _Dependencies:_ none.') },
    { name: 'N/A', spec: replace(engSpec, '  - _Dependencies:_ None', '  - _Dependencies:_ N/A') },
    ...[
      'None (first task)',
      'None — the table is new',
      'None - the table is new',
      'None; the table is new',
      'None: standalone migration',
      'None, standalone',
      'None.',
      'none',
      'No dependencies (first task)',
      'N/A — first task',
      '—',
    ].map((value) => ({ name: `"${value}" says none`, spec: replace(prdSpec, '  - _Dependencies:_ None', `  - _Dependencies:_ ${value}`) })),
    { name: 'the ids in a None reason are not dependencies', spec: replace(prdSpec, '  - _Dependencies:_ None', '  - _Dependencies:_ None — T-004 only reads what this task writes') },
    { name: 'notes after every id', spec: replace(prdSpec, '  - _Dependencies:_ T-002, T-003', '  - _Dependencies:_ T-002 (invite service and routes), T-003 (accept endpoint)') },
  ],
  invalid: [
    { name: 'a forward reference', spec: forward, errors: [{ ruleId: id, line: lineOf(forward, 'T-004 (dialog)'), message: 'T-002 depends on T-004, which comes later' }] },
    { name: 'an unknown task', spec: unknown, errors: [{ ruleId: id, line: lineOf(unknown, 'T-002, T-009'), message: 'T-009, which does not exist' }] },
    { name: 'a self-dependency', spec: self, errors: [{ ruleId: id, line: lineOf(self, '> - _Dependencies:_ T-003'), message: 'T-003 depends on itself' }] },
    { name: 'a two-task cycle is reported once', spec: cycle, errors: [{ ruleId: id, line: lineOf(cycle, '  - _Dependencies:_ T-003'), message: 'Dependency cycle: T-002 → T-003 → T-002' }] },
    { name: 'a three-task cycle is reported once (CRLF, BOM)', spec: bom(crlf(cycle3)), errors: [{ ruleId: id, line: lineOf(cycle3, '  - _Dependencies:_ T-004'), message: 'Dependency cycle: T-002 → T-004 → T-003 → T-002' }] },
    {
      name: 'two separate cycles are two diagnostics',
      spec: twoCycles,
      errors: [
        { ruleId: id, line: lineOf(twoCycles, '  - _Dependencies:_ T-002'), message: 'T-001 → T-002 → T-001' },
        { ruleId: id, line: lineOf(twoCycles, '> - _Dependencies:_ T-004'), message: 'T-003 → T-004 → T-003' },
      ],
    },
    { name: 'a word that only starts like None', spec: replace(prdSpec, '  - _Dependencies:_ None', '  - _Dependencies:_ Nonessential'), errors: [{ ruleId: id, line: lineOf(prdSpec, '  - _Dependencies:_ None'), message: 'name no task' }] },
    { name: 'dependencies that name no task', spec: vague, errors: [{ ruleId: id, line: lineOf(vague, 'Prior tasks'), message: 'name no task' }] },
  ],
});
