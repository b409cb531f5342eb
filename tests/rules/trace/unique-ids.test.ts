import rule from '../../../src/rules/trace/unique-ids.js';
import { engSpec, lineOf, prdSpec, replace, runRuleTests } from '../../helpers/rule-tester.js';
import { legalForms } from '../template/legal-forms.js';

const ID = 'trace/unique-ids';
const ROW3 = '| US-003 | Revoke a pending invite | T-002, T-004 |';
const ER2 = '| ER-002 | The member lookup uses an index on workspace_id |';

const dupStory = replace(prdSpec, ROW3, `${ROW3}\n| US-001 | Invite again | T-004 |`);
const dupEr = replace(engSpec, ER2, `| ER-001 | The member lookup uses an index on workspace_id |`);
const dupMap = replace(engSpec, '| ER-002 | T-001 |', '| ER-002 | T-001 |\n| ER-001 | T-001 |');

runRuleTests(rule, {
  valid: [...legalForms('escaped-pipes', 'crlf'), { name: 'the same task in several rows', spec: replace(prdSpec, ROW3, '| US-003 | Revoke a pending invite | T-001, T-002, T-004 |') }],
  invalid: [
    { name: 'a story mapped twice', spec: dupStory, errors: [{ ruleId: ID, line: lineOf(dupStory, '| US-001 | Invite again'), message: 'US-001 appears twice in the Story Mapping (first on line 23)' }] },
    { name: 'two requirements with the same id', spec: dupEr, errors: [{ ruleId: ID, line: lineOf(dupEr, '| ER-001 | The member lookup'), message: 'requirements table' }] },
    { name: 'a requirement mapped twice', spec: dupMap, errors: [{ ruleId: ID, line: lineOf(dupMap, '| ER-001 | T-001 |'), message: 'Requirement-to-Task Mapping' }] },
  ],
});
