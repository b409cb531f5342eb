import rule from '../../../src/rules/template/sections.js';
import { engSpec, lineOf, prdSpec, replace, runRuleTests } from '../../helpers/rule-tester.js';
import { cut, legalForms, move } from './legal-forms.js';

const ID = 'template/sections';

const noApi = cut(prdSpec, '## 4. API Design', '## 5. Component & Module Design');
const noAssumptions = cut(prdSpec, '## 10. Assumptions', null);
const noOverview = cut(prdSpec, '## 1. Overview', '## 2. Architecture');
const misspelled = replace(prdSpec, '## 2. Architecture & Design Decisions', '## 2. Architecture');
const typo = replace(prdSpec, '## 3. Data Model', '## 3. Data Modle');
const wrongNumber = replace(prdSpec, '## 4. API Design', '## 5. API Design');
const loose = replace(prdSpec, '## 8. Rollout & Operations', '## 8. Rollout and operations');
const andForAmpersand = replace(prdSpec, '## 2. Architecture & Design Decisions', '## 2. Architecture and Design Decisions');
const caseOnly = replace(prdSpec, '## 8. Rollout & Operations', '## 8. rollout & operations');
const punctuation = replace(prdSpec, '## 5. Component & Module Design', '## 5) Component & Module Design:');
const extraWord = replace(prdSpec, '## 7. Testing Strategy', '## 7. Testing Strategy and Plan');
const swapped = move(prdSpec, '## 8. Rollout & Operations', '## 9. Open Questions', '## 7. Testing Strategy');
const duplicate = prdSpec + '\n## 10. Assumptions\n\n- [ASSUMPTION] Invites are sent in English.\n';
const wrongLevel = replace(prdSpec, '## 10. Assumptions', '### 10. Assumptions');
const unknown = replace(prdSpec, '## 10. Assumptions', '## Appendix\n\nGlossary of terms.\n\n## 10. Assumptions');
const subsectionUp = replace(prdSpec, '### Summary\n', '## Summary\n');
const nothing = '# Tech Spec: Nothing\n\n**Type:** Engineering-initiated\n\nJust some prose, no sections.\n';
// the end of the document is swallowed by a fence that is never closed: template/readable reports it alone
const swallowed = replace(prdSpec, '## 9. Open Questions & Risks', '```text\n\n## 9. Open Questions & Risks');

runRuleTests(rule, {
  valid: [
    ...legalForms('spaced-headings', 'crlf', 'none-sections'),
    { name: 'a whole section that says None — reason', spec: replace(engSpec, '## 4. API Design\n\nNone — no endpoint changes; responses stay the same.', '## 4. API Design\n\nNone — the API is unchanged.') },
    { name: 'an unclosed fence that swallowed the last sections', spec: swallowed },
  ],
  invalid: [
    { name: 'a missing section in the middle', spec: noApi, errors: [{ ruleId: ID, line: lineOf(noApi, '## 5. Component'), message: 'missing section `## 4. API Design`: add it before `## 5. Component & Module Design`' }] },
    { name: 'a missing last section', spec: noAssumptions, errors: [{ ruleId: ID, line: lineOf(noAssumptions, '## 9. Open Questions'), message: 'add it after `## 9. Open Questions & Risks`' }] },
    { name: 'a missing first section', spec: noOverview, errors: [{ ruleId: ID, line: lineOf(noOverview, '## 2. Architecture'), message: '`## 1. Overview`' }] },
    { name: 'a truncated title', spec: misspelled, errors: [{ ruleId: ID, line: lineOf(misspelled, '## 2. Architecture'), message: 'should be `## 2. Architecture & Design Decisions`' }] },
    { name: 'a typo', spec: typo, errors: [{ ruleId: ID, line: lineOf(typo, '## 3. Data Modle'), message: 'should be `## 3. Data Model`' }] },
    { name: 'a wrong number', spec: wrongNumber, errors: [{ ruleId: ID, line: lineOf(wrongNumber, '## 5. API Design'), message: 'should be `## 4. API Design`' }] },
    { name: 'a title in another case and with "and"', spec: loose, errors: [{ ruleId: ID, line: lineOf(loose, '## 8. Rollout'), severity: 'error', message: '`## 8. Rollout and operations` should be `## 8. Rollout & Operations`' }] },
    { name: '"and" for "&" is other words: an error naming the title', spec: andForAmpersand, errors: [{ ruleId: ID, line: lineOf(andForAmpersand, '## 2. Architecture and'), severity: 'error', message: 'should be `## 2. Architecture & Design Decisions`' }] },
    { name: 'an extra word is an error', spec: extraWord, errors: [{ ruleId: ID, line: lineOf(extraWord, '## 7. Testing'), severity: 'error', message: 'should be `## 7. Testing Strategy`' }] },
    { name: 'another case alone is a warning', spec: caseOnly, errors: [{ ruleId: ID, line: lineOf(caseOnly, '## 8. rollout'), severity: 'warning', message: 'exactly' }] },
    { name: 'other numbering punctuation and a trailing colon are a warning', spec: punctuation, errors: [{ ruleId: ID, line: lineOf(punctuation, '## 5) Component'), severity: 'warning', message: 'exactly' }] },
    { name: 'two sections swapped', spec: swapped, errors: [{ ruleId: ID, line: lineOf(swapped, '## 7. Testing Strategy'), message: 'out of order' }] },
    { name: 'a duplicated section', spec: duplicate, errors: [{ ruleId: ID, line: lineOf(duplicate, '## 10. Assumptions', '- [ASSUMPTION] Every workspace'), message: 'twice' }] },
    { name: 'a section written as ###', spec: wrongLevel, errors: [{ ruleId: ID, line: lineOf(wrongLevel, '### 10. Assumptions'), message: 'write it as `## 10. Assumptions`' }] },
    { name: 'a section the template does not have', spec: unknown, errors: [{ ruleId: ID, line: lineOf(unknown, '## Appendix'), severity: 'warning', message: 'not one of the template' }] },
    { name: 'a subsection written as ##', spec: subsectionUp, errors: [{ ruleId: ID, line: lineOf(subsectionUp, '## Summary'), message: 'subsection of `## 1. Overview`' }] },
    { name: 'no section at all', spec: nothing, errors: [{ ruleId: ID, line: 1, message: 'none of the template' }] },
  ],
});
