import { defineRule } from '../types.js';
import { blockLoc, codeLanguage, isTsBlock } from '../../code/blocks.js';
import { codeEngines } from '../engines.js';

/** No explicit `any` in TypeScript blocks unless the line documents it with `// any: reason`. */
export default defineRule({
  meta: {
    id: 'code/ts-no-any',
    description: 'TypeScript code blocks use no explicit `any` unless the same line documents it with `// any: <reason>`.',
    defaultSeverity: 'error',
  },
  async check(ctx) {
    const blocks = ctx.spec.codeBlocks.filter((b) => isTsBlock(b) && !b.unclosed);
    if (blocks.length === 0) return;
    const { analyzeTs } = codeEngines(ctx.run);
    for (const block of blocks) {
      const { anys } = await analyzeTs(block.text, codeLanguage(block.lang) === 'tsx');
      for (const a of anys) {
        if (a.documented) continue;
        ctx.report({
          message:
            'Explicit `any`: declare the precise type (or `unknown`), or document why it is unavoidable with `// any: <reason>` on the same line',
          loc: blockLoc(block, a.start, a.end),
        });
      }
    }
  },
});
