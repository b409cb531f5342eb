import rule from '../../../src/rules/trace/mapping-consistent.js';
import { engSpec, lineOf, prdSpec, replace, runRuleTests } from '../../helpers/rule-tester.js';
import { legalForms } from '../template/legal-forms.js';

const ID = 'trace/mapping-consistent';
const ROW1 = '| US-001 | Invite a colleague by email | T-001, T-002, T-004 |';
const ROW3 = '| US-003 | Revoke a pending invite | T-002, T-004 |';

const tableExtra = replace(prdSpec, '_Implements:_ US-001, US-003', '_Implements:_ US-003');
const tableMissing = replace(prdSpec, ROW3, '| US-003 | Revoke a pending invite | T-002 |');
const noSuchTask = replace(prdSpec, ROW1, '| US-001 | Invite a colleague by email | T-001, T-002, T-004, T-009 |');
const engTable = replace(engSpec, '| ER-001 | T-002 |', '| ER-001 | T-001, T-002 |');
const engUnknownRow = replace(engSpec, '| ER-002 | T-001 |', '| ER-002 | T-001 |\n| ER-003 | T-002 |');
const engTaskMissing = replace(engSpec, '_Implements:_ ER-002', '_Implements:_ ER-002, ER-001');
const blockquote = replace(prdSpec, '> - _Implements:_ US-002', '> - _Implements:_ US-002, US-003');

runRuleTests(rule, {
  valid: [
    ...legalForms('blockquote', 'heading-tasks', 'escaped-pipes', 'crlf-eng', 'list-prd'),
    { name: 'a task without Implements is another rule’s finding', spec: replace(prdSpec, '  - _Implements:_ US-001, US-002\n', '') },
    { name: 'an implemented story missing from the table is trace/story-mapped’s finding', spec: replace(prdSpec, `${ROW3}\n`, '') },
    {
      name: 'tasks swallowed by an unclosed fence are template/readable’s finding',
      spec: replace(prdSpec, 'export type InviteStatus = "pending" | "accepted" | "revoked";\n```\n', 'export type InviteStatus = "pending" | "accepted" | "revoked";\n'),
    },
    { name: 'ids with notes in the table', spec: replace(prdSpec, ROW3, '| US-003 | Revoke a pending invite | T-002 (endpoint), T-004 (button) |') },
  ],
  invalid: [
    {
      name: 'the table lists a task that does not implement the story',
      spec: tableExtra,
      errors: [{ ruleId: ID, line: lineOf(tableExtra, ROW1), message: 'the Story Mapping maps US-001 to T-002, but T-002 implements US-003' }],
    },
    {
      name: 'a task implements a story whose row does not list it',
      spec: tableMissing,
      errors: [{ ruleId: ID, line: lineOf(tableMissing, '_Implements:_ US-001, US-002, US-003'), message: 'T-004 implements US-003, but the Story Mapping row for US-003 does not list T-004' }],
    },
    { name: 'a task that does not exist', spec: noSuchTask, errors: [{ ruleId: ID, line: lineOf(noSuchTask, 'T-009'), message: 'no task T-009' }] },
    { name: 'the ER mapping lists a task that does not implement the ER', spec: engTable, errors: [{ ruleId: ID, line: lineOf(engTable, '| ER-001 | T-001, T-002 |'), message: 'maps ER-001 to T-001' }] },
    { name: 'the ER mapping names an ER the requirements table lacks', spec: engUnknownRow, errors: [{ ruleId: ID, line: lineOf(engUnknownRow, '| ER-003'), message: 'not in the requirements table' }] },
    { name: 'a task implements an ER whose row does not list it', spec: engTaskMissing, errors: [{ ruleId: ID, line: lineOf(engTaskMissing, '_Implements:_ ER-002, ER-001'), message: 'T-001 implements ER-001' }] },
    { name: 'a blockquote task implements a story whose row does not list it', spec: blockquote, errors: [{ ruleId: ID, line: lineOf(blockquote, '> - _Implements:_ US-002, US-003'), message: 'T-003 implements US-003' }] },
  ],
});
