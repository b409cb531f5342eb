/**
 * The rule docs cannot drift from behaviour: each docs/rules/code/<name>.md page's "Example" must make its
 * rule report, and its "Use instead" must pass. A section's blocks are linted as a small spec under
 * "4. API Design"; a ````markdown block is linted as the spec itself.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractSpec } from '../../../src/model/extract.js';
import type { Report, RuleContext } from '../../../src/rules/types.js';
import { rules } from '../../../src/rules/code/index.js';

const docsDir = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'docs', 'rules');

/** The lines under `## title`, up to the next `## ` heading outside a fence. */
function section(doc: string, title: string): string {
  const lines = doc.split('\n');
  const out: string[] = [];
  let inside = false;
  let fence: string | null = null;
  for (const line of lines) {
    const f = /^(`{3,}|~{3,})/.exec(line)?.[1];
    if (f && fence === null) fence = f;
    else if (f && fence !== null && line.trim() === fence) fence = null;
    if (fence === null && !f && line.startsWith('## ')) {
      if (inside) break;
      inside = line === `## ${title}`;
      continue;
    }
    if (inside) out.push(line);
  }
  if (!inside) throw new Error(`no "## ${title}" section`);
  return out.join('\n');
}

function asSpec(sectionText: string): string {
  const md = /^````markdown\n([\s\S]*?)\n````/m.exec(sectionText);
  return md ? `# Tech Spec: Doc example\n\n${md[1]}\n` : `# Tech Spec: Doc example\n\n## 4. API Design\n\n${sectionText}\n`;
}

async function reports(ruleIndex: number, text: string): Promise<Report[]> {
  const out: Report[] = [];
  const ctx = { spec: extractSpec(text, 'tech-specs/doc.md'), report: (r: Report) => out.push(r) } as unknown as RuleContext;
  await rules[ruleIndex]!.check(ctx);
  return out;
}

describe('docs/rules/code', () => {
  rules.forEach((rule, i) => {
    const file = join(docsDir, `${rule.meta.id}.md`);
    describe(rule.meta.id, () => {
      const doc = readFileSync(file, 'utf8');
      it('has the four sections', () => {
        expect(doc.startsWith(`# ${rule.meta.id}\n`)).toBe(true);
        for (const title of ['What it does', 'Why is this bad?', 'Example', 'Use instead']) expect(doc).toContain(`\n## ${title}\n`);
      });
      it('Example is reported', async () => {
        expect((await reports(i, asSpec(section(doc, 'Example')))).length).toBeGreaterThan(0);
      });
      it('Use instead passes', async () => {
        expect(await reports(i, asSpec(section(doc, 'Use instead')))).toEqual([]);
      });
    });
  });
});
