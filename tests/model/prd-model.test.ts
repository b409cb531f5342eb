import { describe, expect, it } from 'vitest';
import { extractPrd } from '../../src/model/prd.js';

describe('extractPrd', () => {
  it('stories as headings, with and without acceptance criteria', () => {
    const prd = extractPrd('# PRD\n\n## US-001: Sign in\n\nAs a user…\n\n**Acceptance criteria:**\n- works\n\n## US-002: Sign out\n\nAs a user I sign out.\n', 'p.md');
    expect(prd.stories.map((s) => [s.id, s.style, s.hasAcceptanceCriteria, s.title])).toEqual([
      ['US-001', 'heading', true, 'Sign in'],
      ['US-002', 'heading', false, 'Sign out'],
    ]);
    expect(prd.stories[1]!.loc.line).toBe(10);
  });

  it('stories in a table with an acceptance-criteria column', () => {
    const prd = extractPrd('# PRD\n\n| ID | Story | Acceptance Criteria |\n|---|---|---|\n| US-001 | Invite | Admin can invite |\n| US-002 | Accept | TBD |\n', 'p.md');
    expect(prd.stories.map((s) => [s.id, s.style, s.hasAcceptanceCriteria, s.loc.line])).toEqual([
      ['US-001', 'table', true, 5],
      ['US-002', 'table', false, 6],
    ]);
  });

  it('stories as bold list items with nested criteria', () => {
    const prd = extractPrd('# PRD\n\n- **US-001:** Invite a colleague\n  - Given an admin, when they invite, then an email is sent\n- **US-002:** Accept\n', 'p.md');
    expect(prd.stories.map((s) => [s.id, s.style, s.hasAcceptanceCriteria])).toEqual([
      ['US-001', 'list', true],
      ['US-002', 'list', false],
    ]);
  });

  it('stories as bold paragraphs; mentions in prose are not stories', () => {
    const prd = extractPrd('# PRD\n\n**US-001** As an admin I invite people.\n\nAcceptance criteria: the email arrives.\n\nThis relates to US-009 in another PRD.\n', 'p.md');
    expect(prd.stories.map((s) => [s.id, s.hasAcceptanceCriteria])).toEqual([['US-001', true]]);
  });
});
