import rule from '../../../src/rules/trace/prd-exists.js';
import { engSpec, prdSpec, replace, runRuleTests } from '../../helpers/rule-tester.js';
import { legalForms } from '../template/legal-forms.js';

const ID = 'trace/prd-exists';
const PRD = '**PRD:** prds/workspace-invites.md';
const withPrd = (value: string) => replace(prdSpec, PRD, `**PRD:** ${value}`);

runRuleTests(rule, {
  valid: [
    ...legalForms('front-matter', 'table-prd', 'list-prd'),
    { name: 'the PRD as a markdown link, relative to the spec file', spec: withPrd('[Workspace invites](../prds/workspace-invites.md)') },
    { name: 'the PRD as a link whose text is the path', spec: withPrd('[prds/workspace-invites.md](../prds/workspace-invites.md)') },
    { name: 'the PRD as a link from the repository root', spec: withPrd('[Workspace invites](/prds/workspace-invites.md)') },
    { name: 'the PRD as a link to a URL, its text the path', spec: withPrd('[prds/workspace-invites.md](https://git.example.test/app/blob/main/prds/workspace-invites.md)') },
    { name: 'a link from a nested spec directory', filePath: 'tech-specs/2026/q4/invites.md', spec: withPrd('[PRD](../../../prds/workspace-invites.md)') },
    { name: 'the PRD in back-ticks', spec: withPrd('`prds/workspace-invites.md`') },
    { name: 'a ./ prefix', spec: withPrd('./prds/workspace-invites.md') },
    { name: 'a root-anchored path (the reference writes /prds for the repository’s prds directory)', spec: withPrd('/prds/workspace-invites.md') },
    { name: 'the template placeholder is template/placeholder’s finding', spec: withPrd('[path to source PRD — omit for engineering-initiated specs]') },
    { name: 'an engineering-initiated spec naming a missing PRD is template/header’s finding', spec: replace(engSpec, '**Author:** Sam Okafor', '**PRD:** prds/nope.md\n**Author:** Sam Okafor') },
    { name: 'a PRD outside prds/ but inside the repository', spec: withPrd('docs/invites-prd.md'), files: { 'docs/invites-prd.md': '# PRD\n\n### US-001: Invite\n\nAcceptance criteria: works.\n' } },
  ],
  invalid: [
    { name: 'a PRD that does not exist', spec: withPrd('prds/workspace-invitations.md'), errors: [{ ruleId: ID, line: 4, message: 'does not exist' }] },
    { name: 'a PRD deleted from the repository', spec: prdSpec, files: { 'prds/workspace-invites.md': null }, errors: [{ ruleId: ID, line: 4, message: 'does not exist' }] },
    { name: 'a directory instead of a file', spec: withPrd('prds'), errors: [{ ruleId: ID, line: 4, message: 'does not exist' }] },
    { name: 'a path that climbs out of the repository', spec: withPrd('../../etc/passwd'), errors: [{ ruleId: ID, line: 4, message: 'escapes the repository' }] },
    { name: 'an absolute path', spec: withPrd('/etc/passwd'), errors: [{ ruleId: ID, line: 4, message: 'escapes the repository' }] },
    { name: 'a root-anchored path whose first directory is not in the repository', spec: withPrd('/product/invites.md'), errors: [{ ruleId: ID, line: 4, message: '`product/invites.md`' }] },
    {
      name: 'a link target written from the repository root',
      spec: withPrd('[Workspace invites](prds/workspace-invites.md)'),
      errors: [{ ruleId: ID, line: 4, message: 'resolves relative to the spec file, to `tech-specs/prds/workspace-invites.md`, which does not exist: write it as `../prds/workspace-invites.md`' }],
    },
    { name: 'a link target that climbs out of the repository', spec: withPrd('[Workspace invites](../../prds/workspace-invites.md)'), errors: [{ ruleId: ID, line: 4, message: 'outside the repository' }] },
    { name: 'a link to a PRD that does not exist', spec: withPrd('[Workspace invites](../prds/nope.md)'), errors: [{ ruleId: ID, line: 4, message: '`prds/nope.md` does not exist' }] },
    {
      name: 'a PRD link whose text is the path and whose target is written from the root',
      spec: withPrd('[prds/workspace-invites.md](prds/workspace-invites.md)'),
      errors: [{ ruleId: ID, line: 4, message: 'resolves relative to the spec file to `tech-specs/prds/workspace-invites.md`; write the target as `../prds/workspace-invites.md`' }],
    },
    { name: 'a PRD link whose target names another PRD', spec: withPrd('[prds/workspace-invites.md](../prds/other.md)'), errors: [{ ruleId: ID, line: 4, message: 'names two paths: its text `prds/workspace-invites.md`' }] },
    {
      name: 'a PRD link whose target climbs out of the repository',
      spec: withPrd('[prds/workspace-invites.md](../../prds/workspace-invites.md)'),
      errors: [{ ruleId: ID, line: 4, message: 'to `../prds/workspace-invites.md`, outside the repository; write the target as `../prds/workspace-invites.md`' }],
    },
    { name: 'a binary PRD', spec: prdSpec, files: { 'prds/workspace-invites.md': '# PRD\u0000\u0001' }, errors: [{ ruleId: ID, line: 4, message: 'cannot be read' }] },
  ],
});
