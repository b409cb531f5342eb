import rule from '../../../src/rules/trace/implements-known.js';
import { engSpec, lineOf, prdSpec, replace, runRuleTests } from '../../helpers/rule-tester.js';
import { legalForms } from '../template/legal-forms.js';

const ID = 'trace/implements-known';
const T2 = '_Implements:_ US-001, US-003';

const unknownStory = replace(prdSpec, T2, '_Implements:_ US-001, US-009');
const unknownEr = replace(engSpec, '_Implements:_ ER-002', '_Implements:_ ER-002, ER-007');
const notAnId = replace(prdSpec, T2, '_Implements:_ REQ-1');
const erInPrdSpec = replace(prdSpec, T2, '_Implements:_ US-001, ER-001');
const prdMissing = replace(replace(prdSpec, '**PRD:** prds/workspace-invites.md', '**PRD:** prds/nope.md'), T2, '_Implements:_ US-001, US-009');
const storyOnlyInTable = replace(prdSpec, '| US-003 | Revoke a pending invite | T-002, T-004 |', '| US-003 | Revoke a pending invite | T-002, T-004 |\n| US-004 | Export invites | T-004 |');
const storyOnlyInTableUsed = replace(storyOnlyInTable, '_Implements:_ US-001, US-002, US-003', '_Implements:_ US-001, US-002, US-003, US-004');

runRuleTests(rule, {
  valid: [
    ...legalForms('blockquote', 'table-prd', 'list-prd'),
    { name: 'ids with notes', spec: replace(prdSpec, T2, '_Implements:_ US-001 (create), US-003 (revoke)') },
    { name: 'the same id twice', spec: replace(prdSpec, T2, '_Implements:_ US-001, US-003, US-001') },
    { name: 'stories known from the Story Mapping when the PRD is missing', spec: replace(prdSpec, '**PRD:** prds/workspace-invites.md', '**PRD:** prds/nope.md') },
  ],
  invalid: [
    {
      name: 'a story the PRD does not have',
      spec: unknownStory,
      errors: [{ ruleId: ID, line: lineOf(unknownStory, 'US-009'), message: 'T-002 implements US-009, which is not a story of prds/workspace-invites.md' }],
    },
    { name: 'an ER the requirements table does not have', spec: unknownEr, errors: [{ ruleId: ID, line: lineOf(unknownEr, 'ER-007'), message: 'not in the engineering requirements table' }] },
    { name: 'something that is not a requirement id', spec: notAnId, errors: [{ ruleId: ID, line: lineOf(notAnId, 'REQ-1'), message: 'not a requirement id' }] },
    { name: 'an ER in a PRD-driven spec', spec: erInPrdSpec, errors: [{ ruleId: ID, line: lineOf(erInPrdSpec, 'ER-001') }] },
    { name: 'a story outside the Story Mapping when the PRD is missing', spec: prdMissing, errors: [{ ruleId: ID, line: lineOf(prdMissing, 'US-009'), message: 'not in the Story Mapping' }] },
    { name: 'a mapped story the PRD does not have', spec: storyOnlyInTableUsed, errors: [{ ruleId: ID, line: lineOf(storyOnlyInTableUsed, 'US-004', '_Implements:_ US-001, US-002, US-003'), message: 'US-004' }] },
  ],
});
