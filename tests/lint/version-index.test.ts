import { describe, expect, it } from 'vitest';
import { VersionIndex } from '../../src/lint/crossspec.js';

describe('VersionIndex', () => {
  const rel = ['tech-specs/a.md', 'tech-specs/b.md', 'tech-specs/c.md', 'tech-specs/d.md'];
  const paths: string[][] = [['db/migrations/00001_a.sql'], ['db/migrations/00002_b.sql'], ['db/migrations/00001_c.sql'], []];

  it('answers from the specs whose candidates hold the version, in run order, parsing each only when asked', () => {
    const loads: number[] = [];
    const index = new VersionIndex(rel, [['00001'], ['00002'], ['00001'], []], (i) => (loads.push(i), paths[i]!));
    index.remember(0, paths[0]!);
    expect(index.uses('00001')).toEqual([
      { filePath: 'tech-specs/a.md', path: 'db/migrations/00001_a.sql' },
      { filePath: 'tech-specs/c.md', path: 'db/migrations/00001_c.sql' },
    ]);
    expect(loads).toEqual([2]);
    expect(index.uses('00009')).toEqual([]);
  });

  it('keeps the paths of a spec another may ask about, and lets go of the rest once the next spec is linted', () => {
    const loads: number[] = [];
    const index = new VersionIndex(rel, [['00001'], ['00002'], ['00001'], []], (i) => (loads.push(i), paths[i]!));
    index.remember(0, paths[0]!); // shares 00001 with c.md: kept
    index.remember(1, paths[1]!); // 00002 is its own: needed only while it is linted
    expect(index.uses('00002')).toEqual([{ filePath: 'tech-specs/b.md', path: 'db/migrations/00002_b.sql' }]);
    expect(loads).toEqual([]);
    index.remember(2, paths[2]!);
    expect(index.uses('00001').map((u) => u.filePath)).toEqual(['tech-specs/a.md', 'tech-specs/c.md']);
    expect(loads).toEqual([]); // a.md was kept
    expect(index.uses('00002').map((u) => u.filePath)).toEqual(['tech-specs/b.md']);
    expect(loads).toEqual([1]); // b.md was not: parsed again, the same answer
  });

  it('treats a spec without candidates (it may hold any version) as one every question reaches', () => {
    const loads: number[] = [];
    const index = new VersionIndex(rel.slice(0, 2), [null, ['00002']], (i) => (loads.push(i), [['db/migrations/00002_x.sql'], paths[1]!][i]!));
    index.remember(0, ['db/migrations/00002_x.sql']);
    index.remember(1, paths[1]!);
    expect(index.uses('00002').map((u) => u.filePath)).toEqual(['tech-specs/a.md', 'tech-specs/b.md']);
    expect(loads).toEqual([]);
  });
});
