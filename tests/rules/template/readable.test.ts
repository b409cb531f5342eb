import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import rule from '../../../src/rules/template/readable.js';
import { rules as templateRules } from '../../../src/rules/template/index.js';
import { rules as traceRules } from '../../../src/rules/trace/index.js';
import { lintFiles } from '../../../src/lint/engine.js';
import { mergeConfig } from '../../../src/lint/config.js';
import { lineOf, prdSpec, replace, runRuleTests } from '../../helpers/rule-tester.js';
import { legalForms } from './legal-forms.js';

const ID = 'template/readable';

// the last fence of the document loses its closing line: it swallows sections 6 to 10
const unclosedMiddle = replace(prdSpec, 'export type InviteStatus = "pending" | "accepted" | "revoked";\n```\n', 'export type InviteStatus = "pending" | "accepted" | "revoked";\n');
const pipeInCode = replace(prdSpec, '| 400 | Invalid email | `{"error": "invalid email"}` |', '| 400 | Invalid email | `{"error": "a|b"}` |');
const shortRow = replace(
  prdSpec,
  '| ErrInviteExists | 409 | InviteConflictError | This person is already a member | warn |',
  '| ErrInviteExists | 409 | InviteConflictError |',
);
const noDelimiter = replace(
  prdSpec,
  '| Decision | Alternatives Considered | Rationale |\n|----------|------------------------|-----------|\n',
  '| Decision | Alternatives Considered | Rationale |\n',
);

runRuleTests(rule, {
  valid: [
    ...legalForms('crlf', 'bom', 'escaped-pipes', 'blockquote'),
    { name: 'an escaped pipe inside a code span in a cell', spec: replace(prdSpec, '`{"error": "invalid email"}`', '`{"error": "a \\| b"}`') },
    { name: 'a fence of tildes', spec: replace(prdSpec, '```bash\nnpx shadcn-ui@latest add dialog input\n```', '~~~bash\nnpx shadcn-ui@latest add dialog input\n~~~') },
  ],
  invalid: [
    { name: 'an empty file', spec: '', errors: [{ ruleId: ID, line: 1, message: 'empty' }] },
    { name: 'a file of blank lines', spec: '\n\n   \n\n', errors: [{ ruleId: ID, line: 1, message: 'empty' }] },
    { name: 'a binary file (NUL bytes)', spec: '# Tech Spec: x\u0000\u0001\u0002', errors: [{ ruleId: ID, line: 1, message: 'binary' }] },
    {
      name: 'an unclosed fence at the end',
      spec: prdSpec + '\n```go\nfunc main() {}\n',
      errors: [{ ruleId: ID, line: prdSpec.split('\n').length + 1, message: 'unclosed code fence' }],
    },
    { name: 'an unclosed fence swallowing the rest of the spec', spec: unclosedMiddle, errors: [{ ruleId: ID, line: lineOf(unclosedMiddle, '```typescript', '### Frontend TypeScript Types') }] },
    {
      name: 'an unescaped pipe in a code span splits the cell',
      spec: pipeInCode,
      errors: [{ ruleId: ID, line: lineOf(pipeInCode, '| 400 |'), message: 'extra cells', severity: 'warning' }],
    },
    { name: 'a row with missing cells', spec: shortRow, errors: [{ ruleId: ID, line: lineOf(shortRow, '| ErrInviteExists |'), message: 'missing cells', severity: 'warning' }] },
    { name: 'a table without its delimiter row', spec: noDelimiter, errors: [{ ruleId: ID, line: lineOf(noDelimiter, '| Decision |'), message: 'delimiter row', severity: 'warning' }] },
  ],
});

describe('template/readable on files that cannot be read', () => {
  it('reports invalid UTF-8 and nothing else from any template/trace rule', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spec-readable-'));
    try {
      mkdirSync(join(dir, 'tech-specs'));
      const file = join(dir, 'tech-specs', 'latin1.md');
      writeFileSync(file, Buffer.from([0x23, 0x20, 0x54, 0x65, 0x63, 0x68, 0x20, 0xe9, 0x74, 0xe9, 0x0a]));
      const config = mergeConfig({}, dir, null);
      const run = await lintFiles({ config, files: [file], rules: [...templateRules, ...traceRules] });
      const messages = run.results[0]!.messages;
      expect(messages.map((m) => [m.ruleId, m.line])).toEqual([[ID, 1]]);
      expect(messages[0]!.message).toMatch(/UTF-8/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
