/**
 * Every registered rule — each category's rule modules and the ids the engine reports itself — has its page
 * at docs/rules/<id>.md, in the Ruff style the project uses: a `# <id>` title, the default severity, and the
 * four sections "What it does", "Why is this bad?", "Example", "Use instead", in that order. `spec rules <id>`
 * prints this page and every diagnostic links to it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { allRules, engineRuleInfos } from '../../src/rules/index.js';

const docsDir = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'docs', 'rules');
const SECTIONS = ['What it does', 'Why is this bad?', 'Example', 'Use instead'];

/** `##` headings outside fenced code blocks, in order. */
function headings(doc: string): string[] {
  const out: string[] = [];
  let fence: string | null = null;
  for (const line of doc.split(/\r?\n/)) {
    const f = /^\s{0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (f) {
      if (fence === null) fence = f;
      else if (f[0] === fence[0] && f.length >= fence.length && line.trim() === f) fence = null;
      continue;
    }
    if (fence === null && /^## /.test(line)) out.push(line.slice(3).trim());
  }
  return out;
}

const infos = [
  ...allRules.map((r) => ({ id: r.meta.id, severity: r.meta.defaultSeverity })),
  ...engineRuleInfos.map((r) => ({ id: r.id, severity: r.defaultSeverity })),
];

describe('rule documentation', () => {
  it('covers every category', () => {
    const categories = new Set(infos.map((i) => i.id.split('/')[0]));
    for (const c of ['template', 'trace', 'lint']) expect(categories).toContain(c);
  });

  it('has no duplicate rule ids', () => {
    const ids = infos.map((i) => i.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  for (const info of infos) {
    describe(info.id, () => {
      const file = join(docsDir, `${info.id}.md`);
      it(`has docs/rules/${info.id}.md`, () => {
        expect(existsSync(file), `missing ${file}`).toBe(true);
      });
      it('has the title, the default severity and the four sections in order', () => {
        if (!existsSync(file)) return expect.fail(`missing ${file}`);
        const doc = readFileSync(file, 'utf8');
        expect(doc.split(/\r?\n/)[0]).toBe(`# ${info.id}`);
        expect(doc).toContain(`Default severity: **${info.severity}**`);
        const found = headings(doc).filter((h) => SECTIONS.includes(h));
        expect(found).toEqual(SECTIONS);
      });
      it('shows code in Example and Use instead', () => {
        if (!existsSync(file)) return expect.fail(`missing ${file}`);
        const doc = readFileSync(file, 'utf8');
        const example = doc.slice(doc.indexOf('\n## Example'), doc.indexOf('\n## Use instead'));
        expect(example).toMatch(/```/);
      });
    });
  }
});
