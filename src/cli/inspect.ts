/** `spec inspect <file>`: print the spec model (the JSON every rule reads). */
import type { Command } from 'commander';
import { Option } from 'commander';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { action } from './shared.js';
import { UsageError } from '../errors.js';

export function register(program: Command): void {
  program
    .command('inspect')
    .description('print the spec model extracted from a spec (or --prd: the PRD model)')
    .argument('<file>', 'a spec (or PRD) markdown file')
    .addOption(new Option('-f, --format <name>', 'output format').choices(['json']).default('json'))
    .option('--prd', 'read the file as a PRD and print its user stories')
    .option('--mdast', 'print the markdown tree (mdast, with positions) and the parser that gave it: fast or micromark (SPEC_PARSER=micromark forces the full parser)')
    .option('-c, --config <file>', 'config file (decides the repository root)')
    .action(
      action(async (file: string, opts: { prd?: boolean; mdast?: boolean; config?: string }) => {
        const abs = resolve(process.cwd(), file);
        if (!existsSync(abs)) throw new UsageError(`no such file: ${file}`);
        if (opts.mdast) {
          if (opts.prd) throw new UsageError('--mdast and --prd cannot be combined: the tree is the same for a spec and a PRD');
          const { decodeText, parseMarkdownWith, preloadFullParser } = await import('../markdown/parse.js');
          const decoded = decodeText(readFileSync(abs));
          if (decoded.problem) throw new UsageError(`${file}: ${decoded.problem}`);
          await preloadFullParser();
          const { parser, tree } = parseMarkdownWith(decoded.text);
          process.stdout.write(JSON.stringify({ parser, tree }, null, 2) + '\n');
          return 0;
        }
        const { loadConfig } = await import('../lint/config.js');
        const config = await loadConfig({ cwd: process.cwd(), configPath: opts.config });
        const { loadSpec, relativeTo } = await import('../lint/engine.js');
        const rel = relativeTo(config.root, abs);
        if (opts.prd) {
          const { decodeText } = await import('../markdown/parse.js');
          const { extractPrd } = await import('../model/prd.js');
          process.stdout.write(JSON.stringify(extractPrd(decodeText(readFileSync(abs)).text, rel), null, 2) + '\n');
          return 0;
        }
        process.stdout.write(JSON.stringify(loadSpec(abs, rel), null, 2) + '\n');
        return 0;
      }),
    );
}
