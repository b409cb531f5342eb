/**
 * What the user sees while `spec new` runs. On a TTY: one live status line (stage, tokens streamed, time
 * since the run started) redrawn in place. Otherwise: plain progress lines, one when a stage starts and one
 * with the tokens streamed and the stage's duration when a streaming stage ends. Both on stderr.
 */

export interface Progress {
  stage(name: string): void;
  tokens(outputTokens: number): void;
  /** A message that stays on screen (printed above the status line). */
  note(message: string): void;
  /** Clears the status line. */
  done(): void;
}

export interface ProgressStream {
  write(s: string): unknown;
  isTTY?: boolean;
}

export function createProgress(stream: ProgressStream, opts: { tty?: boolean; now?: () => number } = {}): Progress {
  const tty = opts.tty ?? Boolean(stream.isTTY);
  const now = opts.now ?? Date.now;
  const started = now();
  let stageStarted = started;
  let stage = '';
  let tokens = 0;
  let shown = false;
  let timer: NodeJS.Timeout | undefined;
  const elapsed = (from = started) => `${((now() - from) / 1000).toFixed(1)}s`;
  const summary = () => `spec new: ${stage}: ${tokens.toLocaleString('en-US')} tokens in ${elapsed(stageStarted)}\n`;
  const frames = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
  let frame = 0;
  const draw = () => {
    if (!tty || !stage) return;
    const t = tokens ? ` · ${tokens.toLocaleString('en-US')} tokens` : '';
    stream.write(`\r\x1b[2K${frames[frame++ % frames.length]} ${stage}${t} · ${elapsed()}`);
    shown = true;
  };
  const clear = () => {
    if (tty && shown) stream.write('\r\x1b[2K');
    shown = false;
  };
  if (tty) {
    timer = setInterval(draw, 100);
    timer.unref?.();
  }
  return {
    stage(name) {
      if (!tty && stage && tokens) stream.write(summary());
      stage = name;
      stageStarted = now();
      tokens = 0;
      if (tty) draw();
      else stream.write(`spec new: ${name}…\n`);
    },
    tokens(n) {
      tokens = n;
    },
    note(message) {
      clear();
      stream.write(`${message}\n`);
      draw();
    },
    done() {
      if (timer) clearInterval(timer);
      if (!tty && stage && tokens) stream.write(summary());
      stage = '';
      clear();
    },
  };
}
