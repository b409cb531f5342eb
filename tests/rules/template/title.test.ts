import rule from '../../../src/rules/template/title.js';
import { lineOf, prdSpec, replace, runRuleTests } from '../../helpers/rule-tester.js';
import { legalForms } from './legal-forms.js';

const ID = 'template/title';
const TITLE = '# Tech Spec: Workspace invites\n';

const noTitle = replace(prdSpec, TITLE, '');
const secondH1 = replace(prdSpec, '## 10. Assumptions', '# Appendix\n\nMore notes.\n\n## 10. Assumptions');
const notFirst = '## Preface\n\nRead this first.\n\n' + prdSpec;

runRuleTests(rule, {
  valid: [
    ...legalForms('bom', 'front-matter', 'spaced-headings'),
    { name: 'extra white space in the title', spec: replace(prdSpec, TITLE, '#   Tech Spec:   Workspace   invites  \n') },
    { name: 'inline code in the name', spec: replace(prdSpec, TITLE, '# Tech Spec: `spec lint` rules\n') },
    { name: 'a placeholder name is template/placeholder’s finding', spec: replace(prdSpec, TITLE, '# Tech Spec: [Feature Name]\n') },
    { name: 'a setext title', spec: replace(prdSpec, TITLE, 'Tech Spec: Workspace invites\n============================\n') },
  ],
  invalid: [
    { name: 'no title at all', spec: noTitle, errors: [{ ruleId: ID, line: lineOf(noTitle, '## 1. Overview'), message: 'missing title' }] },
    { name: 'a title without the Tech Spec prefix', spec: replace(prdSpec, TITLE, '# Workspace invites\n'), errors: [{ ruleId: ID, line: 1, message: '`# Tech Spec: <name>`' }] },
    { name: 'a title without a name', spec: replace(prdSpec, TITLE, '# Tech Spec:\n'), errors: [{ ruleId: ID, line: 1, message: 'no name' }] },
    { name: 'a title with the prefix in another case', spec: replace(prdSpec, TITLE, '# tech spec: Workspace invites\n'), errors: [{ ruleId: ID, line: 1, severity: 'warning' }] },
    { name: 'a longer word than "Spec"', spec: replace(prdSpec, TITLE, '# Tech Specification: Workspace invites\n'), errors: [{ ruleId: ID, line: 1, message: '`# Tech Spec: <name>`' }] },
    { name: 'a dash instead of the colon', spec: replace(prdSpec, TITLE, '# Tech Spec — Workspace invites\n'), errors: [{ ruleId: ID, line: 1, severity: 'warning', message: '`# Tech Spec: Workspace invites`' }] },
    { name: 'a second level-1 heading', spec: secondH1, errors: [{ ruleId: ID, line: lineOf(secondH1, '# Appendix'), message: 'one `#` title' }] },
    { name: 'a heading before the title', spec: notFirst, errors: [{ ruleId: ID, line: lineOf(notFirst, '# Tech Spec:'), message: 'first heading' }] },
  ],
});
