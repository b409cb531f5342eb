/**
 * The schema rules: goose/schema-reference, goose/no-transaction, goose/backward-compatible,
 * goose/lock-safety, goose/data-model. The fixture repository's migrations create `workspaces (id, name)` and
 * `workspace_members (workspace_id, user_id, role)`: those are the existing tables.
 */
import { engSpec, lineOf, prdSpec, replace, runRuleTests } from '../../helpers/rule-tester.js';
import schemaReference from '../../../src/rules/goose/schema-reference.js';
import noTransaction from '../../../src/rules/goose/no-transaction.js';
import backwardCompatible from '../../../src/rules/goose/backward-compatible.js';
import lockSafety from '../../../src/rules/goose/lock-safety.js';
import dataModel from '../../../src/rules/goose/data-model.js';
import { exampleSql, sql, withMigrations, withoutDataModel, withSecondMigration, withSql } from './helpers.js';

const at = (spec: string, needle: string, after = '#### `migrations/') => lineOf(spec, needle, after);
const up = (...lines: string[]) => withSql(sql('-- +goose Up', ...lines, '-- +goose Down', 'SELECT 1;'), withoutDataModel());
const upNoTx = (...lines: string[]) => withSql(sql('-- +goose NO TRANSACTION', '-- +goose Up', ...lines, '-- +goose Down', 'SELECT 1;'), withoutDataModel());
/** The fixture repository without its migrations: nothing is known about existing tables. */
const noRepoMigrations = { 'migrations/20260101090000_create_workspaces.sql': null, 'migrations/20260101090500_create_workspace_members.sql': null };
const markedNo = (spec: string) => replace(spec, '| yes | New table only; old code ignores it |', '| no | Needs the new code first |');

// ----- goose/schema-reference -------------------------------------------------------------------------------

const fkTypo = withSql(exampleSql.replace('REFERENCES workspaces(id)', 'REFERENCES workspace(id)'));
const fkColumn = withSql(exampleSql.replace('REFERENCES workspaces(id)', 'REFERENCES workspaces(user_id)'));
const indexColumn = up('CREATE INDEX idx_members_rol ON workspace_members (rol);');
const alterColumn = up('ALTER TABLE workspace_members ALTER COLUMN rank SET DEFAULT 0;');
const dropColumn = up('ALTER TABLE workspaces DROP COLUMN title;');
const missingType = up("CREATE TYPE invite_status AS ENUM ('pending', 'accepted');", 'CREATE TABLE invites (id uuid PRIMARY KEY, status invite_state NOT NULL);');
const missingFunction = up('CREATE TRIGGER touch BEFORE UPDATE ON workspaces FOR EACH ROW EXECUTE FUNCTION touch_updated_at();');
const recreate = up('CREATE TABLE workspaces (id uuid PRIMARY KEY);');
const afterDrop = up('DROP TABLE workspace_members;', 'CREATE INDEX idx_wm_user ON workspace_members (user_id);');
const uniqueKeys = up('CREATE TABLE invites (id uuid PRIMARY KEY, email text, UNIQUE (workspace_id, email));');
const secondMigration = withSecondMigration(
  'migrations/20261102130000_invite_events.sql',
  sql('-- +goose Up', 'CREATE TABLE invite_events (id bigserial PRIMARY KEY, invite_id uuid NOT NULL REFERENCES invites(id));', '-- +goose Down', 'DROP TABLE invite_events;'),
);
const secondMigrationTypo = withSecondMigration(
  'migrations/20261102130000_invite_events.sql',
  sql('-- +goose Up', 'CREATE TABLE invite_events (id bigserial PRIMARY KEY, invite_id uuid NOT NULL REFERENCES invites(invite_id));', '-- +goose Down', 'DROP TABLE invite_events;'),
);

runRuleTests(schemaReference, {
  valid: [
    { name: 'the example (a foreign key to an existing table)', spec: prdSpec },
    { name: 'the engineering example (an index on an existing table)', spec: engSpec },
    { name: 'a foreign key to a table an earlier migration of the spec creates', spec: secondMigration },
    { name: 'a repository without migrations: every outside name is unknown', spec: fkTypo, files: noRepoMigrations },
    { name: 'a schema no migration creates is unknown (auth.users)', spec: withSql(exampleSql.replace('REFERENCES workspaces(id)', 'REFERENCES auth.users(id)')) },
    { name: 'IF EXISTS on a missing table or column', spec: up('ALTER TABLE IF EXISTS legacy DROP COLUMN x;', 'ALTER TABLE workspaces DROP COLUMN IF EXISTS title;', 'DROP TABLE IF EXISTS legacy;') },
    { name: 'a DO block that may run DDL makes what follows unknown', spec: up('-- +goose StatementBegin', "DO $$ BEGIN EXECUTE 'CREATE TABLE audit (id int)'; END $$;", '-- +goose StatementEnd', 'CREATE INDEX idx_audit_id ON audit (id);') },
    { name: 'an extension type after CREATE EXTENSION', spec: up('CREATE EXTENSION IF NOT EXISTS citext;', 'CREATE TABLE emails (address citext PRIMARY KEY);') },
    { name: 'a column renamed earlier is used under its new name', spec: up('ALTER TABLE workspaces RENAME COLUMN name TO title;', 'CREATE INDEX idx_ws_title ON workspaces (title);') },
    { name: 'a column added earlier in the same statement list', spec: up('ALTER TABLE workspaces ADD COLUMN slug text;', 'CREATE UNIQUE INDEX idx_ws_slug ON workspaces (slug);') },
    { name: 'a trigger function the migration creates', spec: up('-- +goose StatementBegin', 'CREATE FUNCTION touch() RETURNS trigger AS $$ BEGIN RETURN NEW; END $$ LANGUAGE plpgsql;', '-- +goose StatementEnd', 'CREATE TRIGGER touch BEFORE UPDATE ON workspaces FOR EACH ROW EXECUTE FUNCTION touch();') },
    { name: 'expression index columns and partial index', spec: up('CREATE INDEX idx_ws_lower ON workspaces (lower(name)) WHERE name IS NOT NULL;') },
  ],
  invalid: [
    { name: 'a foreign key to a table nobody creates', spec: fkTypo, errors: [{ ruleId: 'goose/schema-reference', line: at(fkTypo, 'REFERENCES workspace(id)'), message: 'did you mean `workspaces`?' }] },
    { name: 'a foreign key to a column the table does not have', spec: fkColumn, errors: [{ ruleId: 'goose/schema-reference', line: at(fkColumn, 'REFERENCES workspaces(user_id)'), message: 'table `workspaces` has no such column' }] },
    { name: 'an index on a missing column', spec: indexColumn, errors: [{ ruleId: 'goose/schema-reference', line: at(indexColumn, 'CREATE INDEX idx_members_rol'), message: 'did you mean `role`?' }] },
    { name: 'ALTER COLUMN on a missing column', spec: alterColumn, errors: [{ ruleId: 'goose/schema-reference', line: at(alterColumn, 'ALTER TABLE workspace_members'), message: 'column `rank`' }] },
    { name: 'DROP COLUMN of a missing column', spec: dropColumn, errors: [{ ruleId: 'goose/schema-reference', line: at(dropColumn, 'DROP COLUMN title'), message: 'column `title`' }] },
    { name: 'a column type nobody creates', spec: missingType, errors: [{ ruleId: 'goose/schema-reference', line: at(missingType, 'CREATE TABLE invites'), message: 'did you mean `invite_status`?' }] },
    { name: 'a trigger function nobody creates', spec: missingFunction, errors: [{ ruleId: 'goose/schema-reference', line: at(missingFunction, 'CREATE TRIGGER touch'), message: 'touch_updated_at()' }] },
    { name: 'CREATE TABLE of an existing table', spec: recreate, errors: [{ ruleId: 'goose/schema-reference', line: at(recreate, 'CREATE TABLE workspaces'), message: 'already exists' }] },
    { name: 'a table dropped by an earlier statement', spec: afterDrop, errors: [{ ruleId: 'goose/schema-reference', line: at(afterDrop, 'CREATE INDEX idx_wm_user'), message: 'dropped or renamed by an earlier statement' }] },
    { name: 'a UNIQUE constraint on a column the table does not have', spec: uniqueKeys, errors: [{ ruleId: 'goose/schema-reference', line: at(uniqueKeys, 'CREATE TABLE invites'), message: 'column `workspace_id`' }] },
    { name: 'a wrong column of a table the spec creates in an earlier migration', spec: secondMigrationTypo, errors: [{ ruleId: 'goose/schema-reference', line: at(secondMigrationTypo, 'REFERENCES invites(invite_id)', '#### `migrations/20261102130000'), message: 'table `invites` has no such column' }] },
  ],
});

// ----- goose/no-transaction ------------------------------------------------------------------------------------

const concurrently = up('CREATE INDEX CONCURRENTLY idx_members_role ON workspace_members (role);');
const vacuum = up('VACUUM ANALYZE workspaces;');
const downConcurrently = withSql(sql('-- +goose Up', 'CREATE INDEX idx_x ON workspaces (name);', '-- +goose Down', 'DROP INDEX CONCURRENTLY idx_x;'), withoutDataModel());
const createDatabase = up('CREATE DATABASE reporting;');

runRuleTests(noTransaction, {
  valid: [
    { name: 'the engineering example (CONCURRENTLY with NO TRANSACTION)', spec: engSpec },
    { name: 'VACUUM with NO TRANSACTION', spec: upNoTx('VACUUM workspaces;') },
    { name: 'ANALYZE runs in a transaction', spec: up('ANALYZE workspaces;') },
    { name: 'REFRESH MATERIALIZED VIEW CONCURRENTLY runs in a transaction', spec: up('CREATE MATERIALIZED VIEW mv AS SELECT 1 AS x;', 'CREATE UNIQUE INDEX mv_x ON mv (x);', 'REFRESH MATERIALIZED VIEW CONCURRENTLY mv;') },
  ],
  invalid: [
    { name: 'CREATE INDEX CONCURRENTLY in a transaction', spec: concurrently, errors: [{ ruleId: 'goose/no-transaction', line: at(concurrently, 'CREATE INDEX CONCURRENTLY'), message: '-- +goose NO TRANSACTION' }] },
    { name: 'VACUUM', spec: vacuum, errors: [{ ruleId: 'goose/no-transaction', line: at(vacuum, 'VACUUM'), message: 'VACUUM cannot run inside a transaction block' }] },
    { name: 'DROP INDEX CONCURRENTLY in Down', spec: downConcurrently, errors: [{ ruleId: 'goose/no-transaction', line: at(downConcurrently, 'DROP INDEX CONCURRENTLY'), message: '(Down)' }] },
    { name: 'CREATE DATABASE', spec: createDatabase, errors: [{ ruleId: 'goose/no-transaction', line: at(createDatabase, 'CREATE DATABASE'), message: 'CREATE DATABASE' }] },
  ],
});

// ----- goose/backward-compatible ------------------------------------------------------------------------------

const dropsColumn = up('ALTER TABLE workspace_members DROP COLUMN role;');
const renamesColumn = up('ALTER TABLE workspaces RENAME COLUMN name TO display_name;');
const retypes = up('ALTER TABLE workspace_members ALTER COLUMN role TYPE varchar(16);');
const notNull = up('ALTER TABLE workspaces ADD COLUMN slug text NOT NULL;');
const dropsTable = up('DROP TABLE workspace_members;');
const renamesTable = up('ALTER TABLE workspaces RENAME TO teams;');
const twoStep = withMigrations([
  ['migrations/20261102120000_create_invites.sql', sql('-- +goose Up', 'CREATE TABLE invites (id uuid PRIMARY KEY, note text);', '-- +goose Down', 'DROP TABLE invites;')],
  ['migrations/20261102130000_drop_note.sql', sql('-- +goose Up', 'ALTER TABLE invites DROP COLUMN note;', '-- +goose Down', 'ALTER TABLE invites ADD COLUMN note text;')],
]);

runRuleTests(backwardCompatible, {
  valid: [
    { name: 'the example (a new table)', spec: prdSpec },
    { name: 'a dropped column marked no', spec: markedNo(dropsColumn) },
    { name: 'a column dropped from a table an earlier migration of the spec creates', spec: twoStep },
    { name: 'a nullable column', spec: up('ALTER TABLE workspaces ADD COLUMN slug text;') },
    { name: 'a NOT NULL column with a default', spec: up("ALTER TABLE workspaces ADD COLUMN plan text NOT NULL DEFAULT 'free';") },
    { name: 'widening to text', spec: up('ALTER TABLE workspace_members ALTER COLUMN role TYPE text;') },
    { name: 'a NOT NULL column of a new table', spec: up('CREATE TABLE audit (id bigint NOT NULL);') },
  ],
  invalid: [
    { name: 'drops a column', spec: dropsColumn, errors: [{ ruleId: 'goose/backward-compatible', line: at(dropsColumn, 'ALTER TABLE workspace_members'), message: 'drops column role of workspace_members' }] },
    { name: 'renames a column', spec: renamesColumn, errors: [{ ruleId: 'goose/backward-compatible', line: at(renamesColumn, 'RENAME COLUMN'), message: 'renames column name of workspaces to display_name' }] },
    { name: 'changes a type', spec: retypes, errors: [{ ruleId: 'goose/backward-compatible', line: at(retypes, 'ALTER COLUMN role TYPE'), message: 'changes the type of column role' }] },
    { name: 'adds a NOT NULL column without a default', spec: notNull, errors: [{ ruleId: 'goose/backward-compatible', line: at(notNull, 'ADD COLUMN slug'), message: 'NOT NULL column slug without a default' }] },
    { name: 'drops a table', spec: dropsTable, errors: [{ ruleId: 'goose/backward-compatible', line: at(dropsTable, 'DROP TABLE workspace_members'), message: 'drops table workspace_members' }] },
    { name: 'renames a table', spec: renamesTable, errors: [{ ruleId: 'goose/backward-compatible', line: at(renamesTable, 'RENAME TO teams'), message: 'renames table workspaces to teams' }] },
    { name: 'a table the repository does not show still existed before the spec', spec: dropsColumn.replace('workspace_members DROP', 'legacy_members DROP'), files: noRepoMigrations, errors: [{ ruleId: 'goose/backward-compatible', line: at(dropsColumn, 'ALTER TABLE workspace_members'), message: 'drops column role of legacy_members' }] },
  ],
});

// ----- goose/lock-safety ---------------------------------------------------------------------------------------

const index = up('CREATE INDEX idx_members_role ON workspace_members (role);');
const addNotNull = up('ALTER TABLE workspaces ADD COLUMN slug text NOT NULL;');
const volatile = up('ALTER TABLE workspaces ADD COLUMN public_id uuid DEFAULT gen_random_uuid();');
const alterType = up('ALTER TABLE workspace_members ALTER COLUMN role TYPE varchar(16);');
const fk = up('ALTER TABLE workspace_members ADD CONSTRAINT wm_ws_fk FOREIGN KEY (workspace_id) REFERENCES workspaces (id);');
const setNotNull = up('ALTER TABLE workspaces ADD COLUMN slug text;', 'ALTER TABLE workspaces ALTER COLUMN slug SET NOT NULL;');
const rename = up('ALTER TABLE workspaces RENAME COLUMN name TO display_name;');

runRuleTests(lockSafety, {
  valid: [
    { name: 'the example (a new table and its indexes)', spec: prdSpec },
    { name: 'the engineering example (CREATE INDEX CONCURRENTLY, NO TRANSACTION)', spec: engSpec },
    { name: 'a foreign key added NOT VALID, validated later', spec: up('ALTER TABLE workspace_members ADD CONSTRAINT wm_ws_fk FOREIGN KEY (workspace_id) REFERENCES workspaces (id) NOT VALID;') },
    { name: 'SET NOT NULL after a validated check constraint', spec: up('ALTER TABLE workspaces ADD COLUMN slug text;', 'ALTER TABLE workspaces ADD CONSTRAINT ws_slug_nn CHECK (slug IS NOT NULL) NOT VALID;', 'ALTER TABLE workspaces VALIDATE CONSTRAINT ws_slug_nn;', 'ALTER TABLE workspaces ALTER COLUMN slug SET NOT NULL;') },
    { name: 'a constant default', spec: up("ALTER TABLE workspaces ADD COLUMN plan text NOT NULL DEFAULT 'free';", 'ALTER TABLE workspaces ADD COLUMN created_at timestamptz NOT NULL DEFAULT now();') },
    { name: 'an index in a repository without migrations (the table is not known to exist)', spec: index, files: noRepoMigrations },
    { name: 'widening a varchar', spec: up('ALTER TABLE workspace_members ALTER COLUMN role TYPE text;') },
  ],
  invalid: [
    { name: 'a non-concurrent index on an existing table', spec: index, errors: [{ ruleId: 'goose/lock-safety', line: at(index, 'CREATE INDEX'), message: 'CREATE INDEX CONCURRENTLY', severity: 'warning' }] },
    { name: 'ADD COLUMN NOT NULL without a default', spec: addNotNull, errors: [{ ruleId: 'goose/lock-safety', line: at(addNotNull, 'ADD COLUMN slug'), message: 'add it nullable', severity: 'warning' }] },
    { name: 'a volatile default', spec: volatile, errors: [{ ruleId: 'goose/lock-safety', line: at(volatile, 'ADD COLUMN public_id'), message: 'volatile DEFAULT gen_random_uuid()', severity: 'warning' }] },
    { name: 'ALTER COLUMN TYPE', spec: alterType, errors: [{ ruleId: 'goose/lock-safety', line: at(alterType, 'ALTER COLUMN role TYPE'), message: 'add a new column of the new type', severity: 'warning' }] },
    { name: 'a foreign key without NOT VALID', spec: fk, errors: [{ ruleId: 'goose/lock-safety', line: at(fk, 'ADD CONSTRAINT wm_ws_fk'), message: 'NOT VALID, then VALIDATE CONSTRAINT', severity: 'warning' }] },
    { name: 'SET NOT NULL without a check constraint first', spec: setNotNull, errors: [{ ruleId: 'goose/lock-safety', line: at(setNotNull, 'SET NOT NULL'), message: 'CHECK (slug IS NOT NULL) NOT VALID', severity: 'warning' }] },
    { name: 'renaming a column', spec: rename, errors: [{ ruleId: 'goose/lock-safety', line: at(rename, 'RENAME COLUMN'), message: 'write both columns', severity: 'warning' }] },
  ],
});

// ----- goose/data-model ------------------------------------------------------------------------------------------

const retyped = withSql(exampleSql.replace('email TEXT NOT NULL,', 'email VARCHAR(320) NOT NULL,'));
const renamedTable = replace(prdSpec, '#### invites\n', '#### invitations\n');
const missingIndex = replace(prdSpec, '- `idx_invites_workspace_id` on', '- `idx_invites_workspace` on');
const missingColumn = replace(prdSpec, '| email | TEXT | NOT NULL | |\n', '| email | TEXT | NOT NULL | |\n| accepted_at | TIMESTAMPTZ | | |\n');
const aliasType = replace(prdSpec, '| expires_at | TIMESTAMPTZ | NOT NULL | |', '| expires_at | timestamp with time zone | NOT NULL | |');
const modified = (row: string, sqlText: string) =>
  withSql(sqlText, replace(prdSpec, 'None — no existing table changes.\n', `| Table | Change | Migration Notes |\n|-------|--------|----------------|\n${row}\n`));
const modifiedOk = modified('| workspaces | Add column slug TEXT | nullable |', exampleSql.replace('-- +goose Down', 'ALTER TABLE workspaces ADD COLUMN slug text;\n\n-- +goose Down'));
const modifiedType = modified('| workspaces | Add column slug VARCHAR(64) | nullable |', exampleSql.replace('-- +goose Down', 'ALTER TABLE workspaces ADD COLUMN slug text;\n\n-- +goose Down'));
const modifiedMissing = modified('| workspace | Add column slug TEXT | nullable |', exampleSql);

runRuleTests(dataModel, {
  valid: [
    { name: 'the example', spec: prdSpec },
    { name: 'the engineering example (Modified Tables: an index)', spec: engSpec },
    { name: 'another spelling of the same type', spec: aliasType },
    { name: 'Modified Tables: the column the migration adds', spec: modifiedOk },
    { name: 'no migration the model can read: nothing compared', spec: withSql(exampleSql.replace('CREATE TABLE invites (', 'CREATE TABLE invites ((')) },
  ],
  invalid: [
    { name: 'a column listed with another type', spec: retyped, errors: [{ ruleId: 'goose/data-model', line: lineOf(retyped, '| email | TEXT |'), message: 'creates it as varchar(320)' }] },
    { name: 'a table described but never created', spec: renamedTable, errors: [{ ruleId: 'goose/data-model', line: lineOf(renamedTable, '| Column | Type |'), message: 'new table `invitations`' }] },
    { name: 'a listed index no migration creates', spec: missingIndex, errors: [{ ruleId: 'goose/data-model', line: lineOf(missingIndex, '- `idx_invites_workspace` on'), message: 'index `idx_invites_workspace`' }] },
    { name: 'a listed column the migration does not create', spec: missingColumn, errors: [{ ruleId: 'goose/data-model', line: lineOf(missingColumn, '| accepted_at |'), message: 'column `accepted_at`' }] },
    { name: 'Modified Tables: the added column has another type', spec: modifiedType, errors: [{ ruleId: 'goose/data-model', line: lineOf(modifiedType, '| workspaces | Add column slug'), message: 'creates it as text' }] },
    { name: 'Modified Tables: a table nobody creates', spec: modifiedMissing, errors: [{ ruleId: 'goose/data-model', line: lineOf(modifiedMissing, '| workspace | Add column'), message: '`workspace`' }] },
  ],
});
