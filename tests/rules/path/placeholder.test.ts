import rule from '../../../src/rules/path/placeholder.js';
import { lineOf, prdSpec, replace, runRuleTests, type InvalidCase } from '../../helpers/rule-tester.js';
import { crlf, standardValid } from '../task/variants.js';

const id = 'path/placeholder';
const ENTRY = '    - Create: `internal/workspace/invites_test.go`';

/** T-002's second Files entry replaced by `line`; the diagnostic is expected on that line. */
const entry = (name: string, line: string, message?: string): InvalidCase => {
  const spec = replace(prdSpec, ENTRY, line);
  return { name, spec, errors: [{ ruleId: id, line: lineOf(spec, `${line}\n`, '**T-002:**'), ...(message ? { message } : {}) }] };
};
const validEntry = (name: string, line: string, files?: Record<string, string>) => ({ name, spec: replace(prdSpec, ENTRY, line), files });

const migrationToken = replace(
  replace(prdSpec, '#### `migrations/20261102120000_create_invites.sql`', '#### `migrations/[YYYYMMDDHHMMSS]_[description].sql`'),
  '| 1 | `migrations/20261102120000_create_invites.sql` |',
  '| 1 | `migrations/[timestamp]_[description].sql` |',
);
const tableToken = replace(prdSpec, '| `internal/api/router.go` | Register the three invite routes |', '| [exact/path/to/file.go] | Register the three invite routes |');

runRuleTests(rule, {
  valid: [
    ...standardValid(),
    { name: 'an absolute path is left to path/absolute', spec: replace(prdSpec, ENTRY, '    - Create: `/`') },
    validEntry('a route file with a bracket segment', '    - Create: `web/app/invites/[id]/page.tsx`'),
    validEntry('a route file with a bracket file name, unquoted', '    - Create: web/src/routes/[token].tsx'),
    validEntry('a catch-all route', '    - Create: `web/app/docs/[...slug]/page.tsx`'),
    validEntry('an optional catch-all route', '    - Create: `web/app/[[...slug]]/page.tsx`'),
    validEntry('a route parameter called name', '    - Create: `web/app/users/[name]/page.tsx`'),
    validEntry('an extension-less file', '    - Create: `Makefile`'),
    validEntry('a dotfile', '    - Create: `web/.env.example`'),
    validEntry('an existing path with a space', '    - Modify: `docs/User Guide.md` — link invites', { 'docs/User Guide.md': '# Guide\n' }),
  ],
  invalid: [
    entry('`[path]`', '    - Create: [path]', 'is a template placeholder (`[path]`)'),
    entry('`<path>`', '    - Create: <path>', 'template placeholder (`<…>`)'),
    entry('`[exact/path/to/file.go]` in back-ticks', '    - Modify: `[exact/path/to/file.go]` — what changes', 'template placeholder'),
    entry('a `[name]` token outside a route directory', '    - Create: `web/src/components/[name].tsx`', 'contains the template placeholder `[name]`'),
    entry('an elided path', '    - Create: `internal/api/.../invites.go`', 'elided'),
    entry('an ellipsis character', '    - Create: `internal/…/invites.go`', 'elided'),
    entry('path/to', '    - Create: `path/to/invites.go`', '`path/to/…`'),
    entry('a vague place', '    - Create: somewhere in the api folder', 'describes a place'),
    entry('a vague place with a note', '    - Modify: the router — register the routes', 'describes a place'),
    entry('TBD', '    - Create: TBD', 'not decided yet'),
    entry('an unfilled timestamp', '    - Create: `migrations/YYYYMMDDHHMMSS_add_invites.sql`', 'timestamp placeholder'),
    entry('a glob', '    - Modify: `internal/api/*.go` — register', 'pattern'),
    entry('a directory', '    - Create: `internal/invites/`', 'names a directory'),
    entry('a bare word', '    - Create: `invites`', 'does not look like a file path'),
    entry('an entry without a path', '    - Create:', 'with no path'),
    entry('an entry that is only a note', '    - see section 5', 'is not an exact path'),
    { name: 'a placeholder in a component table', spec: tableToken, errors: [{ ruleId: id, line: lineOf(tableToken, '| [exact/path/to/file.go] |'), message: 'the "Backend (Go) — Modified Files" table' }] },
    {
      name: 'placeholders in the migration heading and order table (CRLF)',
      spec: crlf(migrationToken),
      errors: [
        { ruleId: id, line: lineOf(migrationToken, '#### `migrations/[YYYYMMDDHHMMSS]'), message: 'the migration heading' },
        { ruleId: id, line: lineOf(migrationToken, '| 1 | `migrations/[timestamp]'), message: 'the migration order table' },
      ],
    },
  ],
});
