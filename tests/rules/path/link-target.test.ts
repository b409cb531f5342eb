import rule from '../../../src/rules/path/link-target.js';
import { engSpec, lineOf, prdSpec, replace, runRuleTests } from '../../helpers/rule-tester.js';
import { crlf } from '../task/variants.js';

const id = 'path/link-target';
const PRD = '**PRD:** prds/workspace-invites.md';
const CREATE = '    - Create: `internal/workspace/invites.go`\n';
const MODIFY = '    - Modify: `internal/api/router.go` — register the invite routes';
const ROW = '| `internal/api/router.go` | Register the three invite routes |';
const MIGRATION_ROW = '| 1 | `migrations/20261102120000_create_invites.sql` | yes |';

const prd = (link: string) => replace(prdSpec, PRD, `**PRD:** ${link}`);
const create = (link: string) => replace(prdSpec, CREATE, `    - Create: ${link}\n`);

const prdFromRoot = prd('[prds/workspace-invites.md](prds/workspace-invites.md)');
const fileWrong = create('[internal/workspace/invites.go](../internal/api/invites.go)');
const fileFromRoot = create('[internal/workspace/invites.go](internal/workspace/invites.go)');
const rowWrong = replace(prdSpec, ROW, '| [internal/api/router.go](../internal/api/routes.go) | Register the three invite routes |');
const migrationWrong = replace(prdSpec, MIGRATION_ROW, '| 1 | [migrations/20261102120000_create_invites.sql](migrations/20261102120000_create_invites.sql) | yes |');

runRuleTests(rule, {
  valid: [
    { name: 'the fixture spec', spec: prdSpec },
    { name: 'the PRD as a link relative to the spec', spec: prd('[prds/workspace-invites.md](../prds/workspace-invites.md)') },
    { name: 'the PRD as a link from the repository root', spec: prd('[prds/workspace-invites.md](/prds/workspace-invites.md)') },
    { name: 'the PRD as a link with a title and an anchor', spec: prd('[`prds/workspace-invites.md`](../prds/workspace-invites.md#stories "the PRD")') },
    { name: 'the PRD as a link whose text is a title', spec: prd('[Workspace invites](../prds/workspace-invites.md)') },
    { name: 'the PRD as a link to a URL', spec: prd('[prds/workspace-invites.md](https://git.example.test/app/blob/main/prds/workspace-invites.md)') },
    { name: 'a Files entry as a link (CRLF)', spec: crlf(create('[internal/workspace/invites.go](../internal/workspace/invites.go)')) },
    { name: 'a Files entry as a link around code, with a note', spec: replace(prdSpec, MODIFY, '    - Modify: [`internal/api/router.go`](../internal/api/router.go) — register the invite routes') },
    { name: 'a Files entry as a link named by its file name', spec: create('[invites.go](../internal/workspace/invites.go)') },
    { name: 'a component table cell as a link', spec: replace(prdSpec, ROW, '| [internal/api/router.go](../internal/api/router.go) | Register the three invite routes |') },
    { name: 'a migration order cell as a link', spec: replace(prdSpec, MIGRATION_ROW, '| 1 | [migrations/20261102120000_create_invites.sql](../migrations/20261102120000_create_invites.sql) | yes |') },
    { name: 'a spec in a nested directory', filePath: 'tech-specs/2026/invites.md', spec: prd('[prds/workspace-invites.md](../../prds/workspace-invites.md)') },
    { name: 'a PRD link whose text and target disagree is trace/prd-exists’', spec: prdFromRoot },
    { name: 'an engineering-initiated spec’s PRD line is template/header’s', spec: replace(engSpec, '**Author:** Sam Okafor', '**PRD:** [prds/x.md](prds/x.md)\n**Author:** Sam Okafor') },
  ],
  invalid: [
    { name: 'a Files link to another file', spec: fileWrong, errors: [{ ruleId: id, line: lineOf(fileWrong, '    - Create: [internal/workspace'), message: "T-002's Files" }] },
    { name: 'a Files link written from the repository root', spec: fileFromRoot, errors: [{ ruleId: id, line: lineOf(fileFromRoot, '    - Create: [internal/workspace'), message: '`internal/workspace/invites.go` is `../internal/workspace/invites.go`' }] },
    { name: 'a component table link to another file', spec: rowWrong, errors: [{ ruleId: id, line: lineOf(rowWrong, '| [internal/api/router.go]'), message: 'Backend (Go) — Modified Files' }] },
    { name: 'a migration order link written from the repository root', spec: migrationWrong, errors: [{ ruleId: id, line: lineOf(migrationWrong, '| 1 | [migrations/'), message: 'migration order table' }] },
  ],
});
