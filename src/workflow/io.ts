/**
 * Terminal input/output for the lifecycle commands, injectable for tests: where text goes, whether a person
 * is there to answer, and how to ask.
 */
import { InterruptError } from '../errors.js';

export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** Whether questions can be asked (stdin and stdout are terminals). */
  interactive: boolean;
  /** Asks one question and resolves to the trimmed answer. */
  ask(question: string): Promise<string>;
}

/** The process's terminal. */
export function processIo(): Io {
  return {
    out: (s) => void process.stdout.write(s),
    err: (s) => void process.stderr.write(s),
    interactive: Boolean(process.stdin.isTTY && process.stdout.isTTY),
    async ask(question) {
      const { createInterface } = await import('node:readline/promises');
      const rl = createInterface({ input: process.stdin, output: process.stdout });
      const ac = new AbortController();
      const onSigint = () => ac.abort();
      rl.on('SIGINT', onSigint);
      try {
        return (await rl.question(question, { signal: ac.signal })).trim();
      } catch (err) {
        if ((err as Error).name === 'AbortError') throw new InterruptError('interrupted');
        throw err;
      } finally {
        rl.close();
      }
    },
  };
}

/** Asks a yes/no question; an empty answer takes the default. */
export async function confirm(io: Io, question: string, defaultYes = false): Promise<boolean> {
  for (;;) {
    const a = (await io.ask(`${question} ${defaultYes ? '[Y/n]' : '[y/N]'} `)).toLowerCase();
    if (a === '') return defaultYes;
    if (a === 'y' || a === 'yes') return true;
    if (a === 'n' || a === 'no') return false;
    io.out('Please answer y or n.\n');
  }
}
