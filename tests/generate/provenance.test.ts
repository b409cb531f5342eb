import { describe, expect, it } from 'vitest';
import { insertProvenance, isoDate, parseProvenance, provenanceComment } from '../../src/generate/provenance.js';
import { extractSpec } from '../../src/model/extract.js';
import { cleanSpec } from './setup.js';

const HASH = 'a'.repeat(64);

describe('provenance', () => {
  it('has the exact form the spec extractor reads', () => {
    const c = provenanceComment({ prd: 'prds/x.md', prdSha256: HASH, model: 'claude-sonnet-5-5', generated: '2026-03-01' });
    expect(c).toBe(`<!-- spec:provenance prd=prds/x.md prd-sha256=${HASH} model=claude-sonnet-5-5 generated=2026-03-01 -->`);
    expect(provenanceComment({ model: 'm', generated: '2026-03-01' })).toBe('<!-- spec:provenance model=m generated=2026-03-01 -->');
    expect(parseProvenance(c)).toEqual({ prd: 'prds/x.md', 'prd-sha256': HASH, model: 'claude-sonnet-5-5', generated: '2026-03-01' });
  });

  it('goes right after the header block, replaces an older one, and reaches spec.provenance', () => {
    const c = provenanceComment({ prd: 'prds/workspace-invites.md', prdSha256: HASH, model: 'claude-sonnet-5-5', generated: '2026-03-01' });
    const stamped = insertProvenance(insertProvenance(cleanSpec, '<!-- spec:provenance model=old generated=2020-01-01 -->'), c);
    const lines = stamped.split('\n');
    const status = lines.findIndex((l) => l.startsWith('**Status:**'));
    expect(lines[status + 1]).toBe(c);
    expect(stamped.match(/spec:provenance/g)).toHaveLength(1);
    const model = extractSpec(stamped, 'tech-specs/workspace-invites.md');
    expect(model.provenance).toMatchObject({ prd: 'prds/workspace-invites.md', prdSha256: HASH, model: 'claude-sonnet-5-5', generated: '2026-03-01' });
    // the header is still read whole
    expect(model.header.byKey['status']?.value).toBe(extractSpec(cleanSpec, 'x.md').header.byKey['status']?.value);
    expect(model.header.fields.length).toBe(extractSpec(cleanSpec, 'x.md').header.fields.length);
  });

  it('formats local dates', () => {
    expect(isoDate(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
  });
});
