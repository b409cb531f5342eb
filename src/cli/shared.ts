/** What every command shares: turning typed errors into one line and an exit code. */
import { SpecError } from '../errors.js';

export interface GlobalOptions {
  debug?: boolean;
}

/** Set by main from `--debug` before any action runs. */
export const runtime = { debug: false };

/**
 * Wraps a command action: the action returns its exit code; a SpecError becomes `spec: message` (and its
 * hint) with the error's exit code; anything else is an internal error, exit 2, stack only with --debug.
 */
export function action<A extends unknown[]>(fn: (...args: A) => Promise<number> | number) {
  return async (...args: A): Promise<void> => {
    process.exitCode = await runAction(() => fn(...args));
  };
}

export async function runAction(fn: () => Promise<number> | number): Promise<number> {
  try {
    return await fn();
  } catch (err) {
    return reportError(err);
  }
}

export function reportError(err: unknown): number {
  if (err instanceof SpecError) {
    process.stderr.write(`spec: ${err.message}\n`);
    if (err.hint) process.stderr.write(`  ${err.hint}\n`);
    if (runtime.debug && err.stack) process.stderr.write(`${err.stack}\n`);
    return err.exitCode;
  }
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`spec: internal error: ${message}\n`);
  if (runtime.debug && err instanceof Error && err.stack) process.stderr.write(`${err.stack}\n`);
  else process.stderr.write('  Run again with --debug for details, and report it if it persists.\n');
  return 2;
}

/** Parses a non-negative integer option, or throws a usage error naming the option. */
export function intOption(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) {
    throw new (class extends SpecError {})(`${name} takes a whole number, not "${value}"`);
  }
  return Number(value);
}
