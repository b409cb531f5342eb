/**
 * The `spec` program: one file per command registers its options; each action imports the module that does
 * the work, so `spec lint` never loads the generator, the SDK or any engine it does not need.
 */
import { Command, CommanderError } from 'commander';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../package-root.js';
import { runtime, reportError } from './shared.js';
import { register as registerLint } from './lint.js';
import { register as registerInspect } from './inspect.js';
import { register as registerRules } from './rules.js';
import { register as registerNew } from './new.js';
import { register as registerInit } from './init.js';
import { register as registerTasks } from './tasks.js';
import { register as registerVerify } from './verify.js';
import { register as registerComplete } from './complete.js';
import { register as registerHook } from './hook.js';

export function version(): string {
  try {
    return (JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}

export function buildProgram(): Command {
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
  for (const register of [
    registerLint,
    registerInspect,
    registerRules,
    registerNew,
    registerInit,
    registerTasks,
    registerVerify,
    registerComplete,
    registerHook,
  ]) {
    register(program);
  }
  for (const cmd of program.commands) cmd.exitOverride();
  return program;
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
  const program = buildProgram();
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
