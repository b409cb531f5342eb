import { describe, expect, it } from 'vitest';
import { extractSpec } from '../../src/model/extract.js';
import { analyzeGo } from '../../src/code/go.js';
import { analyzeTs } from '../../src/code/typescript.js';
import { isGoBlock, isTsBlock } from '../../src/code/blocks.js';
import { checkContracts, introText, isApiSection, isResponseBlock } from '../../src/code/contract.js';

const fence = '```';

/** A minimal document: section 4 with a Go response block and a TypeScript block. */
function doc(goStruct: string, tsTypes: string, extra = ''): string {
  return [
    '# Tech Spec: Contracts',
    '',
    '## 4. API Design',
    '',
    '### GET /api/v1/things',
    '',
    '**Response struct:**',
    `${fence}go`,
    goStruct,
    fence,
    '',
    '**TypeScript request/response types:**',
    `${fence}typescript`,
    tsTypes,
    fence,
    '',
    extra,
  ].join('\n');
}

async function findings(text: string) {
  const spec = extractSpec(text, 'tech-specs/x.md');
  const go = [];
  for (const block of spec.codeBlocks.filter(isGoBlock)) go.push({ block, analysis: await analyzeGo(block.text) });
  const ts = [];
  for (const block of spec.codeBlocks.filter(isTsBlock)) ts.push({ block, analysis: await analyzeTs(block.text) });
  return checkContracts(spec, go, ts).map((f) => ({ line: f.loc.line, key: f.key, message: f.message }));
}

function lineOf(text: string, needle: string): number {
  const i = text.indexOf(needle);
  if (i < 0) throw new Error(`not found: ${needle}`);
  return text.slice(0, i).split('\n').length;
}

const INVITE_GO = `type InviteResponse struct {
    ID        uuid.UUID \`json:"id"\`
    Email     string    \`json:"email"\`
    Status    string    \`json:"status"\`
    ExpiresAt time.Time \`json:"expires_at"\`
    CreatedAt time.Time \`json:"created_at"\`
}`;
const INVITE_TS = `interface InviteResponse {
  id: string;
  email: string;
  status: "pending" | "accepted" | "expired" | "revoked";
  expires_at: string;
  created_at: string;
}`;

describe('checkContracts', () => {
  it('accepts the reference template’s InviteResponse pair', async () => {
    expect(await findings(doc(INVITE_GO, INVITE_TS))).toEqual([]);
  });

  it('reports a Go field the interface lacks, at the Go field', async () => {
    const text = doc(INVITE_GO, INVITE_TS.replace('  expires_at: string;\n', ''));
    const f = await findings(text);
    expect(f).toEqual([
      expect.objectContaining({ line: lineOf(text, 'ExpiresAt time.Time'), key: 'InviteResponse.expires_at' }),
    ]);
    expect(f[0]!.message).toContain('lacks field `expires_at`');
  });

  it('reports a mismatched type at the TypeScript member', async () => {
    const text = doc(INVITE_GO, INVITE_TS.replace('expires_at: string', 'expires_at: number'));
    const f = await findings(text);
    expect(f).toEqual([expect.objectContaining({ line: lineOf(text, 'expires_at: number'), key: 'InviteResponse.expires_at' })]);
    expect(f[0]!.message).toContain('is `string` in JSON');
  });

  it('reports a TypeScript member Go does not send', async () => {
    const text = doc(INVITE_GO, INVITE_TS.replace('  created_at: string;\n', '  created_at: string;\n  role: string;\n'));
    const f = await findings(text);
    expect(f).toEqual([expect.objectContaining({ line: lineOf(text, 'role: string'), key: 'InviteResponse.role' })]);
  });

  it('reports a missing interface at the Go struct', async () => {
    const text = doc(INVITE_GO, 'interface Other {\n  id: string;\n}');
    const f = await findings(text);
    expect(f).toEqual([expect.objectContaining({ line: lineOf(text, 'type InviteResponse'), key: 'InviteResponse' })]);
  });

  it('treats Date as a mismatch for time.Time', async () => {
    const f = await findings(doc(INVITE_GO, INVITE_TS.replace('created_at: string', 'created_at: Date')));
    expect(f.map((x) => x.key)).toEqual(['InviteResponse.created_at']);
  });

  it('maps omitempty to optional, pointers to optional or null', async () => {
    const go = `type R struct {
    A *string \`json:"a"\`
    B *string \`json:"b"\`
    C *string \`json:"c"\`
    D string  \`json:"d,omitempty"\`
    E string  \`json:"e,omitempty"\`
    F string  \`json:"f"\`
    G *int    \`json:"g,omitempty"\`
}`;
    const ts = `interface R {
  a?: string;
  b: string | null;
  c: string;
  d?: string;
  e: string;
  f?: string;
  g: number | null;
}`;
    const text = doc(go, ts);
    const f = await findings(text);
    expect(f.map((x) => [x.key, x.line])).toEqual([
      ['R.c', lineOf(text, 'c: string;')],
      ['R.e', lineOf(text, 'e: string;')],
      ['R.f', lineOf(text, 'f?: string;')],
      ['R.g', lineOf(text, 'g: number | null;')],
    ]);
  });

  it('hints the whole TypeScript declaration in one step: a nil pointer is `| null`, omitempty is `?:`', async () => {
    const go = `type R struct {
    A *time.Time \`json:"archived_at"\`
    B *time.Time \`json:"b"\`
    C *time.Time \`json:"c"\`
    D *int64     \`json:"d"\`
    E *time.Time \`json:"e,omitempty"\`
    F []*Item    \`json:"f"\`
}

type Item struct {
    N int \`json:"n"\`
}`;
    const ts = `interface R {
  b: string;
  c: number;
  d: string;
  f: string;
}

interface Item {
  n: number;
}`;
    const text = doc(go, ts);
    const f = await findings(text);
    const byKey = new Map(f.map((x) => [x.key, x]));
    expect([...byKey.keys()].sort()).toEqual(['R.archived_at', 'R.b', 'R.c', 'R.d', 'R.e', 'R.f']);
    // one report per field, each naming the declaration to write
    expect(f).toHaveLength(6);
    expect(byKey.get('R.archived_at')!.message).toContain('add `archived_at: string | null`');
    expect(byKey.get('R.b')!.message).toContain('declare it `b: string | null`');
    expect(byKey.get('R.c')!.message).toContain("Go's `*time.Time` is `string | null` in JSON; declare it `c: string | null`");
    expect(byKey.get('R.d')!.message).toContain('declare it `d: number | null`');
    expect(byKey.get('R.e')!.message).toContain('add `e?: string`');
    expect(byKey.get('R.f')!.message).toContain('declare it `f: (Item | null)[]`');
  });

  it('reports a type a known standard package does not have (`time.Tmie`), with the closest one', async () => {
    const go = 'type R struct {\n    At    *time.Tmie      `json:"at"`\n    Raw   json.RawMessage `json:"raw"`\n    Addr  netip.Addr      `json:"addr"`\n    Other pkg.Whatever    `json:"other"`\n}';
    const text = doc(go, 'interface R {\n  at: string | null;\n  raw: unknown;\n  addr: string;\n  other: string;\n}');
    const f = await findings(text);
    expect(f).toEqual([expect.objectContaining({ key: 'R.at:type', line: lineOf(text, 'At    *time.Tmie') })]);
    expect(f[0]!.message).toContain('`time.Tmie` (Go `At` in `R`) is not a type of package `time`; did you mean `time.Time`?');
  });

  it('does not require optional for omitempty on a struct value', async () => {
    const f = await findings(doc('type R struct {\n    At time.Time `json:"at,omitempty"`\n}', 'interface R {\n  at: string;\n}'));
    expect(f).toEqual([]);
  });

  it('compares numbers, booleans, slices, maps, bytes, the string option and json.RawMessage', async () => {
    const go = `type StatsResponse struct {
    Count   int64             \`json:"count"\`
    Ratio   float64           \`json:"ratio"\`
    OK      bool              \`json:"ok"\`
    Tags    []string          \`json:"tags"\`
    ByDay   map[string]int    \`json:"by_day"\`
    Blob    []byte            \`json:"blob"\`
    Big     int64             \`json:"big,string"\`
    Raw     json.RawMessage   \`json:"raw"\`
    Ttl     time.Duration     \`json:"ttl"\`
    Matrix  [][]int           \`json:"matrix"\`
    Hidden  string            \`json:"-"\`
    private string
    Plain   string
}`;
    const good = `interface StatsResponse {
  count: number;
  ratio: number;
  ok: boolean;
  tags: Array<string>;
  by_day: Record<string, number>;
  blob: string;
  big: string;
  raw: unknown;
  ttl: number;
  matrix: number[][];
  Plain: string;
}`;
    expect(await findings(doc(go, good))).toEqual([]);
    const bad = `interface StatsResponse {
  count: string;
  ratio: number;
  ok: "yes" | "no";
  tags: string;
  by_day: { [day: string]: string };
  blob: number[];
  big: number;
  raw: unknown;
  ttl: string;
  matrix: number[];
  Plain: string;
}`;
    const text = doc(go, bad);
    expect((await findings(text)).map((x) => x.key)).toEqual([
      'StatsResponse.count',
      'StatsResponse.ok',
      'StatsResponse.tags',
      'StatsResponse.by_day',
      'StatsResponse.blob',
      'StatsResponse.big',
      'StatsResponse.ttl',
      'StatsResponse.matrix',
    ]);
  });

  it('follows named types, aliases, enums and nested structs', async () => {
    const go = `type InviteStatus string

type Inviter struct {
    ID   uuid.UUID \`json:"id"\`
    Name string    \`json:"name"\`
}

type InviteListResponse struct {
    Items   []InviteResponse \`json:"items"\`
    Status  InviteStatus     \`json:"status"\`
    By      Inviter          \`json:"by"\`
    Cursor  *string          \`json:"cursor,omitempty"\`
}

type InviteResponse struct {
    ID uuid.UUID \`json:"id"\`
}`;
    const ts = `type InviteStatus = "pending" | "accepted";
enum Kind { A = "a" }

interface InviteResponse {
  id: string;
}

interface InviteListResponse {
  items: InviteResponse[];
  status: InviteStatus;
  by: { id: string; name: string };
  cursor?: string;
}`;
    expect(await findings(doc(go, ts))).toEqual([]);
    const text = doc(go, ts.replace('by: { id: string; name: string }', 'by: { id: string; name: number }').replace('  id: string;\n}', '  id: number;\n}'));
    expect((await findings(text)).map((x) => x.key)).toEqual(['InviteResponse.id', 'InviteListResponse.by.name']);
  });

  it('flattens embedded structs and follows interface extends', async () => {
    const go = `type Base struct {
    ID        uuid.UUID \`json:"id"\`
    CreatedAt time.Time \`json:"created_at"\`
}

type WidgetResponse struct {
    Base
    Name string \`json:"name"\`
}`;
    const ts = `interface Base {
  id: string;
  created_at: string;
}

interface WidgetResponse extends Base {
  name: string;
}`;
    expect(await findings(doc(go, ts))).toEqual([]);
    expect(await findings(doc(go, 'type WidgetResponse = Base & { name: string };\ninterface Base {\n  id: string;\n  created_at: string;\n}'))).toEqual([]);
    const f = await findings(doc(go, 'interface WidgetResponse {\n  id: string;\n  name: string;\n}'));
    expect(f.map((x) => x.key)).toEqual(['WidgetResponse.created_at']);
  });

  it('does not check what it cannot see', async () => {
    // an embedded type the spec does not declare, an interface extending an undeclared type
    const go = 'type WidgetResponse struct {\n    common.Audit\n    Name string `json:"name"`\n    Owner users.User `json:"owner"`\n}';
    expect(await findings(doc(go, 'interface WidgetResponse {\n  name: string;\n  owner: User;\n  updated_at: string;\n}'))).toEqual([]);
    const go2 = 'type WidgetResponse struct {\n    Name string `json:"name"`\n    Extra string `json:"extra"`\n}';
    expect(await findings(doc(go2, 'interface WidgetResponse extends Audited {\n  name: string;\n}'))).toEqual([]);
  });

  it('only checks response structs with json tags in section 4', async () => {
    const req = 'type CreateThingRequest struct {\n    Name string `json:"name"`\n}';
    expect(await findings(doc(req, 'interface Unrelated {\n  x: string;\n}'))).toEqual([]);
    const noTags = 'type ThingResponse struct {\n    Name string\n}';
    expect(await findings(doc(noTags, 'interface Unrelated {\n  x: string;\n}'))).toEqual([]);
    // outside section 4
    const outside = `# Tech Spec: X\n\n## 5. Component & Module Design\n\n${fence}go\n${INVITE_GO}\n${fence}\n`;
    expect(await findings(outside)).toEqual([]);
  });

  it('counts any struct introduced as a response, whatever its name', async () => {
    const go = 'type Invite struct {\n    ID uuid.UUID `json:"id"`\n}';
    const f = await findings(doc(go, 'interface Other {\n  x: string;\n}'));
    expect(f.map((x) => x.key)).toEqual(['Invite']);
  });

  it('checks every TypeScript declaration of the name', async () => {
    const text = doc(INVITE_GO, INVITE_TS, `## 5. Component & Module Design\n\n${fence}typescript\ninterface InviteResponse {\n  id: string;\n}\n${fence}\n`);
    const f = await findings(text);
    expect(f).toHaveLength(4);
    expect(new Set(f.map((x) => x.line)).size).toBe(4);
  });
});

describe('block context', () => {
  it('finds section 4 and the label that introduces a block', () => {
    const spec = extractSpec(doc(INVITE_GO, INVITE_TS), 'x.md');
    const [goBlock, tsBlock] = spec.codeBlocks;
    expect(isApiSection(goBlock!)).toBe(true);
    expect(introText(spec, goBlock!)).toBe('Response struct:');
    expect(isResponseBlock(spec, goBlock!)).toBe(true);
    expect(isResponseBlock(spec, tsBlock!)).toBe(false);
  });
});
