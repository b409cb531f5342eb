import { describe, expect, it } from 'vitest';
import { extractDocument } from '../../src/generate/extract.js';

const DOC = [
  '# Tech Spec: Invites',
  '',
  '**Type:** PRD-driven',
  '',
  '```go',
  'type X struct{}',
  '```',
  '',
  '_Traceability verified: Every requirement (US-XXX or ER-XXX) maps to at least one task. Every task maps to at least one requirement. See self-evaluation (Section 9 of skill) for full criteria._',
].join('\n');

describe('extractDocument', () => {
  it('keeps a bare document as it is', () => {
    expect(extractDocument(DOC)).toEqual({ text: DOC + '\n', removed: [], found: true });
  });

  it('drops a preamble, a surrounding ```markdown fence and trailing chatter', () => {
    const reply = `Here is the tech spec you asked for:\n\n\`\`\`markdown\n${DOC}\n\`\`\`\n\nLet me know if you want changes.`;
    const r = extractDocument(reply);
    expect(r.text).toBe(DOC + '\n');
    expect(r.removed).toEqual(['preamble', 'fence']);
  });

  it('drops chatter after the traceability line when there is no fence', () => {
    const r = extractDocument(`${DOC}\n\nI hope this helps!`);
    expect(r.text).toBe(DOC + '\n');
    expect(r.removed).toEqual(['trailer']);
  });

  it('handles a longer wrapping fence and CRLF line endings', () => {
    const r = extractDocument(`\`\`\`\`md\r\n${DOC.replace(/\n/g, '\r\n')}\r\n\`\`\`\`\r\n`);
    expect(r.text).toBe(DOC + '\n');
  });

  it('does not cut inside the document when the wrapping fence is never closed', () => {
    const noFooter = DOC.split('\n').slice(0, -2).join('\n');
    const r = extractDocument(`\`\`\`markdown\n${noFooter}\n`);
    expect(r.text).toBe(noFooter + '\n');
  });

  it('reports a reply without a spec title', () => {
    expect(extractDocument('Sorry, I cannot help with that.').found).toBe(false);
  });
});
