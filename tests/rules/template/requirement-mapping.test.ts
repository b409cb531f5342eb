import rule from '../../../src/rules/template/requirement-mapping.js';
import { engSpec, lineOf, prdSpec, replace, runRuleTests } from '../../helpers/rule-tester.js';
import { cut, legalForms } from './legal-forms.js';

const ID = 'template/requirement-mapping';
const STORY_HEADING = '#### PRD-driven: Story Mapping\n';
const STORY_TABLE = `| Story ID | Story Summary | Implementing Tasks |
|----------|--------------|-------------------|
| US-001 | Invite a colleague by email | T-001, T-002, T-004 |
| US-002 | Accept an invite | T-001, T-003, T-004 |
| US-003 | Revoke a pending invite | T-002, T-004 |
`;
const ENG_VARIANT = `#### Engineering-initiated: Motivation & Requirements

**Problem:** [Specific, falsifiable description of the technical problem.]

**Why now:** [What trigger makes this urgent — approaching limits, incidents, blocked work, etc.]

**Out of scope:** [Explicit boundaries.]

| Req ID | Requirement | Success Criteria | Priority |
|--------|------------|-----------------|----------|
| ER-001 | [Specific, testable requirement] | [Measurable condition] | must/should/may |

**Requirement-to-Task Mapping:**

| Req ID | Implementing Tasks |
|--------|-------------------|
| ER-001 | T-001, T-002 |
`;
const ENG_START = '#### Engineering-initiated: Motivation & Requirements';

const withInstruction = replace(prdSpec, '### Requirement Mapping\n\n', '### Requirement Mapping\n\n_Use the section that matches the spec type. Delete the other._\n\n');
const bothVariants = replace(prdSpec, '---\n\n## 2. Architecture', `${ENG_VARIANT}\n---\n\n## 2. Architecture`);
const noStoryMapping = replace(prdSpec, `${STORY_HEADING}\n${STORY_TABLE}`, '');
const noStoryTable = replace(prdSpec, STORY_TABLE, 'Every story is covered by the tasks below.\n');
const noStoryHeading = replace(prdSpec, STORY_HEADING, '');
const looseHeading = replace(prdSpec, STORY_HEADING, '#### PRD-Driven: story mapping\n');
const engWithStories = replace(engSpec, '---\n\n## 2. Architecture', `${STORY_HEADING}\n| Story ID | Story Summary | Implementing Tasks |\n|---|---|---|\n| US-001 | Something | T-001 |\n\n---\n\n## 2. Architecture`);
const engNoProblem = cut(engSpec, '**Problem:**', '**Why now:**');
const engEmptyWhyNow = replace(engSpec, '**Why now:** The largest customer crossed 200 members last month and the members page now times out twice a day.', '**Why now:**');
const engNoRequirements = cut(engSpec, '| Req ID | Requirement |', '**Requirement-to-Task Mapping:**');
const engNoMapping = cut(engSpec, '**Requirement-to-Task Mapping:**', '---\n\n## 2. Architecture');
const engNoPriority = replace(
  replace(
    replace(
      replace(engSpec, '| Req ID | Requirement | Success Criteria | Priority |', '| Req ID | Requirement | Success Criteria |'),
      '|--------|------------|-----------------|----------|',
      '|--------|------------|-----------------|',
    ),
    ' | must |',
    ' |',
  ),
  ' | should |',
  ' |',
);
const engNothing = cut(engSpec, ENG_START, '---\n\n## 2. Architecture');
const OUT_OF_SCOPE = '**Out of scope:** Caching member lists, and any change to the members page UI.';
const WHY_NOW = '**Why now:** The largest customer crossed 200 members last month and the members page now times out twice a day.';
const outOfScopeList = replace(engSpec, OUT_OF_SCOPE, '**Out of scope:**\n\n- Caching member lists\n- Any change to the members page UI');
const outOfScopeTight = replace(engSpec, OUT_OF_SCOPE, '**Out of scope:**\n- Caching member lists\n  - nor warming them\n- Any change to the members page UI');
const whyNowBelow = replace(engSpec, WHY_NOW, '_Why now:_\n\nThe largest customer crossed 200 members last month.');
const whyNowQuote = replace(engSpec, WHY_NOW, '**Why now**:\n\n> The largest customer crossed 200 members last month.');
const emptyAboveTable = replace(engSpec, `${OUT_OF_SCOPE}\n`, '**Out of scope:**\n');
const prdWhyNowNote = replace(prdSpec, 'so that teams can grow without support tickets.', 'so that teams can grow without support tickets.\n\n> **Why now:** support handles 40 invite tickets a week.');
const prdWhyNowInMapping = replace(prdSpec, STORY_HEADING, '**Why now:** support handles 40 invite tickets a week.\n\n' + STORY_HEADING);

runRuleTests(rule, {
  valid: [
    ...legalForms('escaped-pipes', 'crlf-eng', 'spaced-headings'),
    { name: 'Out of scope as a list below the label', spec: outOfScopeList },
    { name: 'Out of scope as a nested list right below the label', spec: outOfScopeTight },
    { name: 'Why now as a paragraph below an italic label', spec: whyNowBelow },
    { name: 'Why now as a quote below a label with the colon outside', spec: whyNowQuote },
    { name: 'a PRD-driven spec with a "Why now" note in its Summary', spec: prdWhyNowNote },
    { name: 'an unknown Type is template/header’s finding', spec: replace(prdSpec, '**Type:** PRD-driven', '**Type:** Feature') },
  ],
  invalid: [
    { name: 'the template instruction left in', spec: withInstruction, errors: [{ ruleId: ID, line: lineOf(withInstruction, '_Use the section'), message: 'delete the line' }] },
    { name: 'a PRD-driven spec keeping the engineering variant', spec: bothVariants, errors: [{ ruleId: ID, line: lineOf(bothVariants, ENG_START), message: 'delete the `Engineering-initiated' }] },
    { name: 'a PRD-driven spec without Story Mapping', spec: noStoryMapping, errors: [{ ruleId: ID, line: lineOf(noStoryMapping, '### Requirement Mapping'), message: 'missing Story Mapping' }] },
    { name: 'a Story Mapping heading without its table', spec: noStoryTable, errors: [{ ruleId: ID, line: lineOf(noStoryTable, STORY_HEADING), message: 'no table' }] },
    { name: 'a Story Mapping table without its heading', spec: noStoryHeading, errors: [{ ruleId: ID, line: lineOf(noStoryHeading, '| Story ID'), message: 'add the heading' }] },
    { name: 'a Story Mapping heading written loosely', spec: looseHeading, errors: [{ ruleId: ID, line: lineOf(looseHeading, '#### PRD-Driven'), severity: 'warning' }] },
    { name: 'a Story Mapping heading in other words', spec: replace(prdSpec, STORY_HEADING, '#### Story Mapping\n'), errors: [{ ruleId: ID, line: lineOf(prdSpec, STORY_HEADING), severity: 'error', message: '`#### Story Mapping` should be `#### PRD-driven: Story Mapping`' }] },
    {
      name: 'the engineering heading with "and" for "&"',
      spec: replace(engSpec, ENG_START, '#### Engineering-initiated: Motivation and Requirements'),
      errors: [{ ruleId: ID, line: lineOf(engSpec, ENG_START), severity: 'error', message: 'should be `#### Engineering-initiated: Motivation & Requirements`' }],
    },
    { name: 'an engineering-initiated spec keeping the Story Mapping', spec: engWithStories, errors: [{ ruleId: ID, line: lineOf(engWithStories, STORY_HEADING), message: 'delete the `PRD-driven' }] },
    { name: 'no Problem', spec: engNoProblem, errors: [{ ruleId: ID, line: lineOf(engNoProblem, ENG_START), message: '`**Problem:**`' }] },
    { name: 'an empty Why now', spec: engEmptyWhyNow, errors: [{ ruleId: ID, line: lineOf(engEmptyWhyNow, '**Why now:**'), message: 'empty' }] },
    { name: 'an empty Out of scope right above the requirements table', spec: emptyAboveTable, errors: [{ ruleId: ID, line: lineOf(emptyAboveTable, '**Out of scope:**'), message: '`**Out of scope:**` is empty' }] },
    { name: 'a PRD-driven spec with Why now in its Requirement Mapping', spec: prdWhyNowInMapping, errors: [{ ruleId: ID, line: lineOf(prdWhyNowInMapping, '**Why now:**'), message: 'delete the engineering requirements' }] },
    { name: 'no requirements table', spec: engNoRequirements, errors: [{ ruleId: ID, line: lineOf(engNoRequirements, ENG_START), message: 'requirements table' }] },
    { name: 'no Requirement-to-Task Mapping', spec: engNoMapping, errors: [{ ruleId: ID, line: lineOf(engNoMapping, '| Req ID | Requirement |'), message: 'Requirement-to-Task Mapping' }] },
    { name: 'a requirements table without Priority', spec: engNoPriority, errors: [{ ruleId: ID, line: lineOf(engNoPriority, '| Req ID | Requirement |'), message: 'columns' }] },
    { name: 'an engineering-initiated spec without requirements', spec: engNothing, errors: [{ ruleId: ID, line: lineOf(engNothing, '### Requirement Mapping'), message: 'missing engineering requirements' }] },
  ],
});
