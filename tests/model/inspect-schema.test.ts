import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { projectRoot, runCli, tempFixtureRepo } from '../helpers/cli.js';

const schema = JSON.parse(readFileSync(join(projectRoot, 'schemas', 'spec-model.schema.json'), 'utf8'));

describe('spec inspect --format json', () => {
  it('prints a model that validates against schemas/spec-model.schema.json', () => {
    const repo = tempFixtureRepo();
    try {
      const ajv = new Ajv({ allErrors: true, strict: false });
      const validate = ajv.compile(schema);
      // paths written as links carry their link (model.prdPath.link, paths[].link, Files entries' link)
      const invites = readFileSync(join(repo.dir, 'tech-specs/workspace-invites.md'), 'utf8')
        .replace('**PRD:** prds/workspace-invites.md', '**PRD:** [prds/workspace-invites.md](../prds/workspace-invites.md)')
        .replace('    - Create: `internal/workspace/invites.go`\n', '    - Create: [internal/workspace/invites.go](../internal/workspace/invites.go)\n');
      writeFileSync(join(repo.dir, 'tech-specs/linked.md'), invites);
      for (const f of ['tech-specs/workspace-invites.md', 'tech-specs/member-lookup-index.md', 'tech-specs/linked.md', 'prds/workspace-invites.md']) {
        const r = runCli(['inspect', f, '--format', 'json'], { cwd: repo.dir });
        expect(r.status, r.stderr).toBe(0);
        const model = JSON.parse(r.stdout);
        const ok = validate(model);
        expect(ok, JSON.stringify(validate.errors?.slice(0, 5), null, 1)).toBe(true);
        expect(model.filePath).toBe(f);
        if (f === 'tech-specs/linked.md') {
          expect(model.prdPath.link).toEqual({ text: 'prds/workspace-invites.md', target: '../prds/workspace-invites.md', resolved: 'prds/workspace-invites.md' });
          expect(model.paths.some((p: { link?: unknown }) => p.link)).toBe(true);
        }
      }
    } finally {
      repo.cleanup();
    }
  });

  it('--prd prints the PRD model', () => {
    const repo = tempFixtureRepo();
    try {
      const r = runCli(['inspect', '--prd', 'prds/workspace-invites.md'], { cwd: repo.dir });
      expect(r.status).toBe(0);
      const prd = JSON.parse(r.stdout);
      expect(prd.stories.map((s: { id: string; hasAcceptanceCriteria: boolean }) => [s.id, s.hasAcceptanceCriteria])).toEqual([
        ['US-001', true],
        ['US-002', true],
        ['US-003', true],
      ]);
    } finally {
      repo.cleanup();
    }
  });
});
