/** `spec inspect <file>`: print the spec model (the JSON every rule reads). */
import type { Command } from 'commander';
import { Option } from 'commander';
import { existsSync } from 'node:fs';
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
        const { loadConfig } = await import('../lint/config.js');
        const config = await loadConfig({ cwd: process.cwd(), configPath: opts.config });
        const { loadSpec, relativeTo, MAX_SPEC_BYTES, MAX_PRD_BYTES } = await import('../lint/engine.js');
        const { readInside, FileAccessError } = await import('../fs/access.js');
        const rel = relativeTo(config.root, abs);
        // through the file-access layer: a file outside the repository (or linked there), a FIFO, a device
        // or a file over the limit is refused by name, and nothing of it is printed
        let bytes: Buffer;
        try {
          bytes = readInside(abs, config.root, { maxBytes: opts.prd ? MAX_PRD_BYTES : MAX_SPEC_BYTES, display: file });
        } catch (err) {
          if (err instanceof FileAccessError) throw new UsageError(`cannot inspect ${file}: ${err.reason}`, 'spec inspect reads specs and PRDs inside the repository (the directory of spec.config.json, or the git work tree).');
          throw err;
        }
        const { decodeText } = await import('../markdown/parse.js');
        const decoded = decodeText(bytes);
        if (opts.mdast) {
          if (opts.prd) throw new UsageError('--mdast and --prd cannot be combined: the tree is the same for a spec and a PRD');
          const { parseMarkdownWith, preloadFullParser } = await import('../markdown/parse.js');
          if (decoded.problem) throw new UsageError(`${file}: ${decoded.problem}`);
          await preloadFullParser();
          const { parser, tree } = parseMarkdownWith(decoded.text);
          process.stdout.write(JSON.stringify({ parser, tree }, null, 2) + '\n');
          return 0;
        }
        if (opts.prd) {
          const { extractPrd } = await import('../model/prd.js');
          process.stdout.write(JSON.stringify(extractPrd(decoded.text, rel), null, 2) + '\n');
          return 0;
        }
        process.stdout.write(JSON.stringify(decoded.problem ? loadSpec(abs, rel, undefined, config.root) : loadSpec(abs, rel, decoded.text, config.root), null, 2) + '\n');
        return 0;
      }),
    );
}
