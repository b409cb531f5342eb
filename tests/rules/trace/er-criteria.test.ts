import { describe, expect, it } from 'vitest';
import rule, { unmeasurable } from '../../../src/rules/trace/er-criteria.js';
import { engSpec, lineOf, prdSpec, replace, runRuleTests } from '../../helpers/rule-tester.js';
import { legalForms } from '../template/legal-forms.js';

const ID = 'trace/er-criteria';
const ER1 = '| ER-001 | Listing a workspace\'s members runs a constant number of queries | `BenchmarkListMembers` with 200 members runs ≤ 2 SQL queries | must |';
const ER2 = '| ER-002 | The member lookup uses an index on workspace_id | `EXPLAIN` of the batch query shows an index scan on `idx_workspace_members_workspace_id` | should |';
const er2 = (criteria: string, priority = 'should') => replace(engSpec, ER2, `| ER-002 | The member lookup uses an index on workspace_id | ${criteria} | ${priority} |`);
const MAP2 = '| ER-002 | T-001 |';

const emptyCriteria = er2('');
const vague = er2('Member lookups are faster');
const noSignal = er2('The lookup is in good shape');
const badPriority = er2('`EXPLAIN` shows an index scan', 'high');
const choice = er2('`EXPLAIN` shows an index scan', 'must/should/may');
const noPriority = er2('`EXPLAIN` shows an index scan', '');
const notMapped = replace(engSpec, `${MAP2}\n`, '');
const mappedToNothing = replace(replace(engSpec, MAP2, '| ER-002 | |'), '_Implements:_ ER-002', '_Implements:_ ER-001');
const noMappingTable = replace(
  replace(engSpec, '**Requirement-to-Task Mapping:**\n\n| Req ID | Implementing Tasks |\n|--------|-------------------|\n| ER-001 | T-002 |\n| ER-002 | T-001 |\n', ''),
  '_Implements:_ ER-002',
  '_Implements:_ ER-001',
);
const badId = replace(engSpec, ER1, ER1.replace('| ER-001 |', '| Req 1 |'));

runRuleTests(rule, {
  valid: [
    ...legalForms('crlf-eng'),
    { name: 'an observable outcome without numbers', spec: er2('Connection open, close and error events emit JSON logs with connection_id and user_id fields') },
    { name: 'a capitalised priority', spec: er2('`EXPLAIN` shows an index scan', 'Must') },
    { name: 'a bold priority', spec: er2('`EXPLAIN` shows an index scan', '**may**') },
    { name: 'an ER that needs no task, with the reason', spec: replace(replace(engSpec, MAP2, '| ER-002 | None — the index already exists in production |'), '_Implements:_ ER-002', '_Implements:_ ER-001') },
    { name: 'a mapping row without tasks while a task implements the ER is trace/mapping-consistent’s', spec: replace(engSpec, MAP2, '| ER-002 | |') },
    { name: 'a placeholder criterion is template/placeholder’s', spec: er2('[Measurable condition]') },
    { name: 'a PRD-driven spec has no ERs to check', spec: prdSpec },
  ],
  invalid: [
    { name: 'empty success criteria', spec: emptyCriteria, errors: [{ ruleId: ID, line: lineOf(emptyCriteria, '| ER-002 | The member'), message: 'no success criteria' }] },
    { name: 'vague success criteria', spec: vague, errors: [{ ruleId: ID, line: lineOf(vague, 'are faster'), severity: 'warning', message: '"faster"' }] },
    { name: 'criteria with no measurable signal', spec: noSignal, errors: [{ ruleId: ID, line: lineOf(noSignal, 'good shape'), severity: 'warning' }] },
    { name: 'an unknown priority', spec: badPriority, errors: [{ ruleId: ID, line: lineOf(badPriority, '| high |'), message: '`high` is not one of must, should, may' }] },
    { name: 'the unfilled priority choice', spec: choice, errors: [{ ruleId: ID, line: lineOf(choice, 'must/should/may'), message: 'unfilled choice' }] },
    { name: 'no priority', spec: noPriority, errors: [{ ruleId: ID, line: lineOf(noPriority, '| ER-002 | The member'), message: 'no priority' }] },
    { name: 'an ER missing from the mapping table', spec: notMapped, errors: [{ ruleId: ID, line: lineOf(notMapped, '| ER-002 | The member'), message: 'not in the Requirement-to-Task Mapping (implemented by T-001)' }] },
    { name: 'an ER mapped to nothing and implemented by no task', spec: mappedToNothing, errors: [{ ruleId: ID, line: lineOf(mappedToNothing, '| ER-002 | |'), message: 'maps to no task' }] },
    { name: 'no mapping table and no implementing task', spec: noMappingTable, errors: [{ ruleId: ID, line: lineOf(noMappingTable, '| ER-002 | The member'), message: 'no task implements ER-002' }] },
    { name: 'a row whose id is not an ER id', spec: badId, errors: [{ ruleId: ID, line: lineOf(badId, '| Req 1 |'), message: 'not an engineering requirement id' }] },
  ],
});

describe('unmeasurable', () => {
  const cell = (text: string, code: string[] = []) => ({ text, loc: { line: 1, column: 1, endLine: 1, endColumn: 1 }, code: code.map((value) => ({ value, loc: { line: 1, column: 1, endLine: 1, endColumn: 1 } })) });
  it('accepts numbers, thresholds, commands and observable outcomes', () => {
    expect(unmeasurable(cell('p95 latency < 50ms'))).toBeNull();
    expect(unmeasurable(cell('Migration completes in under 5 minutes'))).toBeNull();
    expect(unmeasurable(cell('BenchmarkX passes', ['BenchmarkX']))).toBeNull();
    expect(unmeasurable(cell('Zero errors in application logs during the window'))).toBeNull();
    expect(unmeasurable(cell('Old and new token formats are accepted during the transition'))).toBeNull();
  });
  it('flags promises without a measure', () => {
    expect(unmeasurable(cell('The code is cleaner and more maintainable'))).toMatch(/cleaner/);
    expect(unmeasurable(cell('Performance is improved'))).toMatch(/improved/);
    expect(unmeasurable(cell('The team is happy with it'))).toMatch(/no number/);
  });
});
