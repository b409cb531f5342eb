import rule from '../../../src/rules/task/fields.js';
import { engSpec, lineOf, prdSpec, replace, runRuleTests } from '../../helpers/rule-tester.js';
import { crlf, standardValid } from './variants.js';

const id = 'task/fields';

const noDeps = replace(prdSpec, '  - _Dependencies:_ T-001 (schema migration)\n', '');
const emptyDone = replace(prdSpec, '  - _Done condition:_ `goose status` lists `20261102120000_create_invites.sql` as applied, and `goose down` then `goose up` completes without errors.', '  - _Done condition:_');
const filesNone = replace(engSpec, '  - _Files:_\n    - Create: `migrations/20261028100000_index_workspace_members.sql`\n', '  - _Files:_ None\n');
const quoteNoImplements = replace(prdSpec, '> - _Implements:_ US-002\n', '');
const twoMissing = replace(replace(engSpec, '  - _Implements:_ ER-001\n', ''), '  - _Description:_ Add `ListByWorkspace` to `MemberStore` in `internal/workspace/members.go` and use it in place of the per-member loop.\n', '');
const emptyDeps = replace(engSpec, '  - _Dependencies:_ T-001', '  - _Dependencies:_');

runRuleTests(rule, {
  valid: [
    ...standardValid(),
    { name: 'Dependencies written as an em dash count as None', spec: replace(engSpec, '  - _Dependencies:_ None', '  - _Dependencies:_ —') },
    { name: '"Depends on" and "Done when" labels', spec: replace(replace(engSpec, '  - _Dependencies:_ T-001', '  - _Depends on:_ T-001'), '  - _Done condition:_ `goose status`', '  - _Done when:_ `goose status`') },
  ],
  invalid: [
    { name: 'a task without Dependencies', spec: noDeps, errors: [{ ruleId: id, line: lineOf(noDeps, '**T-002:**'), message: 'T-002 has no Dependencies field' }] },
    { name: 'an empty done condition', spec: emptyDone, errors: [{ ruleId: id, line: lineOf(emptyDone, '_Done condition:_'), message: 'Done condition field is empty' }] },
    { name: 'Files that name no file', spec: filesNone, errors: [{ ruleId: id, line: lineOf(filesNone, '_Files:_ None'), message: 'names no file' }] },
    { name: 'a blockquote task without Implements', spec: quoteNoImplements, errors: [{ ruleId: id, line: lineOf(quoteNoImplements, '**T-003**'), message: 'T-003 has no Implements' }] },
    {
      name: 'two missing fields are two diagnostics at the task id',
      spec: twoMissing,
      errors: [
        { ruleId: id, line: lineOf(twoMissing, '**T-002:**'), message: 'Implements' },
        { ruleId: id, line: lineOf(twoMissing, '**T-002:**'), message: 'Description' },
      ],
    },
    { name: 'empty Dependencies (CRLF)', spec: crlf(emptyDeps), errors: [{ ruleId: id, line: lineOf(emptyDeps, '  - _Dependencies:_\n'), message: 'Dependencies field is empty' }] },
  ],
});
