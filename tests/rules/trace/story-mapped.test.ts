import rule from '../../../src/rules/trace/story-mapped.js';
import { lineOf, prdSpec, replace, runRuleTests } from '../../helpers/rule-tester.js';
import { legalForms, tablePrd } from '../template/legal-forms.js';

const ID = 'trace/story-mapped';
const ROW3 = '| US-003 | Revoke a pending invite | T-002, T-004 |';
const TABLE_HEADER = '| Story ID | Story Summary | Implementing Tasks |';

/** US-003 implemented by no task and mapped to `cell`. */
const unimplemented = (cell: string) =>
  replace(
    replace(replace(prdSpec, ROW3, `| US-003 | Revoke a pending invite | ${cell} |`), '_Implements:_ US-001, US-003', '_Implements:_ US-001'),
    '_Implements:_ US-001, US-002, US-003',
    '_Implements:_ US-001, US-002',
  );

const noRow3 = replace(prdSpec, `${ROW3}\n`, '');
const extraRow = replace(prdSpec, ROW3, `${ROW3}\n| US-004 | Export invites | T-004 |`);
const noTasks = unimplemented('');
const dash = unimplemented('—');
const badId = replace(prdSpec, ROW3, '| Story 3 | Revoke a pending invite | T-002, T-004 |');
const noTable = replace(
  prdSpec,
  `${TABLE_HEADER}\n|----------|--------------|-------------------|\n| US-001 | Invite a colleague by email | T-001, T-002, T-004 |\n| US-002 | Accept an invite | T-001, T-003, T-004 |\n${ROW3}\n`,
  'All stories are covered.\n',
);
const prdWithUs4 = tablePrd + '| US-004 | Resend an invite | Resending extends the expiry |\n';

runRuleTests(rule, {
  valid: [
    ...legalForms('table-prd', 'list-prd', 'crlf-prd', 'escaped-pipes'),
    { name: 'a story that needs no work, with the reason', spec: unimplemented('None — revoking reuses the existing delete flow') },
    { name: 'an empty tasks cell while a task implements the story is trace/mapping-consistent’s', spec: replace(prdSpec, ROW3, '| US-003 | Revoke a pending invite | |') },
    { name: 'a missing PRD is trace/prd-exists’ finding', spec: replace(prdSpec, '**PRD:** prds/workspace-invites.md', '**PRD:** prds/nope.md') },
  ],
  invalid: [
    { name: 'a PRD story missing from the Story Mapping', spec: noRow3, errors: [{ ruleId: ID, line: lineOf(noRow3, TABLE_HEADER), message: 'US-003 (Revoke a pending invite)' }] },
    { name: 'a mapped story that is not in the PRD', spec: extraRow, errors: [{ ruleId: ID, line: lineOf(extraRow, '| US-004'), message: 'not a story of prds/workspace-invites.md' }] },
    { name: 'a story with no implementing tasks', spec: noTasks, errors: [{ ruleId: ID, line: lineOf(noTasks, '| US-003'), message: 'no implementing tasks' }] },
    { name: 'a story mapped to a dash', spec: dash, errors: [{ ruleId: ID, line: lineOf(dash, '| US-003'), message: 'no implementing tasks' }] },
    { name: 'a bare None without reason', spec: unimplemented('None'), errors: [{ ruleId: ID, line: lineOf(unimplemented('None'), '| US-003') }] },
    {
      name: 'a row without a story id',
      spec: badId,
      errors: [
        { ruleId: ID, line: lineOf(badId, TABLE_HEADER), message: 'US-003' },
        { ruleId: ID, line: lineOf(badId, '| Story 3'), message: 'not a story id' },
      ],
    },
    {
      name: 'no Story Mapping table: reported at the PRD line',
      spec: noTable,
      errors: [
        { ruleId: ID, line: 4, message: 'US-001' },
        { ruleId: ID, line: 4, message: 'US-002' },
        { ruleId: ID, line: 4, message: 'US-003' },
      ],
    },
    { name: 'a PRD story (table PRD) the spec forgot', spec: prdSpec, files: { 'prds/workspace-invites.md': prdWithUs4 }, errors: [{ ruleId: ID, line: lineOf(prdSpec, TABLE_HEADER), message: 'US-004 (Resend an invite)' }] },
  ],
});
