/**
 * The provenance line `spec new` writes right after the header block, which the spec extractor reads into
 * `spec.provenance` and `trace/prd-changed` compares with the PRD's current hash:
 *
 *   <!-- spec:provenance prd=prds/x.md prd-sha256=<64 hex> model=<model id> generated=<YYYY-MM-DD> -->
 *
 * Engineering-initiated specs leave out `prd` and `prd-sha256`; a scaffold leaves out `model`.
 */

export interface ProvenanceValues {
  prd?: string;
  prdSha256?: string;
  model?: string;
  generated: string;
}

export const PROVENANCE_LINE = /^\s*<!--\s*spec:provenance\b.*-->\s*$/;

export function provenanceComment(v: ProvenanceValues): string {
  const parts = ['spec:provenance'];
  if (v.prd) parts.push(`prd=${v.prd}`);
  if (v.prdSha256) parts.push(`prd-sha256=${v.prdSha256}`);
  if (v.model) parts.push(`model=${v.model}`);
  parts.push(`generated=${v.generated}`);
  return `<!-- ${parts.join(' ')} -->`;
}

/** Parses a provenance comment line (for tests and tools; the linter has its own extractor). */
export function parseProvenance(line: string): Record<string, string> | null {
  const m = /<!--\s*spec:provenance\s+(.*?)\s*-->/.exec(line);
  if (!m) return null;
  const out: Record<string, string> = {};
  for (const pair of m[1]!.split(/\s+/)) {
    const eq = pair.indexOf('=');
    if (eq > 0) out[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return out;
}

const HEADER_FIELD = /^\*\*[^*\n]+:\*\*/;

/**
 * Puts the provenance comment on the line after the header block (the `**Key:** value` lines under the
 * title), replacing any provenance line already in the document.
 */
export function insertProvenance(doc: string, comment: string): string {
  const lines = doc.split('\n').filter((l) => !PROVENANCE_LINE.test(l));
  const title = lines.findIndex((l) => /^#\s+\S/.test(l));
  let at = title >= 0 ? title + 1 : 0;
  if (title >= 0) {
    for (let i = title + 1; i < lines.length; i++) {
      const l = lines[i]!;
      if (HEADER_FIELD.test(l.trim())) at = i + 1;
      else if (l.trim() !== '') break;
    }
  }
  lines.splice(at, 0, comment);
  return lines.join('\n');
}

/** Today's date as YYYY-MM-DD in local time. */
export function isoDate(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}
