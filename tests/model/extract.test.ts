import { describe, expect, it } from 'vitest';
import { extractSpec, saysNone } from '../../src/model/extract.js';

function entries(files: string[]) {
  const text = ['## 6. Implementation Tasks', '', '- **T-001:** Do it', '  - _Files:_', ...files.map((f) => `    - ${f}`), ''].join('\n');
  return extractSpec(text, 'tech-specs/x.md').tasks[0]!.files!.entries;
}

describe('Files entries written without back-ticks', () => {
  it('keeps a vague description whole instead of its first word', () => {
    const [e] = entries(['Create: the invite handler somewhere in the api folder']);
    expect(e!.action).toBe('create');
    expect(e!.path).toBe('the invite handler somewhere in the api folder');
    expect(e!.quoted).toBe(false);
  });

  it('keeps a vague description whole up to a dash note', () => {
    const [e] = entries(['Modify: the router — register the route']);
    expect(e!.path).toBe('the router');
  });

  it('still takes the first word when it is a path, with the note after it', () => {
    const [a, b, c, d] = entries([
      'Create: internal/x/y.go — new file',
      'Modify: web/src/routes/[token].tsx',
      'Modify: Makefile — add a target',
      'Create: [path]',
    ]);
    expect([a!.path, a!.note]).toEqual(['internal/x/y.go', 'new file']);
    expect(b!.path).toBe('web/src/routes/[token].tsx');
    expect(c!.path).toBe('Makefile');
    expect(d!.path).toBe('[path]');
  });

  it('an entry with an action and nothing after it has an empty path', () => {
    const [e] = entries(['Create:']);
    expect(e!.path).toBe('');
  });
});

describe('saysNone (Dependencies)', () => {
  it('takes None with a reason in any punctuation', () => {
    for (const v of ['None', 'none.', 'None (first task)', 'None — reason', 'None – reason', 'None - reason', 'None; reason', 'None: reason', 'None, reason', 'N/A', 'No dependencies', '—', '-', '**None**', '_None_ (first)']) {
      expect(saysNone(v), v).toBe(true);
    }
  });
  it('does not take ids or words that only start like none', () => {
    for (const v of ['T-001', 'Nonessential', 'None-blocking T-002', 'Prior tasks', '']) expect(saysNone(v), v).toBe(false);
  });
});
