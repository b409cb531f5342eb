/**
 * `spec new`: generate a tech spec from a PRD (or an engineering brief) with Claude, lint it, repair it, and
 * write it. The generator (and the SDK) load only when the command runs.
 */
import type { Command } from 'commander';
import { action, intOption } from './shared.js';
import { createInterface } from 'node:readline/promises';

interface NewFlags {
  prd?: string;
  engineering?: boolean;
  title?: string;
  brief?: string;
  out?: string;
  model?: string;
  maxTokens?: string;
  maxRepairs?: string;
  contextBudget?: string;
  dryRun?: boolean;
  scaffold?: boolean;
  force?: boolean;
  yes?: boolean;
  config?: string;
}

export function register(program: Command): void {
  program
    .command('new')
    .description('Generate a tech spec with Claude from a PRD (or an engineering brief), lint it and repair it until it passes.')
    .option('--prd <path>', 'the PRD to implement (PRD-driven spec); writes tech-specs/<name>.md')
    .option('--engineering', 'an engineering-initiated spec (no PRD); needs --title')
    .option('--title <title>', 'title of the engineering initiative; the file is tech-specs/<slug>.md')
    .option('--brief <file>', 'notes describing the engineering initiative')
    .option('-o, --out <path>', 'where to write the spec (inside the repository)')
    .option('-m, --model <id>', 'model id (default: generate.model in spec.config.json, else a current Claude model)')
    .option('--max-tokens <n>', 'output token limit per model call')
    .option('--max-repairs <n>', 'at most this many lint-repair rounds (default 2)')
    .option('--context-budget <tokens>', 'token budget for completed specs, file list and workflow')
    .option('--dry-run', 'print the rendered prompts and a token estimate; no API key, no network, nothing written')
    .option('--scaffold', 'offline: write the template with the header and story mapping filled in')
    .option('-f, --force', 'replace an existing spec')
    .option('-y, --yes', 'never ask (implied when stdin is not a terminal)')
    .option('-c, --config <path>', 'use this spec.config.json')
    .addHelpText(
      'after',
      `
Examples:
  spec new --prd prds/invites.md                 generate, lint, repair, write tech-specs/invites.md
  spec new --prd prds/invites.md --dry-run       show the prompts; no key needed
  spec new --prd prds/invites.md --scaffold      offline template to fill in by hand
  spec new --engineering --title "Batch-load channel members" --brief notes.md

Needs ANTHROPIC_API_KEY (ANTHROPIC_BASE_URL is honoured). Exit codes: 0 written and lint-clean,
1 written with lint errors left, 2 nothing written.`,
    )
    .action(
      action(async (flags: NewFlags) => {
        // `spec new --dry-run | head` closes stdout early: that is not an error
        process.stdout.on('error', (err: NodeJS.ErrnoException) => {
          if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
          throw err;
        });
        const { runNew } = await import('../generate/run.js');
        return runNew(
          {
            prd: flags.prd,
            engineering: flags.engineering,
            title: flags.title,
            brief: flags.brief,
            out: flags.out,
            model: flags.model,
            maxTokens: intOption('--max-tokens', flags.maxTokens),
            maxRepairs: intOption('--max-repairs', flags.maxRepairs),
            contextBudget: intOption('--context-budget', flags.contextBudget),
            dryRun: flags.dryRun,
            scaffold: flags.scaffold,
            force: flags.force,
            yes: flags.yes || !process.stdin.isTTY,
            config: flags.config,
          },
          {
            cwd: process.cwd(),
            env: process.env,
            stdout: process.stdout,
            stderr: process.stderr,
            stdinIsTTY: Boolean(process.stdin.isTTY),
            confirm: askYesNo,
          },
        );
      }),
    );
}

async function askYesNo(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  // Ctrl-C at the prompt reaches readline, not the process: treat it as "no"
  const controller = new AbortController();
  rl.on('SIGINT', () => controller.abort());
  try {
    const answer = (await rl.question(question, { signal: controller.signal })).trim().toLowerCase();
    return answer === '' || answer === 'y' || answer === 'yes';
  } catch {
    process.stderr.write('\n');
    return false;
  } finally {
    rl.close();
  }
}
