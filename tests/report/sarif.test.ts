import { afterEach, describe, expect, it, vi } from 'vitest';
import { format, toSarif, fingerprints, FINGERPRINT_KEY } from '../../src/report/sarif.js';
import { ctx, diag, result, sarifValidator, RULES } from './helpers.js';

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: Array<{ physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: Record<string, number> } }>;
  partialFingerprints: Record<string, string>;
}
interface SarifLog {
  $schema: string;
  version: string;
  runs: Array<{ tool: { driver: { name: string; version: string; informationUri?: string; rules: Array<{ id: string; shortDescription: { text: string }; helpUri?: string; defaultConfiguration: { level: string } }> } }; results: SarifResult[] }>;
}

const parse = (text: string) => JSON.parse(text) as SarifLog;

afterEach(() => vi.unstubAllEnvs());

describe('sarif formatter', () => {
  const results = [
    result('tech-specs/invites.md', [
      diag({ line: 20, key: 'US-002' }),
      diag({ line: 140, ruleId: 'task/dependency-unknown', message: 'T-004 depends on T-009, which does not exist', key: 'T-004' }),
      diag({ line: 0, column: 0, endLine: 0, endColumn: 0, ruleId: 'path/placeholder', severity: 'warning', message: 'placeholder path "somewhere/in/api" on line 88' }),
    ]),
    result('tech-specs/clean.md', []),
    result('tech-specs/with space & ü.md', [diag({ line: 3, ruleId: 'lint/unknown-rule', severity: 'warning', message: 'unknown rule "x/y"' })]),
  ];

  it('is valid against the official SARIF 2.1.0 schema', () => {
    const validate = sarifValidator();
    const log = parse(format(results, ctx()));
    const ok = validate(log);
    expect(validate.errors ?? null, JSON.stringify(validate.errors, null, 1)).toBeNull();
    expect(ok).toBe(true);
    // an empty run is valid too
    expect(validate(parse(format([], ctx())))).toBe(true);
    expect(validate(parse(format([result('tech-specs/clean.md', [])], ctx())))).toBe(true);
  });

  it('the schema check catches a broken log (the validator is not vacuous)', () => {
    const validate = sarifValidator();
    const log = parse(format(results, ctx())) as unknown as { runs: Array<{ results: Array<{ level: string }> }> };
    log.runs[0]!.results[0]!.level = 'fatal';
    expect(validate(log)).toBe(false);
  });

  it('has the shape GitHub code scanning reads', () => {
    const log = parse(format(results, ctx()));
    expect(log.$schema).toMatch(/^https:\/\/.*sarif.*2\.1\.0.*\.json$/);
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    const { driver } = log.runs[0]!.tool;
    expect(driver.name).toBe('spec');
    expect(driver.version).toBe('0.1.0');
    expect(driver.informationUri).toMatch(/^[a-z]+:/);
    // every known rule, each with id, short description, help URI and default level
    for (const info of RULES) {
      const rule = driver.rules.find((r) => r.id === info.id)!;
      expect(rule.shortDescription.text).toBe(info.description);
      expect(rule.helpUri).toBe(info.docsUrl);
    }
    expect(driver.rules.find((r) => r.id === 'trace/story-unmapped')!.defaultConfiguration.level).toBe('error');
    expect(driver.rules.find((r) => r.id === 'path/placeholder')!.defaultConfiguration.level).toBe('warning');
    expect(driver.rules.find((r) => r.id === 'code/ts-no-any')!.defaultConfiguration.level).toBe('none');
    // a diagnostic from a rule the context does not know still gets a descriptor
    expect(driver.rules.some((r) => r.id === 'lint/unknown-rule')).toBe(true);

    const res = log.runs[0]!.results;
    expect(res).toHaveLength(4);
    for (const r of res) {
      expect(driver.rules[r.ruleIndex]!.id).toBe(r.ruleId);
      const loc = r.locations[0]!.physicalLocation;
      expect(loc.artifactLocation.uriBaseId).toBe('%SRCROOT%');
      expect(loc.artifactLocation.uri.startsWith('/')).toBe(false);
      expect(Object.keys(r.partialFingerprints)).toEqual([FINGERPRINT_KEY]);
    }
    const dep = res.find((r) => r.ruleId === 'task/dependency-unknown')!;
    expect(dep.level).toBe('error');
    expect(dep.message.text).toBe('T-004 depends on T-009, which does not exist');
    expect(dep.locations[0]!.physicalLocation.artifactLocation.uri).toBe('tech-specs/invites.md');
    expect(dep.locations[0]!.physicalLocation.region).toEqual({ startLine: 140, startColumn: 1, endLine: 140, endColumn: 10 });
    // file-level findings at line 0 become line 1
    const placeholder = res.find((r) => r.ruleId === 'path/placeholder')!;
    expect(placeholder.level).toBe('warning');
    expect(placeholder.locations[0]!.physicalLocation.region.startLine).toBe(1);
    expect(placeholder.locations[0]!.physicalLocation.region.startColumn).toBe(1);
    // paths are percent-encoded URI references
    const odd = res.find((r) => r.ruleId === 'lint/unknown-rule')!;
    expect(odd.locations[0]!.physicalLocation.artifactLocation.uri).toBe('tech-specs/with%20space%20%26%20%C3%BC.md');
  });

  it('makes paths relative to GITHUB_WORKSPACE when the config root is a subdirectory of the checkout', () => {
    vi.stubEnv('GITHUB_WORKSPACE', '/');
    const log = parse(format([result('tech-specs/invites.md', [diag({ line: 2 })])], ctx()));
    expect(log.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri).toBe('repo/tech-specs/invites.md');
  });

  it('keeps partial fingerprints stable when unrelated lines move', () => {
    const before = [diag({ line: 20, key: 'US-002' }), diag({ line: 30, ruleId: 'path/placeholder', message: 'placeholder path on line 30' })];
    const after = [diag({ line: 27, endLine: 27, key: 'US-002' }), diag({ line: 41, endLine: 41, ruleId: 'path/placeholder', message: 'placeholder path on line 41' })];
    const fp = (ms: typeof before) =>
      toSarif([result('tech-specs/a.md', ms)], ctx()).runs as Array<{ results: SarifResult[] }>;
    const a = fp(before)[0]!.results.map((r) => r.partialFingerprints[FINGERPRINT_KEY]);
    const b = fp(after)[0]!.results.map((r) => r.partialFingerprints[FINGERPRINT_KEY]);
    expect(a).toEqual(b);
  });

  it('tells findings apart by key, rule and file', () => {
    const fps = fingerprints('tech-specs/a.md', [
      diag({ line: 1, key: 'US-001' }),
      diag({ line: 2, key: 'US-002' }),
      diag({ line: 3, key: 'US-001', ruleId: 'task/dependency-unknown' }),
    ]);
    expect(new Set(fps).size).toBe(3);
    expect(fingerprints('tech-specs/b.md', [diag({ line: 1, key: 'US-001' })])[0]).not.toBe(fps[0]);
  });

  it('numbers identical findings in document order, so each stays unique', () => {
    const ms = [diag({ line: 50, message: 'table row has 3 cells' }), diag({ line: 10, message: 'table row has 3 cells' })];
    const fps = fingerprints('tech-specs/a.md', ms);
    expect(fps[0]).not.toBe(fps[1]);
    expect(fps[1]!.endsWith(':1')).toBe(true);
    expect(fps[0]!.endsWith(':2')).toBe(true);
  });
});
