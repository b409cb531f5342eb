/**
 * `spec lint --fix` / `--fix-dry-run`, with ESLint's semantics: the fixes of a file's messages are applied
 * (non-overlapping ones per pass), the result linted again, and again, until no fix applies or 10 passes
 * have run; the file is then linted once more and what remains is reported. `--fix` writes each changed
 * file atomically; `--fix-dry-run` writes nothing. Either way the result carries the fixed text (`output`).
 */
import { readFileSync } from 'node:fs';
import { decodeText } from '../markdown/parse.js';
import type { Diagnostic, FileResult } from '../lint/types.js';
import { toResult } from '../lint/engine.js';
import { applyFixes } from './apply.js';
import { Relinter, type RelinterOptions } from './relint.js';
import { writeFileAtomic } from './write.js';

export const MAX_FIX_PASSES = 10;

export interface FixLoopResult {
  output: string;
  messages: Diagnostic[];
  /** Whether any fix was applied. */
  fixed: boolean;
  passes: number;
}

/** The fix passes over one text, from its first messages. */
export async function fixLoop(
  relinter: Relinter,
  abs: string,
  text: string,
  first: Diagnostic[],
  shouldFix: (m: Diagnostic) => boolean = () => true,
): Promise<FixLoopResult> {
  let messages = first;
  let current = text;
  let fixed = false;
  let passes = 0;
  let last;
  do {
    passes++;
    if (passes > 1) messages = (await relinter.lint(abs, current)).messages;
    last = applyFixes(current, messages, shouldFix);
    fixed ||= last.fixed;
    current = last.output;
  } while (last.fixed && passes < MAX_FIX_PASSES);
  if (last.fixed) messages = (await relinter.lint(abs, current)).messages;
  return { output: current, messages, fixed, passes };
}

export interface FixFilesOptions extends Omit<RelinterOptions, 'contextFiles'> {
  /** Every spec of the run (absolute paths): the linted ones and the context-only ones. */
  allFiles: string[];
  /** Write the fixed files (`--fix`); false: `--fix-dry-run`. */
  write: boolean;
  shouldFix?: (m: Diagnostic) => boolean;
  /** A file could not be written: its result is kept unfixed and this is told. */
  onWriteError?: (file: string, message: string) => void;
}

function readText(abs: string): string | null {
  try {
    const decoded = decodeText(readFileSync(abs));
    return decoded.problem ? null : decoded.text;
  } catch {
    return null;
  }
}

/** Applies the fixes of a lint run's results; returns the results after fixing (with `output` where changed). */
export async function fixFiles(results: FileResult[], options: FixFilesOptions): Promise<FileResult[]> {
  const shouldFix = options.shouldFix ?? (() => true);
  if (!results.some((r) => r.messages.some((m) => m.fix && shouldFix(m)))) return results;
  const relinter = new Relinter({ ...options, contextFiles: () => options.allFiles });
  try {
    const out: FileResult[] = [];
    for (const r of results) {
      if (!r.messages.some((m) => m.fix && shouldFix(m))) {
        out.push(r);
        continue;
      }
      const text = options.contents?.get(r.filePath) ?? readText(r.filePath);
      if (text === null) {
        out.push(r);
        continue;
      }
      const loop = await fixLoop(relinter, r.filePath, text, r.messages, shouldFix);
      if (!loop.fixed || loop.output === text) {
        out.push(toResult(r.filePath, r.relativePath, loop.messages));
        continue;
      }
      if (options.write) {
        try {
          writeFileAtomic(r.filePath, loop.output);
        } catch (err) {
          options.onWriteError?.(r.relativePath, (err as NodeJS.ErrnoException).code ?? (err as Error).message);
          out.push(r);
          continue;
        }
      }
      out.push({ ...toResult(r.filePath, r.relativePath, loop.messages), output: loop.output });
    }
    return out;
  } finally {
    await relinter.close();
  }
}
