import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
import rule from '../../../src/rules/template/placeholder.js';
import { TEMPLATE_PLACEHOLDERS, UNFILLED_CHOICES, isAnglePlaceholder, scanText, templateForms } from '../../../src/rules/template/placeholders.js';
import { projectRoot } from '../../helpers/cli.js';
import { engSpec, lineOf, prdSpec, replace, runRuleTests } from '../../helpers/rule-tester.js';
import { legalForms } from './legal-forms.js';

const ID = 'template/placeholder';
const SUMMARY = 'Lets workspace admins invite colleagues by email, and invitees accept or admins revoke those invites, so that teams can grow without support tickets.';
const withSummary = (text: string) => replace(prdSpec, SUMMARY, text);

const tbd = replace(prdSpec, 'No new patterns — follows existing conventions.', 'TBD');
const todoCell = replace(prdSpec, '| Invite emails land in spam | Invitees never join | Send from the verified domain |', '| Invite emails land in spam | Invitees never join | TODO |');
const tXXX = withSummary('Invites are stored by T-XXX and shown by T-00X.');
const doneCondition = replace(
  prdSpec,
  '_Done condition:_ `go test ./internal/api/... -run TestAcceptInvite` passes.',
  '_Done condition:_ [Test command or verifiable assertion]',
);
const doneWithCommand = replace(
  prdSpec,
  '_Done condition:_ `go test ./internal/api/... -run TestAcceptInvite` passes.',
  '_Done condition:_ `go test ./internal/api/... -run TestAcceptInvite` passes and [what to assert].',
);
const scaffold = replace(prdSpec, '- **T-001:** Create the invites table', '- **T-001:** [Task title for US-001]');
const yesNo = replace(prdSpec, '| 1 | `migrations/20261102120000_create_invites.sql` | yes |', '| 1 | `migrations/20261102120000_create_invites.sql` | yes/no |');
const angle = withSummary('Lets admins invite people into <feature name>.');
const rollback = replace(
  prdSpec,
  'Turn the flag off; a deploy rollback is enough. `goose down` to 20260101090000 only if the table must go.',
  '[Exact steps to revert. State whether deploy rollback is sufficient or if `goose down` is needed to reverse schema changes. If goose down is required, specify which migrations to revert and confirm the down migrations have been tested.]',
);
const multiline = withSummary('Lets workspace admins invite colleagues,\nwith the details in [description] below.');
const pathSegment = withSummary('The migration is migrations/[timestamp]_create_invites.sql.');
const engPlaceholders = replace(engSpec, '| ER-002 | The member lookup uses an index on workspace_id |', '| ER-002 | [Specific, testable requirement] |');

const quotedCopy = withSummary('Archived invites show the banner "Archived <date> by <name>" and the toast “Invite sent to <email> on <date>”.');
const quotedBracket = withSummary('The toast says "Invited [name] to [Feature Name]".');
const generics = withSummary('The store returns Promise<Invite[]> from a Map<string, T> and an Array<Path> of routes, and Record<string, Invite>.');
const urlTemplates = withSummary('Routes are /api/v1/workspaces/{workspace_id}/invites/{id} and {baseUrl}/accept?token={token}.');
const codeSpans = withSummary('Templates live in `"Archived <date> by <name>"`, `[name]`, `T-XXX` and `migrations/[timestamp]_x.sql`.');
const htmlTags = replace(prdSpec, '| 409 | Email is already a member |', '| 409 | Email is already a member,<br>or invited <sup>1</sup> |');
const angleAfterQuote = withSummary('The banner reads "Archived". Store the file at <path>.');
const timestamp = withSummary('Name the migration YYYYMMDDHHMMSS_create_invites.sql.');
const usXXX = withSummary('This also covers US-XXX.');

runRuleTests(rule, {
  valid: [
    { name: 'angle-bracket words in quoted UI copy (straight and curly quotes)', spec: quotedCopy },
    { name: 'a template form inside quoted UI copy', spec: quotedBracket },
    { name: 'generics written in prose', spec: generics },
    { name: 'URL templates with braces', spec: urlTemplates },
    { name: 'placeholders in code spans', spec: codeSpans },
    { name: 'HTML tags that are not template forms (<br>, <sup>)', spec: htmlTags },
    ...legalForms('escaped-pipes', 'blockquote', 'front-matter', 'crlf'),
    { name: '[ASSUMPTION] tags, checkboxes and links', spec: withSummary('See [the PRD](prds/workspace-invites.md) and [RFC 9110][rfc].\n\n[rfc]: https://www.rfc-editor.org/rfc/rfc9110\n\n- [ ] unchecked\n- [x] checked') },
    { name: 'route files with brackets, in code and in prose', spec: withSummary('Pages live in `web/src/app/[id]/page.tsx` and web/src/routes/[token].tsx; see `migrations/[name].sql` docs.') },
    { name: 'an index expression and a GitHub alert', spec: withSummary('> [!NOTE]\n> The handler reads items[type] from the map.') },
    { name: 'lower-case words that contain a marker', spec: withSummary('A todo list for admins, tbd-free, with a TBDX feature flag and XXXL sizes.') },
    { name: 'placeholders inside fenced code', spec: replace(prdSpec, '// web/src/types/invites.ts', '// [path] TODO [Feature Name]') },
    {
      name: 'a placeholder path in a component table is path/placeholder’s',
      spec: replace(prdSpec, '| `internal/api/router.go` | Register the three invite routes |', '| [exact/path/to/file.go] | Register the three invite routes |'),
    },
    { name: 'an unfilled done condition is task/done-condition’s', spec: doneCondition },
    { name: 'TBD as the done condition is task/done-condition’s', spec: replace(prdSpec, '_Done condition:_ `go test ./internal/api/... -run TestAcceptInvite` passes.', '_Done condition:_ TBD') },
    { name: 'an escaped bracket that is not a template text', spec: withSummary('The token is \\[redacted\\] in logs.') },
  ],
  invalid: [
    { name: '[Feature Name] in the title', spec: replace(prdSpec, '# Tech Spec: Workspace invites', '# Tech Spec: [Feature Name]'), errors: [{ ruleId: ID, line: 1, message: '`[Feature Name]`' }] },
    { name: '[name] and [date] in the header', spec: replace(replace(prdSpec, '**Author:** Dana Reyes', '**Author:** [name]'), '**Last updated:** 2026-11-02', '**Last updated:** [date]'), errors: [{ ruleId: ID, line: 5 }, { ruleId: ID, line: 6 }] },
    { name: 'TBD as a paragraph', spec: tbd, errors: [{ ruleId: ID, line: lineOf(tbd, 'TBD'), message: '`TBD`' }] },
    { name: 'TODO in a table cell', spec: todoCell, errors: [{ ruleId: ID, line: lineOf(todoCell, '| TODO |') }] },
    { name: 'placeholder task ids', spec: tXXX, errors: [{ ruleId: ID, line: lineOf(tXXX, 'T-XXX'), message: 'T-XXX' }, { ruleId: ID, line: lineOf(tXXX, 'T-XXX'), message: 'T-00X' }] },
    {
      name: 'an unfilled done condition, when task/done-condition is off',
      spec: doneCondition,
      config: { rules: { 'task/done-condition': 'off' } },
      errors: [{ ruleId: ID, line: lineOf(doneCondition, '[Test command') }],
    },
    { name: 'a placeholder after a runnable done condition', spec: doneWithCommand, errors: [{ ruleId: ID, line: lineOf(doneWithCommand, '[what to assert]') }] },
    { name: 'a scaffold task title', spec: scaffold, errors: [{ ruleId: ID, line: lineOf(scaffold, '[Task title for US-001]') }] },
    { name: 'an unfilled Playwright/Cypress choice', spec: replace(prdSpec, '| US-001, US-002 | Playwright |', '| US-001, US-002 | Playwright/Cypress |'), errors: [{ ruleId: ID, line: lineOf(prdSpec, '| US-001, US-002 | Playwright |'), message: 'choice' }] },
    { name: 'an unfilled yes/no choice', spec: yesNo, errors: [{ ruleId: ID, line: lineOf(yesNo, '| yes/no |'), message: 'choice' }] },
    { name: 'an angle-bracket placeholder', spec: angle, errors: [{ ruleId: ID, line: lineOf(angle, '<feature name>') }] },
    { name: 'an angle-bracket placeholder after a closed quote', spec: angleAfterQuote, errors: [{ ruleId: ID, line: lineOf(angleAfterQuote, '<path>'), message: '`<path>`' }] },
    { name: 'an angle-bracket header value', spec: replace(prdSpec, '**Author:** Dana Reyes', '**Author:** <name>'), errors: [{ ruleId: ID, line: 5, message: '`<name>`' }] },
    { name: 'the timestamp placeholder in prose', spec: timestamp, errors: [{ ruleId: ID, line: lineOf(timestamp, 'YYYYMMDDHHMMSS'), message: 'timestamp placeholder `YYYYMMDDHHMMSS`' }] },
    { name: 'a placeholder story id', spec: usXXX, errors: [{ ruleId: ID, line: lineOf(usXXX, 'US-XXX'), message: 'placeholder id `US-XXX`' }] },
    { name: 'a bracket placeholder after a closed quote', spec: withSummary('The toast says "Invited". Owner: [name].'), errors: [{ ruleId: ID, line: lineOf(prdSpec, SUMMARY), message: '`[name]`' }] },
    { name: 'a placeholder interrupted by inline code', spec: rollback, errors: [{ ruleId: ID, line: lineOf(rollback, '[Exact steps to revert') }] },
    { name: 'a placeholder on the second line of a paragraph', spec: multiline, errors: [{ ruleId: ID, line: lineOf(multiline, '[description]') }] },
    { name: 'a placeholder path segment in prose', spec: pathSegment, errors: [{ ruleId: ID, line: lineOf(pathSegment, '[timestamp]') }] },
    { name: 'a placeholder in the ER table', spec: engPlaceholders, errors: [{ ruleId: ID, line: lineOf(engPlaceholders, '[Specific, testable requirement]') }] },
  ],
});

describe('scanText', () => {
  const texts = (s: string) => scanText(s).map((f) => f.text);
  it('finds the template’s own placeholders and markers', () => {
    expect(texts('Owner: [Name], due [Date]; see [e.g., github.com/google/uuid] TBD')).toEqual(['[Name]', '[Date]', '[e.g., github.com/google/uuid]', 'TBD']);
  });
  it('leaves real text alone', () => {
    expect(texts('[ASSUMPTION] [x] [ ] [!WARNING] app/[id]/page.tsx items[type] [sic] [1]')).toEqual([]);
  });
  it('skips generic ids in the template’s closing traceability line', () => {
    expect(texts('Traceability verified: Every requirement (US-XXX or ER-XXX) maps to at least one task.')).toEqual([]);
  });
  it('reports columns inside the text', () => {
    const [f] = scanText('Author is [name].');
    expect(f).toMatchObject({ start: 10, end: 16 });
  });
});

describe('the placeholder forms are the template’s own', () => {
  // templates/tech-spec.md.hbs rendered without data is the reference's output template, byte for byte
  const template = Handlebars.compile(readFileSync(join(projectRoot, 'templates', 'tech-spec.md.hbs'), 'utf8'), { noEscape: true })({});
  const forms = templateForms(template);
  it('TEMPLATE_PLACEHOLDERS is every bracketed text of the template', () => {
    expect([...TEMPLATE_PLACEHOLDERS].sort()).toEqual(forms.brackets);
  });
  it('UNFILLED_CHOICES is every choice the template leaves (the ER priority is trace/er-criteria’s)', () => {
    expect([...UNFILLED_CHOICES].sort()).toEqual(forms.choices.filter((c) => c !== 'must/should/may'));
  });
  it('every placeholder id of the template is found', () => {
    expect(forms.ids).toEqual(['ER-XXX', 'T-00X', 'T-XXX', 'US-XXX']);
    for (const id of forms.ids) expect(scanText(`see ${id}`).map((f) => f.text)).toEqual([id]);
  });
  it('angle brackets: template forms and open points only', () => {
    for (const t of ['<path>', '<feature name>', '<Feature-Name>', '<table_name>', '<date>', '<TODO>']) expect(isAnglePlaceholder(t), t).toBe(true);
    for (const t of ['<br>', '<details>', '<string>', '<email>', '<sup>', '<a href="x">']) expect(isAnglePlaceholder(t), t).toBe(false);
  });
});
