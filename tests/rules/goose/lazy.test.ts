/**
 * The goose rules load libpg-query only for a spec with migrations, and PGlite only under --exec.
 * (Each test file has a fresh module registry: the engine counters start empty.)
 */
import { describe, expect, it } from 'vitest';
import { lintCase, prdSpec } from '../../helpers/rule-tester.js';
import { rules } from '../../../src/rules/goose/index.js';
import { engineTimes, loadedEngines } from '../../../src/code/timing.js';
import { withMigrations } from './helpers.js';

describe('goose engines load lazily', () => {
  it('a spec without migrations loads nothing', async () => {
    const spec = withMigrations([]);
    expect(await lintCase(rules, { name: 'no migrations', spec, exec: true })).toEqual([]);
    expect(loadedEngines()).toEqual([]);
    expect(Object.keys(engineTimes())).toEqual([]);
  });

  it('a spec with a migration loads libpg-query, and without --exec no PGlite', async () => {
    expect(await lintCase(rules, { name: 'migration', spec: prdSpec })).toEqual([]);
    expect(loadedEngines()).toEqual(['libpg-query']);
    expect(engineTimes().pglite).toBeUndefined();
  });
});
