import { defineRule } from '../types.js';
import { blockLoc, isGoBlock } from '../../code/blocks.js';
import { codeEngines } from '../engines.js';

/** Go blocks parse with the Go grammar (tree-sitter); fragments without a `package` clause are fine. */
export default defineRule({
  meta: {
    id: 'code/go-syntax',
    description: 'Go code blocks parse (tree-sitter Go grammar; fragments without a `package` clause are fine).',
    defaultSeverity: 'error',
  },
  async check(ctx) {
    const blocks = ctx.spec.codeBlocks.filter((b) => isGoBlock(b) && !b.unclosed);
    if (blocks.length === 0) return;
    const { analyzeGo } = codeEngines(ctx.run);
    for (const block of blocks) {
      const { errors } = await analyzeGo(block.text);
      for (const e of errors) {
        ctx.report({ message: `Go ${e.message}`, loc: blockLoc(block, e.start, e.end) });
      }
    }
  },
});
