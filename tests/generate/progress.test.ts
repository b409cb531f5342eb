import { describe, expect, it } from 'vitest';
import { createProgress } from '../../src/generate/progress.js';
import { Capture } from './setup.js';

describe('progress', () => {
  it('prints plain lines when stderr is not a terminal', () => {
    const out = new Capture();
    let t = 0;
    const p = createProgress(out, { tty: false, now: () => t });
    p.stage('drafting');
    t = 2500;
    p.tokens(1234);
    p.stage('linting the draft');
    p.note('a note');
    p.done();
    expect(out.text).toBe('spec new: drafting…\nspec new: drafting: 1,234 tokens in 2.5s\nspec new: linting the draft…\na note\n');
    expect(out.text).not.toContain('\r');
  });

  it('keeps one live status line on a terminal and clears it at the end', () => {
    const out = new Capture();
    const p = createProgress(out, { tty: true, now: () => 1000 });
    p.stage('drafting');
    p.tokens(42);
    p.note('context: 1 completed spec left out');
    p.done();
    expect(out.text).toContain('\r\x1b[2K');
    expect(out.text).toMatch(/drafting · 42 tokens · 0\.0s/);
    expect(out.text).toContain('context: 1 completed spec left out\n');
    expect(out.text.endsWith('\r\x1b[2K')).toBe(true);
    expect(out.text.split('\n')).toHaveLength(2);
  });
});
