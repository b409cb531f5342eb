import rule from '../../../src/rules/code/ts-no-any.js';
import { prdSpec, runRuleTests } from '../../helpers/rule-tester.js';
import { appendedLine, referenceExamples, withBlock } from './shared.js';

const cast = withBlock('tsx', 'const data = response as any;\nlet x: any; // any:');
const undocumented = withBlock('typescript', 'interface AuditEvent {\n  id: string;\n  payload: any;\n  tags: Array<any>; // any: vendor SDK hands us untyped tags\n}');

runRuleTests(rule, {
  valid: [
    { name: 'the fixture spec', spec: prdSpec },
    { name: 'the reference template’s example blocks', spec: referenceExamples() },
    { name: 'an any documented on its line', spec: withBlock('ts', 'type Payload = Record<string, any>; // any: third-party webhook body, validated at runtime') },
    { name: 'Go’s [T any] is not TypeScript', spec: withBlock('go', 'func First[T any](xs []T) T {\n    return xs[0]\n}') },
    { name: 'the word any in a comment or string', spec: withBlock('ts', '// accepts any invite\nconst label = "any";') },
  ],
  invalid: [
    {
      name: 'an undocumented any',
      spec: undocumented,
      errors: [{ ruleId: 'code/ts-no-any', line: appendedLine(undocumented, 3), message: '// any: <reason>' }],
    },
    {
      name: 'an any cast and a comment without a reason',
      spec: cast,
      errors: [
        { ruleId: 'code/ts-no-any', line: appendedLine(cast, 1) },
        { ruleId: 'code/ts-no-any', line: appendedLine(cast, 2) },
      ],
    },
  ],
});
