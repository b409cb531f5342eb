import { describe, expect, it } from 'vitest';
import { endsWithSemicolon, extractAnnotation, parseGooseMigration, statementPosition } from '../../src/sql/goose-parser.js';

const sql = (...lines: string[]) => lines.join('\n') + '\n';

describe('parseGooseMigration', () => {
  it('splits Up and Down with lines and columns', () => {
    const r = parseGooseMigration(
      sql('-- +goose Up', '', 'CREATE TABLE a (', '  id int', ');', '  CREATE INDEX a_id ON a(id);', '-- +goose Down', 'DROP TABLE a;'),
    );
    expect(r.errors).toEqual([]);
    expect(r.up.map((s) => [s.line, s.column, s.endLine])).toEqual([
      [3, 1, 5],
      [6, 3, 6],
    ]);
    expect(r.down[0]).toMatchObject({ text: 'DROP TABLE a;', line: 8, direction: 'down' });
    expect(r.upLine).toBe(1);
    expect(r.downLine).toBe(7);
    expect(r.noTransaction).toBe(false);
  });

  it('maps offsets inside a statement back to SQL lines, skipping the StatementEnd line', () => {
    const r = parseGooseMigration(
      sql('-- +goose Up', '-- +goose StatementBegin', 'CREATE FUNCTION f() RETURNS int AS $$', 'BEGIN RETURN 1; END;', '$$ LANGUAGE plpgsql;', '-- +goose StatementEnd', '-- +goose Down', 'DROP FUNCTION f();'),
    );
    expect(r.errors).toEqual([]);
    const s = r.up[0];
    expect(s.block).toBe(true);
    expect(s.line).toBe(3);
    expect(s.endLine).toBe(5);
    const off = s.text.indexOf('RETURN 1');
    expect(statementPosition(s, off)).toEqual({ line: 4, column: 7 });
  });

  it('recognises annotations in any letter case and NO TRANSACTION before Up', () => {
    const r = parseGooseMigration(sql('-- +goose no transaction', '-- +goose UP', 'SELECT 1;', '-- +goose down', 'SELECT 2;'));
    expect(r.errors).toEqual([]);
    expect(r.noTransaction).toBe(true);
    expect(r.annotations.map((a) => a.kind)).toEqual(['noTransaction', 'up', 'down']);
  });

  it.each([
    [sql('-- +goose Up', 'SELECT 1;', '-- +goose Up', 'SELECT 2;'), 'duplicate-up', 3, /duplicate '-- \+goose Up' annotations/],
    [sql('-- +goose Down', 'SELECT 1;'), 'must-start-with-up', 1, /must start with '-- \+goose Up' annotation/],
    [sql('SELECT 1;', '-- +goose Up'), 'statement-before-up', 1, /unexpected state 0 on line "SELECT 1;"/],
    [sql('-- just a comment'), 'must-start-with-up', 1, /must start with '-- \+goose Up'/],
    [sql('-- +goose Up', '-- +goose StatementEnd'), 'statement-end-without-begin', 2, /StatementEnd' must be defined after/],
    [sql('-- +goose StatementBegin', '-- +goose Up'), 'statement-begin-outside', 1, /StatementBegin' must be defined after/],
    [sql('-- +goose Up', '-- +goose StatementBegin', 'SELECT 1;', '-- +goose Down'), 'must-start-with-up', 4, /must start with/],
    [sql('-- +goose Up', 'SELECT 1;', '-- +goose Down', '-- +goose StatementBegin', 'SELECT 1;'), 'missing-statement-end', 4, /missing '-- \+goose StatementEnd' annotation/],
    [sql('-- +goose Up', '-- +goose Sideways'), 'invalid-annotation', 2, /"Sideways" not supported: invalid annotation/],
    [sql('-- +goose Up', '  -- +goose Down'), 'invalid-annotation', 2, /contains leading whitespace/],
    [sql('-- +goose Up -- +goose Down'), 'invalid-annotation', 1, /contains multiple '\+goose' annotations/],
    [sql('-- +goose'), 'invalid-annotation', 1, /empty annotation/],
    [sql('-- +goose Up', 'SELECT 1;', '-- +goose Down', 'DROP TABLE a'), 'missing-semicolon', 4, /direction: down: unexpected unfinished SQL query: "DROP TABLE a": missing semicolon\?/],
  ])('error %#: %s', (text, code, line, message) => {
    const r = parseGooseMigration(text);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ code, line });
    expect(r.errors[0].message).toMatch(message);
    expect(r.errors[0].hint.length).toBeGreaterThan(0);
  });

  it('handles CRLF line endings', () => {
    const r = parseGooseMigration('-- +goose Up\r\nSELECT 1;\r\n-- +goose Down\r\nSELECT 2;\r\n');
    expect(r.errors).toEqual([]);
    expect(r.up[0].text).toBe('SELECT 1;');
    expect(r.down[0].line).toBe(4);
  });

  it('marks ENVSUB statements', () => {
    const r = parseGooseMigration(sql('-- +goose Up', '-- +goose ENVSUB ON', 'SELECT ${X};', '-- +goose ENVSUB OFF', 'SELECT 1;'));
    expect(r.up.map((s) => s.envsub)).toEqual([true, false]);
  });
});

describe('helpers', () => {
  it('endsWithSemicolon ignores trailing -- comments', () => {
    expect(endsWithSemicolon('SELECT 1; -- done')).toBe(true);
    expect(endsWithSemicolon('SELECT 1 -- not; done;')).toBe(false);
    expect(endsWithSemicolon('   ')).toBe(false);
  });
  it('extractAnnotation is case-insensitive', () => {
    expect(extractAnnotation('-- +goose statementbegin')).toEqual({ ok: true, kind: 'statementBegin' });
    expect(extractAnnotation('--+goose ENVSUB off')).toEqual({ ok: true, kind: 'envsubOff' });
  });
});
