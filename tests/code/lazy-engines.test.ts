/**
 * Each engine loads only when a spec has a block that needs it: linting a spec without code loads none.
 * (Vitest runs each test file in a fresh module registry, so the counters start empty here.)
 */
import { describe, expect, it } from 'vitest';
import { lintCase, prdSpec } from '../helpers/rule-tester.js';
import { rules } from '../../src/rules/code/index.js';
import { engineTimes, loadedEngines } from '../../src/code/timing.js';

const fence = '```';

/** The fixture spec with every fenced block removed. */
function withoutCode(text: string): string {
  return text.replace(/^```[^\n]*\n[\s\S]*?^```[ \t]*$/gm, '');
}

describe('engines load lazily', () => {
  it('a spec without code loads no engine', async () => {
    const spec = withoutCode(prdSpec);
    expect(spec).not.toContain(fence);
    expect(await lintCase(rules, { name: 'no code', spec })).toEqual([]);
    expect(loadedEngines()).toEqual([]);
    expect(Object.keys(engineTimes())).toEqual([]);
  });

  it('a Go block loads tree-sitter only', async () => {
    const spec = `${withoutCode(prdSpec)}\n\n## 10. Assumptions\n\n${fence}go\nfunc f() {}\n${fence}\n`;
    await lintCase(rules, { name: 'go only', spec });
    expect(loadedEngines()).toEqual(['tree-sitter']);
  });

  it('then a TypeScript block loads typescript, and a SQL block libpg-query', async () => {
    const spec = `${withoutCode(prdSpec)}\n\n## 10. Assumptions\n\n${fence}ts\nconst a: number = 1;\n${fence}\n\n${fence}sql\nSELECT 1;\n${fence}\n`;
    await lintCase(rules, { name: 'ts and sql', spec });
    expect(loadedEngines().sort()).toEqual(['libpg-query', 'tree-sitter', 'typescript']);
    const times = engineTimes();
    for (const engine of ['libpg-query', 'tree-sitter', 'typescript']) {
      expect(times[engine]!.calls).toBeGreaterThan(0);
      expect(times[engine]!.loadMs).toBeGreaterThan(0);
    }
  });
});
