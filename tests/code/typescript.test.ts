import { describe, expect, it } from 'vitest';
import { analyzeTs, documentsAny } from '../../src/code/typescript.js';

describe('analyzeTs: syntax', () => {
  it('accepts the reference template’s interfaces', async () => {
    const { diagnostics } = await analyzeTs(
      'interface InviteResponse {\n  id: string;\n  status: "pending" | "accepted" | "expired" | "revoked";\n  // ...\n}\n',
    );
    expect(diagnostics).toEqual([]);
  });

  it('reports a syntax error at its line and column', async () => {
    const { diagnostics } = await analyzeTs('interface A {\n  a: string;\n}\nconst x = ;\n');
    expect(diagnostics[0]).toMatchObject({ code: 1109, start: { line: 4, column: 11 } });
  });

  it('reports a missing brace', async () => {
    const { diagnostics } = await analyzeTs('interface A {\n  a: string;\n');
    expect(diagnostics[0]!.message).toContain("'}' expected");
  });

  it('accepts JSX in a tsx block, and in a ts block that only parses as TSX', async () => {
    const jsx = 'export function A(): JSX.Element {\n  return <div className="x">hi</div>;\n}\n';
    expect((await analyzeTs(jsx, true)).diagnostics).toEqual([]);
    expect((await analyzeTs(jsx, false)).diagnostics).toEqual([]);
  });

  it('blanks elisions', async () => {
    expect((await analyzeTs('function f(): void {\n  ...\n}\nfunction g() { ... }\n')).diagnostics).toEqual([]);
  });
});

describe('analyzeTs: explicit any', () => {
  it('finds every AnyKeyword and whether its line documents it', async () => {
    const { anys } = await analyzeTs(
      'interface A {\n  a: any;\n  b: Record<string, any>; // any: payload is opaque JSON\n  c: Array<unknown>;\n}\nconst x = y as any;\n',
    );
    expect(anys.map((a) => [a.start.line, a.start.column, a.documented])).toEqual([
      [2, 6, false],
      [3, 21, true],
      [6, 16, false],
    ]);
  });

  it('does not treat the word any elsewhere as a type', async () => {
    const { anys } = await analyzeTs('// any value\nconst any = 1;\nconst s: string = "any";\n');
    expect(anys).toEqual([]);
  });

  it('documentsAny needs a reason', () => {
    expect(documentsAny('x: any; // any: third-party payload')).toBe(true);
    expect(documentsAny('x: any; /* any: legacy */')).toBe(true);
    expect(documentsAny('x: any; // any:')).toBe(false);
    expect(documentsAny('x: any; // anything goes')).toBe(false);
  });
});

describe('analyzeTs: declarations', () => {
  it('reads interfaces, aliases and enums', async () => {
    const { decls } = await analyzeTs(
      'export interface B extends A {\n  id: string;\n  note?: string | null;\n  tags: readonly string[];\n  run(): void;\n}\ntype S = "a" | "b";\nenum E { X = "x" }\ntype O = { [k: string]: number };\n',
    );
    expect(decls.map((d) => [d.kind, d.name])).toEqual([
      ['interface', 'B'],
      ['alias', 'S'],
      ['enum', 'E'],
      ['alias', 'O'],
    ]);
    const b = decls[0]!;
    expect(b.extends).toMatchObject([{ kind: 'ref', name: 'A' }]);
    if (b.type.kind !== 'object') throw new Error('not an object');
    expect(b.type.members.map((m) => [m.name, m.optional, m.method, m.type?.kind])).toEqual([
      ['id', false, false, 'keyword'],
      ['note', true, false, 'union'],
      ['tags', false, false, 'array'],
      ['run', false, true, undefined],
    ]);
    expect(b.type.members[1]!.pos).toEqual({ line: 3, column: 3 });
    expect(decls[3]!.type).toMatchObject({ kind: 'object', index: { kind: 'keyword', name: 'number' } });
  });
});
