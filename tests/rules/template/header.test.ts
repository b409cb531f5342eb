import rule from '../../../src/rules/template/header.js';
import { engSpec, lineOf, prdSpec, replace, runRuleTests } from '../../helpers/rule-tester.js';
import { legalForms } from './legal-forms.js';

const ID = 'template/header';
const TYPE = '**Type:** PRD-driven';
const PRD = '**PRD:** prds/workspace-invites.md';
const DATE = '**Last updated:** 2026-11-02';
const STATUS = '**Status:** Draft';

const dupAuthor = replace(prdSpec, STATUS, `${STATUS}\n**Author:** Someone Else`);

runRuleTests(rule, {
  valid: [
    ...legalForms('crlf', 'bom', 'front-matter'),
    { name: 'a leap day', spec: replace(prdSpec, DATE, '**Last updated:** 2024-02-29') },
    { name: 'the PRD as a link', spec: replace(prdSpec, PRD, '**PRD:** [Workspace invites](prds/workspace-invites.md)') },
    { name: 'the PRD in back-ticks', spec: replace(prdSpec, PRD, '**PRD:** `prds/workspace-invites.md`') },
    { name: 'the colon outside the bold label', spec: replace(prdSpec, TYPE, '**Type**: PRD-driven') },
    { name: 'Status Approved', spec: replace(prdSpec, STATUS, '**Status:** Approved') },
    { name: 'engineering-initiated with PRD "—"', spec: replace(engSpec, '**Author:** Sam Okafor', '**PRD:** —\n**Author:** Sam Okafor') },
    { name: 'engineering-initiated with PRD "N/A"', spec: replace(engSpec, '**Author:** Sam Okafor', '**PRD:** N/A\n**Author:** Sam Okafor') },
    { name: 'placeholders are template/placeholder’s finding', spec: replace(replace(prdSpec, '**Author:** Dana Reyes', '**Author:** [name]'), DATE, '**Last updated:** [date]') },
  ],
  invalid: [
    { name: 'no Author', spec: replace(prdSpec, '**Author:** Dana Reyes\n', ''), errors: [{ ruleId: ID, line: 1, message: '`**Author:**`' }] },
    { name: 'no Status', spec: replace(prdSpec, `${STATUS}\n`, ''), errors: [{ ruleId: ID, line: 1, message: '`**Status:**`' }] },
    { name: 'no Last updated', spec: replace(prdSpec, `${DATE}\n`, ''), errors: [{ ruleId: ID, line: 1, message: '`**Last updated:**`' }] },
    { name: 'no Type', spec: replace(prdSpec, `${TYPE}\n`, ''), errors: [{ ruleId: ID, line: 1, message: '`**Type:**`' }] },
    { name: 'a PRD-driven spec without a PRD field', spec: replace(prdSpec, `${PRD}\n`, ''), errors: [{ ruleId: ID, line: 1, message: '`**PRD:**`' }] },
    { name: 'a PRD-driven spec with PRD N/A', spec: replace(prdSpec, PRD, '**PRD:** N/A'), errors: [{ ruleId: ID, line: 4, message: 'names its PRD' }] },
    { name: 'the unfilled Type choice', spec: replace(prdSpec, TYPE, '**Type:** PRD-driven | Engineering-initiated'), errors: [{ ruleId: ID, line: 3, message: 'unfilled choice' }] },
    { name: 'an unknown Type', spec: replace(prdSpec, TYPE, '**Type:** Feature'), errors: [{ ruleId: ID, line: 3, message: 'unknown Type' }] },
    { name: 'a Type in the wrong case', spec: replace(prdSpec, TYPE, '**Type:** prd-driven'), errors: [{ ruleId: ID, line: 3, severity: 'warning' }] },
    { name: 'an empty Author', spec: replace(prdSpec, '**Author:** Dana Reyes', '**Author:**'), errors: [{ ruleId: ID, line: 5, message: 'empty' }] },
    { name: 'an impossible date', spec: replace(prdSpec, DATE, '**Last updated:** 2026-02-30'), errors: [{ ruleId: ID, line: 6, message: 'not a real date' }] },
    { name: 'a date in another format', spec: replace(prdSpec, DATE, '**Last updated:** November 2, 2026'), errors: [{ ruleId: ID, line: 6, message: 'YYYY-MM-DD' }] },
    { name: 'a date with slashes', spec: replace(prdSpec, DATE, '**Last updated:** 2026/11/02'), errors: [{ ruleId: ID, line: 6 }] },
    { name: 'an unknown Status', spec: replace(prdSpec, STATUS, '**Status:** Done'), errors: [{ ruleId: ID, line: 7, message: 'unknown Status' }] },
    { name: 'the unfilled Status choice', spec: replace(prdSpec, STATUS, '**Status:** Draft | In Review | Approved'), errors: [{ ruleId: ID, line: 7, message: 'unfilled choice' }] },
    { name: 'a Status in the wrong case', spec: replace(prdSpec, STATUS, '**Status:** in review'), errors: [{ ruleId: ID, line: 7, severity: 'warning' }] },
    { name: 'a duplicated field', spec: dupAuthor, errors: [{ ruleId: ID, line: lineOf(dupAuthor, '**Author:** Someone Else'), message: 'twice' }] },
    {
      name: 'an engineering-initiated spec naming a PRD',
      spec: replace(engSpec, '**Author:** Sam Okafor', '**PRD:** prds/workspace-invites.md\n**Author:** Sam Okafor'),
      errors: [{ ruleId: ID, line: 4, message: 'remove the `**PRD:**` line', severity: 'error' }],
    },
    {
      name: 'an engineering-initiated spec linking a PRD',
      spec: replace(engSpec, '**Author:** Sam Okafor', '**PRD:** [the lookup PRD](../prds/workspace-invites.md)\n**Author:** Sam Okafor'),
      errors: [{ ruleId: ID, line: 4, message: 'omit for engineering-initiated specs', severity: 'error' }],
    },
  ],
});
