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

  it('stories whose sentence wraps onto the next line (list items and bold paragraphs)', () => {
    const prd = extractPrd(
      [
        '# PRD',
        '',
        '- **US-001** — As a member, I want to save the filters of a list under a name, so',
        '  that I can come back to them.',
        '- **US-002** — As a member, I want to delete a saved view.',
        '',
        '**US-003: Reminder lead time per clinic.** As a clinic manager, I choose when patients get a reminder',
        '(24 h, 48 h or 2 h before) so that it fits how my patients plan.',
        'Acceptance criteria: the setting is on the clinic settings page.',
        '',
      ].join('\n'),
      'p.md',
    );
    expect(prd.stories.map((s) => [s.id, s.style, s.title])).toEqual([
      ['US-001', 'list', 'As a member, I want to save the filters of a list under a name, so'],
      ['US-002', 'list', 'As a member, I want to delete a saved view.'],
      ['US-003', 'paragraph', 'Reminder lead time per clinic. As a clinic manager, I choose when patients get a reminder'],
    ]);
    expect(prd.stories[2]!.hasAcceptanceCriteria).toBe(true);
  });
});
