import rule from '../../../src/rules/code/ts-syntax.js';
import { lineOf, prdSpec, replace, runRuleTests } from '../../helpers/rule-tester.js';
import { appendedLine, referenceExamples, withBlock } from './shared.js';

const missingBrace = replace(prdSpec, '  created_at: string;\n}', '  created_at: string;\n');
const badExpr = withBlock('ts', 'export const retries: number = ;');

runRuleTests(rule, {
  valid: [
    { name: 'the fixture spec', spec: prdSpec },
    { name: 'the reference template’s example blocks', spec: referenceExamples() },
    { name: 'a TSX component', spec: withBlock('tsx', 'export function InviteDialog(props: InviteDialogProps) {\n  return <Dialog open={props.open} />;\n}') },
    { name: 'Go generics are not TypeScript', spec: withBlock('go', 'func Keys[K comparable, V any](m map[K]V) []K { return nil }') },
  ],
  invalid: [
    {
      name: 'an expression missing',
      spec: badExpr,
      errors: [{ ruleId: 'code/ts-syntax', line: appendedLine(badExpr, 1), message: 'Expression expected' }],
    },
    {
      name: 'an interface never closed',
      spec: missingBrace,
      errors: [{ ruleId: 'code/ts-syntax', line: lineOf(missingBrace, '  created_at: string;', '**TypeScript request/response types:**') + 1, message: "'}' expected" }],
    },
  ],
});
