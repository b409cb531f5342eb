import { describe, expect, it } from 'vitest';
import { analyzeGo, parseJsonTag, scanBrackets } from '../../src/code/go.js';

describe('analyzeGo: legal fragments', () => {
  const legal: Array<[string, string]> = [
    ['a struct with json tags', 'type InviteResponse struct {\n    ID uuid.UUID `json:"id"`\n    Email string `json:"email"`\n}\n'],
    ['an interface', 'type InviteStore interface {\n    Create(ctx context.Context, invite *Invite) error\n}\n'],
    ['a function signature without body', 'func (s *InviteService) Create(ctx context.Context, req CreateInviteRequest) (*Invite, error)\n'],
    ['generics', 'func Map[T any, U any](xs []T, f func(T) U) []U { return nil }\ntype Set[T comparable] map[T]struct{}\ntype Page[T any] struct {\n    Items []T `json:"items"`\n}\n'],
    ['a whole file', 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("hi") }\n'],
    ['lone statements', 'x := 1\nif x > 1 {\n    return\n}\n'],
    ['method signatures only', 'Create(ctx context.Context, invite *Invite) error\nGetByToken(ctx context.Context, token uuid.UUID) (*Invite, error)\n'],
    ['struct fields only', 'ID    uuid.UUID `json:"id"`\nEmail string    `json:"email"`\n'],
    ['an elided body', 'func (s *Service) Create() error {\n    ...\n}\nfunc f() { ... }\n'],
    ['comments only', '// nothing here yet\n'],
    ['an empty block', ''],
  ];
  for (const [name, text] of legal) {
    it(name, async () => {
      expect((await analyzeGo(text)).errors).toEqual([]);
    });
  }

  it('reads method signatures as an interface body', async () => {
    expect((await analyzeGo('Close() error\nName() string\n')).form).toBe('interface-body');
  });
});

describe('analyzeGo: syntax errors point inside the block', () => {
  it('an unexpected token', async () => {
    const { errors } = await analyzeGo('func f() {\n    x := = 2\n}\n');
    expect(errors).toHaveLength(1);
    expect(errors[0]!.start).toEqual({ line: 2, column: 10 });
    expect(errors[0]!.message).toContain('unexpected `=`');
  });

  it('a missing parenthesis', async () => {
    const { errors } = await analyzeGo('type A struct{}\n\nfunc f(a int {\n}\n');
    expect(errors[0]!.start.line).toBe(3);
  });

  it('an unclosed struct points at the end and names the opener', async () => {
    const { errors } = await analyzeGo('type X struct {\n    A int\n    B string\n');
    expect(errors[0]!.start.line).toBe(3);
    expect(errors[0]!.message).toMatch(/line 1 is never closed/);
  });

  it('a malformed for clause', async () => {
    const { errors } = await analyzeGo('package p\n\nfunc f() {\n    for i := 0; i < 10 i++ {\n    }\n}\n');
    expect(errors[0]!.start.line).toBe(4);
  });

  it('columns count UTF-16 code units, as markdown columns do', async () => {
    const { errors } = await analyzeGo('// héllo\nfunc f() { x := "éé"; y := ) }\n');
    expect(errors[0]!.start.line).toBe(2);
    expect(errors[0]!.start.column).toBeGreaterThanOrEqual(23);
    expect(errors[0]!.start.column).toBeLessThanOrEqual(28);
  });

  it('an unterminated tag string', async () => {
    const { errors } = await analyzeGo('type A struct {\n    B string `json:"b"\n}\n');
    expect(errors).toHaveLength(1);
    expect(errors[0]!.start.line).toBeGreaterThanOrEqual(2);
  });
});

describe('analyzeGo: type declarations', () => {
  it('reads struct fields, tags, pointers, slices, maps and embedded fields', async () => {
    const { types } = await analyzeGo(
      'type R struct {\n    Base\n    *Other\n    ID    uuid.UUID  `json:"id"`\n    Note  *string    `json:"note,omitempty"`\n    Tags  []string   `json:"tags"`\n    Meta  map[string]int `json:"meta"`\n    Skip  string     `json:"-"`\n    Count int64      `json:"count,string"`\n    Items Page[Item] `json:"items"`\n}\ntype Status string\n',
    );
    expect(types.map((t) => t.name)).toEqual(['R', 'Status']);
    const r = types[0]!;
    expect(r.pos).toEqual({ line: 1, column: 6 });
    if (r.type.kind !== 'struct') throw new Error('not a struct');
    const f = r.type.fields;
    expect(f[0]).toMatchObject({ embedded: true, type: { kind: 'name', name: 'Base' } });
    expect(f[1]).toMatchObject({ embedded: true, type: { kind: 'pointer', elem: { name: 'Other' } } });
    expect(f[2]).toMatchObject({ names: ['ID'], type: { kind: 'qualified', pkg: 'uuid', name: 'UUID' }, json: { name: 'id' }, pos: { line: 4, column: 5 } });
    expect(f[3]).toMatchObject({ type: { kind: 'pointer' }, json: { name: 'note', omitempty: true } });
    expect(f[4]).toMatchObject({ type: { kind: 'slice', elem: { name: 'string' } } });
    expect(f[5]).toMatchObject({ type: { kind: 'map', value: { name: 'int' } } });
    expect(f[6]!.json).toMatchObject({ skip: true });
    expect(f[7]!.json).toMatchObject({ name: 'count', string: true });
    expect(f[8]).toMatchObject({ type: { kind: 'generic', base: { name: 'Page' } } });
    expect(types[1]).toMatchObject({ name: 'Status', type: { kind: 'name', name: 'string' } });
  });

  it('skips declarations that hold syntax errors', async () => {
    const { types } = await analyzeGo('type A struct {\n    B int `json:"b"`\n    C string string\n}\ntype D struct{}\n');
    expect(types.map((t) => t.name)).not.toContain('A');
  });
});

describe('parseJsonTag', () => {
  it('reads names and options the way encoding/json does', () => {
    expect(parseJsonTag('json:"id"')).toMatchObject({ name: 'id', omitempty: false });
    expect(parseJsonTag('json:",omitempty" db:"x"')).toMatchObject({ name: '', omitempty: true });
    expect(parseJsonTag('validate:"required" json:"email,omitzero"')).toMatchObject({ name: 'email', omitzero: true });
    expect(parseJsonTag('json:"-"')).toMatchObject({ skip: true });
    expect(parseJsonTag('json:"-,"')).toMatchObject({ name: '-', skip: false });
    expect(parseJsonTag('db:"id"')).toBeNull();
  });
});

describe('scanBrackets', () => {
  it('ignores brackets in strings, runes, raw strings and comments', () => {
    expect(scanBrackets('s := "({["\nr := \'{\'\nt := `)`\n// }\n/* ] */\n')).toBeNull();
  });
  it('reports a stray closer where it stands', () => {
    expect(scanBrackets('f()\n}\n')).toMatchObject({ start: { line: 2, column: 1 } });
  });
  it('reports a mismatched closer', () => {
    expect(scanBrackets('f(\n]\n')?.message).toMatch(/the `\(` on line 1/);
  });
});

describe('scanBrackets: literals', () => {
  it('reports an unterminated raw string where it opens', () => {
    expect(scanBrackets('type A struct {\n    B string `json:"b"\n}\n')).toMatchObject({
      message: 'syntax error: raw string literal not terminated',
      start: { line: 2, column: 14 },
    });
  });
  it('reports an unterminated string', () => {
    expect(scanBrackets('x := "abc\ny := 1\n')?.message).toBe('syntax error: string literal not terminated');
  });
});
