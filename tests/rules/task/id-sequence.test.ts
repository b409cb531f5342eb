import rule from '../../../src/rules/task/id-sequence.js';
import { engSpec, lineOf, prdSpec, replace, runRuleTests } from '../../helpers/rule-tester.js';
import { crlf, standardValid, unusualPrdSpec, unusualFiles } from './variants.js';

const id = 'task/id-sequence';

const gap = replace(prdSpec, '- **T-004:** Invite dialog', '- **T-005:** Invite dialog');
const duplicate = replace(prdSpec, '> **T-003**: Accept endpoint', '> **T-002**: Accept endpoint');
const shortId = replace(engSpec, '- **T-001:** Index workspace_members.workspace_id', '- **T-1:** Index workspace_members.workspace_id');
const swapped = replace(replace(engSpec, '- **T-001:** Index', '- **T-002:** Index'), '- **T-002:** Batch', '- **T-001:** Batch');
const tasksStart = engSpec.indexOf('### Phase 1: Data Model');
const tasksEnd = engSpec.indexOf('## 7. Testing Strategy');
const noTasks = engSpec.slice(0, tasksStart) + 'None — see section 3.\n\n---\n\n' + engSpec.slice(tasksEnd);
const unbolded = replace(replace(engSpec, '- **T-001:** Index', '- T-001: Index'), '- **T-002:** Batch', '- T-002: Batch');
// a plain id is a task only above its own field list: a list of ids without fields is prose
const idList = engSpec.slice(0, tasksStart) + '- T-001: index the column\n- T-002: batch the lookup\n\n---\n\n' + engSpec.slice(tasksEnd);
const unusualGap = replace(unusualPrdSpec(), '> **T-005**: Accept page wiring', '> **T-006**: Accept page wiring');

runRuleTests(rule, {
  valid: [
    ...standardValid(),
    { name: 'task ids without emphasis above their field lists (CRLF)', spec: crlf(unbolded) },
    { name: 'checkbox tasks with a plain id', spec: replace(replace(engSpec, '- **T-001:** Index', '- [ ] T-001: Index'), '- **T-002:** Batch', '- [x] T-002 — Batch') },
    { name: 'task ids in code', spec: replace(replace(engSpec, '- **T-001:** Index', '- `T-001`: Index'), '- **T-002:** Batch', '- `T-002` — Batch') },
  ],
  invalid: [
    { name: 'a gap in the sequence', spec: gap, errors: [{ ruleId: id, line: lineOf(gap, '**T-005:**'), message: 'T-005 should be T-004' }] },
    { name: 'a gap after a blockquote task', spec: unusualGap, files: unusualFiles, errors: [{ ruleId: id, line: lineOf(unusualGap, '**T-006**'), message: 'should be T-005' }] },
    {
      name: 'a duplicate id is reported at its second occurrence only',
      spec: duplicate,
      errors: [{ ruleId: id, line: lineOf(duplicate, '**T-002**: Accept'), message: 'T-002 is used twice (first at line ' + lineOf(duplicate, '**T-002:**') + ')' }],
    },
    { name: 'an id without three digits', spec: shortId, errors: [{ ruleId: id, line: lineOf(shortId, '**T-1:**'), message: 'Write T-1 as T-001' }] },
    {
      name: 'ids out of document order',
      spec: swapped,
      errors: [
        { ruleId: id, line: lineOf(swapped, '**T-002:** Index'), message: 'T-002 should be T-001' },
        { ruleId: id, line: lineOf(swapped, '**T-001:** Batch'), message: 'T-001 comes after T-002' },
      ],
    },
    { name: 'no tasks at all: reported at the section heading', spec: noTasks, errors: [{ ruleId: id, line: lineOf(noTasks, '## 6. Implementation Tasks'), message: 'has no tasks' }] },
    { name: 'plain ids without fields are no tasks (CRLF)', spec: crlf(idList), errors: [{ ruleId: id, line: lineOf(idList, '## 6. Implementation Tasks'), message: 'has no tasks' }] },
    { name: 'no tasks section at all: line 1', spec: '# Tech Spec: Nothing\n\n**Type:** Engineering-initiated\n', errors: [{ ruleId: id, line: 1, message: 'no implementation tasks' }] },
  ],
});
