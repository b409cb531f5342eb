/**
 * Conformance with goose itself: goose's own parser test data (tests/fixtures/goose-conformance, MIT, see
 * LICENSE.goose) must split, fail and flag exactly as goose does.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseGooseMigration, statementsFor } from '../../src/sql/goose-parser.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'goose-conformance');
const read = (...p: string[]) => readFileSync(join(root, ...p), 'utf8');

describe('goose conformance: valid-up', () => {
  const dirs = readdirSync(join(root, 'valid-up')).sort();
  it('has the test data', () => expect(dirs.length).toBeGreaterThanOrEqual(9));
  for (const dir of dirs) {
    it(`${dir} splits into goose's golden Up statements`, () => {
      const golden = readdirSync(join(root, 'valid-up', dir))
        .filter((f) => /^\d+\.up\.golden\.sql$/.test(f))
        .sort()
        .map((f) => read('valid-up', dir, f).trim());
      const result = parseGooseMigration(read('valid-up', dir, 'input.sql'));
      expect(result.errors).toEqual([]);
      expect(statementsFor(result, 'up').map((s) => s.trim())).toEqual(golden);
    });
  }
});

describe('goose conformance: invalid/up', () => {
  for (const file of readdirSync(join(root, 'invalid', 'up')).sort()) {
    it(`${file} fails with a missing semicolon`, () => {
      const result = parseGooseMigration(read('invalid', 'up', file));
      expect(result.errors).toHaveLength(1);
      expect(result.errors[0].code).toBe('missing-semicolon');
      expect(result.errors[0].message).toMatch(/unexpected unfinished SQL query: .*missing semicolon\?/);
    });
  }
  it('points at the line that lacks the semicolon', () => {
    // a.sql: line 3 is `SELECT * FROM bar` without `;`
    expect(parseGooseMigration(read('invalid', 'up', 'a.sql')).errors[0]).toMatchObject({ line: 3, column: 18 });
    expect(parseGooseMigration(read('invalid', 'up', 'd.sql')).errors[0]).toMatchObject({ line: 2 });
  });
});

describe('goose conformance: valid-txn', () => {
  it.each([
    ['00001_create_users_table.sql', false],
    ['00002_rename_root.sql', false],
    ['00003_no_transaction.sql', true],
  ])('%s: NO TRANSACTION = %s', (file, noTx) => {
    const result = parseGooseMigration(read('valid-txn', file));
    expect(result.errors).toEqual([]);
    expect(result.noTransaction).toBe(noTx);
  });
});

describe('goose conformance: envsub (annotations recognised, no substitution)', () => {
  for (const dir of readdirSync(join(root, 'envsub')).sort()) {
    it(`${dir} parses with ENVSUB annotations`, () => {
      const result = parseGooseMigration(read('envsub', dir, 'input.sql'));
      expect(result.errors).toEqual([]);
      const golden = readdirSync(join(root, 'envsub', dir)).filter((f) => /\.up\.golden\.sql$/.test(f));
      expect(result.up).toHaveLength(golden.length);
    });
  }
});

describe('goose conformance: real migrations', () => {
  for (const dir of ['postgres', 'sql-migrations']) {
    for (const file of readdirSync(join(root, dir)).sort()) {
      it(`${dir}/${file} parses`, () => {
        const result = parseGooseMigration(read(dir, file));
        expect(result.errors).toEqual([]);
        if (!file.startsWith('00004')) expect(result.up.length).toBeGreaterThan(0);
      });
    }
  }
  it('00005 runs outside a transaction, 00006 annotations are lower case', () => {
    expect(parseGooseMigration(read('postgres', '00005_no_tx.sql')).noTransaction).toBe(true);
    const r = parseGooseMigration(read('postgres', '00006_complex.sql'));
    expect(r.up).toHaveLength(1);
    expect(r.up[0].block).toBe(true);
    expect(r.down).toHaveLength(1);
    expect(r.downLine).toBe(35);
  });
  it('00004_empty has no Down', () => {
    const r = parseGooseMigration(read('postgres', '00004_empty.sql'));
    expect(r.errors).toEqual([]);
    expect(r.downLine).toBeNull();
  });
});
