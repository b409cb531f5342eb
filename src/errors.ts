/**
 * Errors meant for users. The CLI layer alone turns them into one line and an exit code; anything else that
 * escapes is an internal error (exit 2, stack trace only with --debug).
 */
export class SpecError extends Error {
  /** Process exit code this error maps to. */
  readonly exitCode: number = 2;
  /** A hint that says what to do, printed after the message. */
  readonly hint?: string;
  constructor(message: string, hint?: string) {
    super(message);
    this.name = new.target.name;
    this.hint = hint;
  }
}

/** Bad command-line usage: a missing path, an unknown option value, no specs found. */
export class UsageError extends SpecError {}

/** An invalid or unreadable configuration file. */
export class ConfigError extends SpecError {}

/** A failure talking to the model API (after the SDK's own retries). */
export class ApiError extends SpecError {}

/** The user interrupted the command (Ctrl-C). */
export class InterruptError extends SpecError {
  override readonly exitCode = 130;
}
