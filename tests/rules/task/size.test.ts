import rule from '../../../src/rules/task/size.js';
import { lineOf, prdSpec, replace, runRuleTests } from '../../helpers/rule-tester.js';
import { crlf, standardValid } from './variants.js';

const id = 'task/size';
const T1 = '  - _Description:_ Add the goose migration that creates the `invites` table and its two indexes, exactly as in section 3.';

const sentences = (n: number): string =>
  Array.from({ length: n }, (_, i) => `Step ${i + 1} changes \`internal/workspace/invites.go\` (e.g. the store).`).join(' ');
const withDescription = (text: string): string => replace(prdSpec, T1, `  - _Description:_ ${text}`);

const ten = withDescription(sentences(10));
const twelve = withDescription(sentences(12));

runRuleTests(rule, {
  valid: [
    ...standardValid(),
    { name: 'ten sentences, with dots in paths, code and abbreviations', spec: ten },
    { name: 'a raised threshold', spec: twelve, config: { rules: { 'task/size': ['warn', { maxSentences: 12 }] } } },
  ],
  invalid: [
    { name: 'twelve sentences', spec: twelve, errors: [{ ruleId: id, line: lineOf(twelve, '_Description:_ Step 1'), message: 'has 12 sentences (more than 10)', severity: 'warning' }] },
    { name: 'twelve sentences (CRLF)', spec: crlf(twelve), errors: [{ ruleId: id, line: lineOf(twelve, '_Description:_ Step 1') }] },
    {
      name: 'a lowered threshold',
      spec: prdSpec,
      config: { rules: { 'task/size': ['warn', { maxSentences: 2 }] } },
      errors: [{ ruleId: id, line: lineOf(prdSpec, "_Description:_ Create `InviteService`"), message: 'has 3 sentences (more than 2)' }],
    },
    {
      name: 'as an error when configured so',
      spec: twelve,
      config: { rules: { 'task/size': 'error' } },
      errors: [{ ruleId: id, line: lineOf(twelve, '_Description:_ Step 1'), severity: 'error' }],
    },
  ],
});
