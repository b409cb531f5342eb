/**
 * Stage 5, extract the document from the model's reply: drop a preamble ("Here is the spec:"), a fence
 * wrapped around the whole document (```markdown … ```), and chatter after the closing traceability line.
 */

const TITLE = /^#\s+Tech Spec\b/;
const ANY_H1 = /^#\s+\S/;
const OPEN_FENCE = /^\s{0,3}(`{3,}|~{3,})\s*(markdown|md)?\s*$/i;
const FOOTER = /^_Traceability verified:.*_\s*$/;

export interface Extracted {
  text: string;
  /** What was removed, for progress output and tests. */
  removed: Array<'preamble' | 'fence' | 'trailer'>;
  /** Whether a `# Tech Spec:` title was found at all. */
  found: boolean;
}

export function extractDocument(reply: string): Extracted {
  const lines = reply.replace(/^\uFEFF/, '').split(/\r\n|\n/);
  const removed: Extracted['removed'] = [];
  let start = lines.findIndex((l) => TITLE.test(l));
  if (start < 0) start = lines.findIndex((l) => ANY_H1.test(l));
  const found = start >= 0 && TITLE.test(lines[start]!);
  if (start < 0) return { text: normalizeEnd(reply.trim()), removed, found: false };

  // A fence opened in the preamble wraps the document: its closing fence is the last bare fence line of
  // the same character and at least the same length in the reply.
  let fence: string | null = null;
  for (let i = start - 1; i >= 0; i--) {
    const m = OPEN_FENCE.exec(lines[i]!);
    if (m) {
      fence = m[1]!;
      break;
    }
  }
  if (start > 0) removed.push('preamble');
  let end = lines.length; // exclusive
  if (fence) {
    const footer = lines.findIndex((l, i) => i > start && FOOTER.test(l.trim()));
    const bare = new RegExp(`^\\${fence[0]}{${fence.length},}$`);
    for (let i = lines.length - 1; i > start; i--) {
      if (!bare.test(lines[i]!.trim())) continue;
      // The wrapper's closing fence follows the traceability line; without that line, it must have an even
      // number of fence lines before it in the document (inner code blocks come in pairs).
      const ok =
        footer >= 0 ? i > footer : lines.slice(start, i).filter((l) => /^\s{0,3}(`{3,}|~{3,})/.test(l)).length % 2 === 0;
      if (ok) {
        end = i;
        removed.push('fence');
      }
      break;
    }
  }
  // Chatter after the closing traceability line.
  for (let i = end - 1; i > start; i--) {
    if (FOOTER.test(lines[i]!.trim())) {
      const rest = lines.slice(i + 1, end).join('\n').trim();
      if (rest) {
        removed.push('trailer');
        end = i + 1;
      }
      break;
    }
  }
  return { text: normalizeEnd(lines.slice(start, end).join('\n')), removed, found };
}

function normalizeEnd(text: string): string {
  return text.replace(/\s+$/, '') + '\n';
}
