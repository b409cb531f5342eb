/**
 * Making text from specs safe to print: file names and messages carry whatever a pull request put in them
 * (a file name may hold a newline, ESC and the rest of the C0 and C1 controls, bidirectional overrides).
 * Printed raw they would move the cursor, recolour or hide the report on a terminal, or start a new line
 * that a CI runner reads as a command. `visible` spells each such character out instead.
 */

// C0 controls but TAB, DEL, C1 controls, line and paragraph separators, bidirectional embeddings, overrides
// and isolates (the "Trojan Source" characters)
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\u001b': '\\e' };

/** `s` with every control character spelled out (`\n`, `\r`, `\e`, `\x07`, `\u202e`). */
export function visible(s: string): string {
  return s.replace(CONTROL, (c) => NAMED[c] ?? (c.charCodeAt(0) <= 0xff ? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}` : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}

/** Whether `s` holds a character `visible` would spell out. */
export function hasControl(s: string): boolean {
  CONTROL.lastIndex = 0;
  const found = CONTROL.test(s);
  CONTROL.lastIndex = 0;
  return found;
}
