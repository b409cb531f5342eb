/**
 * The `spec` program: one file per command registers its options; each action imports the module that does
 * the work, so `spec lint` never loads the generator, the SDK or any engine it does not need. A command named
 * on the command line is the only one registered (`spec lint …` loads no other command's module); without
 * one (`spec --help`, a typo) every command is.
 */
// commander is bundled into dist/spec.cjs (scripts/bundle.mjs), so it comes from the CLI's code cache
import { Command, CommanderError, type Command as CommandType } from 'commander';
import { packageVersion } from '../package-info.js';
import { runtime, reportError } from './shared.js';
import { parseWarmUpHint, warmUpHint } from '../resident/hint.js';

type Register = (program: CommandType) => void;

/** Every command, in the order `spec --help` lists them, and the module that registers it. */
const COMMANDS: Array<[name: string, load: () => Promise<{ register: Register }>]> = [
  ['lint', () => import('./lint.js')],
  ['inspect', () => import('./inspect.js')],
  ['rules', () => import('./rules.js')],
  ['new', () => import('./new.js')],
  ['init', () => import('./init.js')],
  ['tasks', () => import('./tasks.js')],
  ['verify', () => import('./verify.js')],
  ['complete', () => import('./complete.js')],
  ['hook', () => import('./hook.js')],
  ['resident', () => import('./resident.js')],
  ['lsp', () => import('./lsp.js')],
];

/** The command an argument list runs: its first word that is not an option, when that names a command. */
export function commandOf(argv: readonly string[]): string | null {
  const first = argv.find((a) => !a.startsWith('-'));
  return first !== undefined && COMMANDS.some(([name]) => name === first) ? first : null;
}

export function version(): string {
  return packageVersion();
}

/** The program with every command (or only `only`) registered. */
export async function buildProgram(only: string | null = null): Promise<CommandType> {
  const registers = await Promise.all(COMMANDS.filter(([name]) => only === null || name === only).map(async ([, load]) => (await load()).register));
  const program = new Command('spec')
    .description('Generate and lint implementation-ready technical specifications for coding agents.')
    .version(version(), '-v, --version')
    .option('--debug', 'print stack traces for internal errors')
    .showHelpAfterError('(run `spec --help` for usage)')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  program.hook('preAction', (cmd) => {
    runtime.debug = Boolean(cmd.opts().debug);
  });
  for (const register of registers) register(program);
  for (const cmd of program.commands) cmd.exitOverride();
  return program;
}

/**
 * Runs as a spare of the resident process (`bin/spec --spec-resident <socket>`, src/resident/spare.ts):
 * warms up, serves one `spec lint` run, calls `next` (bin/spec starts the next spare) and exits.
 */
export async function spare(socket: string, hint: string | undefined, next: (hint: string) => void): Promise<void> {
  const { runSpare } = await import('../resident/spare.js');
  await runSpare(socket, parseWarmUpHint(hint), main, () => next(warmUpHintArg()));
}

/** What the last lint run of this process linted, as the argument a spare takes (bin/spec). */
export function warmUpHintArg(): string {
  return JSON.stringify(warmUpHint());
}

/** Runs the CLI and resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  if (argv.includes('--debug')) runtime.debug = true;
  // `spec … | head`: a closed pipe ends the output quietly, as it does for other command-line tools
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw err;
    });
  }
  const program = await buildProgram(commandOf(argv));
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      // help and version exit 0; every other commander error is a usage error
      return err.exitCode === 0 ? 0 : 2;
    }
    return reportError(err);
  }
  return typeof process.exitCode === 'number' ? process.exitCode : 0;
}
