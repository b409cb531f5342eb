import { defineRule } from '../types.js';
import { blockLoc, codeLanguage, isTsBlock } from '../../code/blocks.js';
import { codeEngines } from '../engines.js';

/** TypeScript blocks parse (the `typescript` compiler's parser, syntax only). */
export default defineRule({
  meta: {
    id: 'code/ts-syntax',
    description: 'TypeScript code blocks parse (the TypeScript compiler\'s parser; syntax only, no type checking).',
    defaultSeverity: 'error',
  },
  async check(ctx) {
    const blocks = ctx.spec.codeBlocks.filter((b) => isTsBlock(b) && !b.unclosed);
    if (blocks.length === 0) return;
    const { analyzeTs } = codeEngines(ctx.run);
    for (const block of blocks) {
      const { diagnostics } = await analyzeTs(block.text, codeLanguage(block.lang) === 'tsx');
      // The first error only: the parser's later errors usually follow from it.
      const d = diagnostics[0];
      if (d) ctx.report({ message: `TypeScript syntax error: ${d.message} (TS${d.code})`, loc: blockLoc(block, d.start, d.end) });
    }
  },
});
