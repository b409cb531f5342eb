/**
 * The Go and shell parsers share web-tree-sitter's runtime in a thread (src/code/tree-sitter.ts): asked for
 * at the same moment, as two rules or two requests may, both must load and parse as when asked one after
 * the other. (A file of its own: this test file's thread has loaded neither parser before.)
 */
import { describe, expect, it } from 'vitest';
import { analyzeGo } from '../../src/code/go.js';
import { parseCommandLine } from '../../src/command/parse.js';

describe('tree-sitter grammars asked for at the same time', () => {
  it('both load, and give the answers they give alone', async () => {
    const [go, bash] = await Promise.all([analyzeGo('func f() {\n\tx := 1\n}\n'), parseCommandLine('go test ./... && echo ok')]);
    expect(go.errors).toEqual([]);
    expect(go.form).toBe('file');
    expect(bash.error).toBeNull();
    expect(bash.commands.map((c) => c.words.map((w) => w.value))).toEqual([['go', 'test', './...'], ['echo', 'ok']]);
    expect((await analyzeGo('func f() {\n\tx :=\n}\n')).errors).toHaveLength(1); // and the parser still finds errors
  });
});
