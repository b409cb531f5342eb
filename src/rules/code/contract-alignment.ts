import { defineRule } from '../types.js';
import { codeLanguage, isGoBlock, isTsBlock } from '../../code/blocks.js';
import { codeEngines } from '../engines.js';

/**
 * Every Go response struct with json tags in section 4 has a TypeScript interface of the same name with the
 * same fields and compatible types.
 */
export default defineRule({
  meta: {
    id: 'code/contract-alignment',
    description:
      'Every Go response struct of section 4 has a TypeScript type of the same name with the same json fields, optionality and compatible types.',
    defaultSeverity: 'error',
  },
  async check(ctx) {
    const goBlocks = ctx.spec.codeBlocks.filter((b) => isGoBlock(b) && !b.unclosed);
    if (goBlocks.length === 0) return;
    // Cheap pre-check before loading any engine: a section-4 Go block with a json tag.
    const { isApiSection, checkContracts } = await import('../../code/contract.js');
    if (!goBlocks.some((b) => isApiSection(b) && /`[^`]*json:"/.test(b.text))) return;
    const tsBlocks = ctx.spec.codeBlocks.filter((b) => isTsBlock(b) && !b.unclosed);
    const { analyzeGo, analyzeTs } = codeEngines(ctx.run);
    const go = [];
    for (const block of goBlocks) go.push({ block, analysis: await analyzeGo(block.text) });
    const tsInputs = [];
    for (const block of tsBlocks) tsInputs.push({ block, analysis: await analyzeTs(block.text, codeLanguage(block.lang) === 'tsx') });
    for (const f of checkContracts(ctx.spec, go, tsInputs)) ctx.report({ message: f.message, loc: f.loc, key: f.key });
  },
});
