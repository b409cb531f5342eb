import rule from '../../../src/rules/trace/task-has-requirement.js';
import { engSpec, lineOf, prdSpec, replace, runRuleTests } from '../../helpers/rule-tester.js';
import { legalForms } from '../template/legal-forms.js';

const ID = 'trace/task-has-requirement';
const T1 = '_Implements:_ US-001, US-002\n';

const none = replace(prdSpec, T1, '_Implements:_ None\n');
const empty = replace(prdSpec, `  - ${T1}`, '  - _Implements:_\n');
const words = replace(engSpec, '_Implements:_ ER-001', '_Implements:_ the performance work');
const blockquote = replace(prdSpec, '> - _Implements:_ US-002', '> - _Implements:_ —');

runRuleTests(rule, {
  valid: [
    ...legalForms('blockquote', 'crlf'),
    { name: 'the template placeholder is template/placeholder’s finding', spec: replace(prdSpec, T1, '_Implements:_ [US-XXX or ER-XXX]\n') },
    { name: 'a task without an Implements field is task/fields’ finding', spec: replace(prdSpec, `  - ${T1}`, '') },
    { name: 'an empty Implements is task/fields’ finding', spec: empty },
    { name: 'the ids as a list below the label', spec: replace(prdSpec, `  - ${T1}`, '  - _Implements:_\n    - US-001\n    - US-002\n') },
  ],
  invalid: [
    { name: 'Implements: None', spec: none, errors: [{ ruleId: ID, line: lineOf(none, '_Implements:_ None'), message: 'T-001 implements no requirement' }] },
    { name: 'words instead of an id', spec: words, errors: [{ ruleId: ID, line: lineOf(words, 'the performance work'), message: 'engineering requirement (ER-001' }] },
    { name: 'a list below the label that names no requirement', spec: replace(prdSpec, `  - ${T1}`, '  - _Implements:_\n    - the invite work\n'), errors: [{ ruleId: ID, line: lineOf(prdSpec, T1) + 1, message: 'T-001 implements no requirement' }] },
    { name: 'a blockquote task', spec: blockquote, errors: [{ ruleId: ID, line: lineOf(blockquote, '> - _Implements:_ —'), message: 'T-003' }] },
  ],
});
