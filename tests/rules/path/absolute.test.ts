import rule from '../../../src/rules/path/absolute.js';
import { lineOf, prdSpec, replace, runRuleTests, type InvalidCase } from '../../helpers/rule-tester.js';
import { bom, crlf, standardValid } from '../task/variants.js';

const id = 'path/absolute';
const ENTRY = '    - Create: `internal/workspace/invites_test.go`';

const entry = (name: string, line: string, message: string): InvalidCase => {
  const spec = replace(prdSpec, ENTRY, line);
  return { name, spec, errors: [{ ruleId: id, line: lineOf(spec, `${line}\n`), message }] };
};

const tableAbs = replace(prdSpec, '| `web/src/App.tsx` | Mount the invite dialog on the members page |', '| `/srv/app/web/src/App.tsx` | Mount the invite dialog on the members page |');

runRuleTests(rule, {
  valid: [
    ...standardValid(),
    { name: 'a `./` prefix stays inside the repository', spec: replace(prdSpec, ENTRY, '    - Create: `./internal/workspace/invites_test.go`') },
    { name: 'a `..` that stays inside the repository', spec: replace(prdSpec, ENTRY, '    - Create: `internal/api/../workspace/invites_test.go`') },
    {
      name: 'an endpoint table’s Path column holds URL paths',
      spec: replace(prdSpec, '### POST /api/v1/workspaces/{workspace_id}/invites\n', '| Method | Path | Handler |\n|--------|------|---------|\n| `POST` | `/api/v1/workspaces/{workspace_id}/invites` | `api.CreateInvite` |\n| GET | /api/v1/invites?status=pending | `api.ListInvites` |\n\n### POST /api/v1/workspaces/{workspace_id}/invites\n'),
    },
    { name: 'an elided `...` is a placeholder, not an escape', spec: replace(prdSpec, ENTRY, '    - Create: `.../invites_test.go`') },
  ],
  invalid: [
    entry('a POSIX absolute path', '    - Create: `/etc/invites/config.yaml`', '"/etc/invites/config.yaml" (T-002) is absolute'),
    entry('an unquoted absolute path', '    - Modify: /work/app/internal/api/router.go — routes', 'is absolute'),
    entry('a Windows drive path', '    - Create: `C:\\src\\invites.go`', 'absolute Windows path'),
    entry('a home-relative path', '    - Create: `~/invites.go`', 'home directory'),
    entry('a `..` escape', '    - Modify: `../shared/router.go` — routes', 'escapes the repository'),
    entry('a deeper `..` escape', '    - Create: `internal/../../outside.go`', 'escapes the repository'),
    {
      name: 'an absolute path in a File Path column next to a Method column',
      spec: replace(prdSpec, '### POST /api/v1/workspaces/{workspace_id}/invites\n', '| Method | File Path |\n|---|---|\n| `POST` | `/srv/app/internal/api/invites.go` |\n\n### POST /api/v1/workspaces/{workspace_id}/invites\n'),
      errors: [{ ruleId: id, line: lineOf(prdSpec, '### POST /api/v1/workspaces/{workspace_id}/invites') + 2, message: 'is absolute' }],
    },
    { name: 'an absolute path in a component table (BOM, CRLF)', spec: bom(crlf(tableAbs)), errors: [{ ruleId: id, line: lineOf(tableAbs, '| `/srv/app/web/src/App.tsx`'), message: 'is absolute' }] },
  ],
});
