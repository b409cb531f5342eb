/**
 * Terminal input/output for the lifecycle commands, injectable for tests: where text goes, whether a person
 * is there to answer, and how to ask.
 */
import { InterruptError, UsageError } from '../errors.js';
import { createInterface, type Interface } from 'node:readline';

export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** Whether questions can be asked (stdin and stdout are terminals). */
  interactive: boolean;
  /** Asks one question and resolves to the trimmed answer. */
  ask(question: string): Promise<string>;
}

/**
 * The process's terminal. One readline interface serves every question, and lines are queued, so answers
 * typed ahead are not lost; `close()` releases the terminal.
 */
export function processIo(): Io & { close(): void } {
  let rl: Interface | null = null;
  const queued: string[] = [];
  let waiter: ((line: string | null) => void) | null = null;
  let ended = false;
  let interrupted = false;
  const wake = (line: string | null) => {
    const w = waiter;
    waiter = null;
    w?.(line);
  };
  return {
    out: (s) => void process.stdout.write(s),
    err: (s) => void process.stderr.write(s),
    interactive: Boolean(process.stdin.isTTY && process.stdout.isTTY),
    async ask(question) {
      if (!rl && !ended) {
        rl = createInterface({ input: process.stdin, output: process.stdout });
        rl.on('line', (line) => (waiter ? wake(line) : queued.push(line)));
        rl.on('close', () => {
          ended = true;
          wake(null);
        });
        rl.on('SIGINT', () => {
          interrupted = true;
          process.stdout.write('\n');
          wake(null);
        });
      }
      if (interrupted) throw new InterruptError('interrupted');
      if (queued.length === 0 && ended) throw inputEnded();
      rl?.setPrompt(question);
      rl?.prompt();
      const line = queued.length > 0 ? queued.shift()! : await new Promise<string | null>((res) => (waiter = res));
      if (line === null) throw interrupted ? new InterruptError('interrupted') : inputEnded();
      return line.trim();
    },
    close() {
      rl?.close();
      rl = null;
    },
  };
}

function inputEnded(): UsageError {
  return new UsageError('the input ended before every question was answered', 'Answer the questions on a terminal, or pass --yes (and flags) to skip them.');
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
