/** `spec tasks <spec>`: the ordered task graph of a spec (JSON for orchestrators, Markdown for people). */
import type { Command } from 'commander';
import { Option } from 'commander';
import { action } from './shared.js';

export function register(program: Command): void {
  program
    .command('tasks')
    .description('print the task graph of a spec: order, dependencies, files, done conditions, and which tasks can run in parallel')
    .argument('<spec>', 'a tech spec (markdown file)')
    .addOption(new Option('-f, --format <name>', 'output format').choices(['json', 'md']).default('md'))
    .option('-c, --config <file>', 'config file (decides the repository root and the stack profile)')
    .action(
      action(async (spec: string, opts: { format: 'json' | 'md'; config?: string }) => {
        const { loadConfig } = await import('../lint/config.js');
        const config = await loadConfig({ cwd: process.cwd(), configPath: opts.config });
        const { loadSpec } = await import('../workflow/load.js');
        const { buildTaskGraph, formatTaskGraphMarkdown } = await import('../workflow/graph.js');
        const loaded = await loadSpec(config, process.cwd(), spec);
        const graph = await buildTaskGraph(loaded.model, config);
        if (opts.format === 'json') process.stdout.write(JSON.stringify(graph, null, 2) + '\n');
        else process.stdout.write(formatTaskGraphMarkdown(graph));
        for (const w of graph.warnings) process.stderr.write(`spec: warning: ${w}\n`);
        return 0;
      }),
    );
}
