import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { adaptMigrationTool, renderStrict, renderWorkflow, templateVariables, workflowTemplatePath, type WorkflowValues } from '../../src/workflow/render.js';

const values: WorkflowValues = {
  PROJECT_NAME: 'widgets',
  MAIN_BRANCH: 'trunk',
  USES_DOCKER: true,
  BACKEND_FOLDER: 'app',
  BACKEND_PORT: 9090,
  CURRENT_DATE: '2026-03-04',
};

describe('templateVariables', () => {
  it('collects plain and block-helper variables, not helper names', async () => {
    expect(await templateVariables('{{A}} {{#if B}}{{C}}{{else}}{{D.e}}{{/if}} {{#unless F}}x{{/unless}}')).toEqual(['A', 'B', 'C', 'D', 'F']);
  });

  it('lists exactly the variables each shipped template uses', async () => {
    const go = await templateVariables(readFileSync(workflowTemplatePath('go'), 'utf8'));
    const py = await templateVariables(readFileSync(workflowTemplatePath('python'), 'utf8'));
    expect(go.sort()).toEqual(['BACKEND_PORT', 'CURRENT_DATE', 'MAIN_BRANCH', 'PROJECT_NAME', 'USES_DOCKER']);
    expect(py.sort()).toEqual(['BACKEND_FOLDER', 'BACKEND_PORT', 'CURRENT_DATE', 'MAIN_BRANCH', 'PROJECT_NAME', 'USES_DOCKER']);
  });
});

describe('renderStrict', () => {
  it('renders without HTML escaping', async () => {
    expect(await renderStrict('a {{X}}', { X: '<b> & "c"' }, 't.hbs')).toBe('a <b> & "c"');
  });

  it('names a missing variable, even in a branch that is not taken', async () => {
    const err = await renderStrict('{{#if ON}}{{PORT}}{{/if}}', { ON: false }, 't.hbs').catch((e) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect(err.message).toContain('PORT');
    expect(err.message).toContain('t.hbs');
  });

  it('names a missing block-helper parameter (Handlebars strict mode alone lets it pass)', async () => {
    const err = await renderStrict('x{{#if USES_DOCKER}}y{{/if}}', {}, 't.hbs').catch((e) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect(err.message).toMatch(/USES_DOCKER has no value/);
  });

  it('treats an empty string as no value but false and 0 as values', async () => {
    await expect(renderStrict('{{A}}', { A: '  ' }, 't.hbs')).rejects.toThrow(/A has no value/);
    expect(await renderStrict('{{#if A}}y{{else}}n{{/if}}{{B}}', { A: false, B: 0 }, 't.hbs')).toBe('n0');
  });
});

describe('renderWorkflow', () => {
  for (const profile of ['go', 'python'] as const) {
    for (const docker of [true, false]) {
      it(`renders the ${profile} workflow with Docker ${docker ? 'on' : 'off'} and leaves no {{`, async () => {
        const text = await renderWorkflow(profile, { ...values, USES_DOCKER: docker });
        expect(text).not.toContain('{{');
        expect(text).toContain('widgets');
        expect(text).toContain('Merge to trunk');
        expect(text).toContain('2026-03-04');
        if (docker) {
          expect(text).toContain('docker-compose exec backend');
          expect(text).toContain('http://localhost:9090/health');
        } else {
          expect(text).not.toContain('docker-compose exec');
          expect(text).not.toContain('docker-debugger');
        }
        if (profile === 'python') expect(text).toContain(docker ? 'docker-compose exec backend black app/' : 'black app/');
      });
    }
  }

  it('fails on a missing value, naming it', async () => {
    const { BACKEND_FOLDER: _, ...rest } = values;
    await expect(renderWorkflow('python', rest as WorkflowValues)).rejects.toThrow(/BACKEND_FOLDER/);
    // the go template does not use BACKEND_FOLDER
    await expect(renderWorkflow('go', rest as WorkflowValues)).resolves.toContain('widgets');
  });
});

describe('the workflow in the project migration tool', () => {
  it("rewrites the Go template's golang-migrate and GORM/sqlx steps to goose, in the project's directory", async () => {
    const plain = await renderWorkflow('go', { ...values, USES_DOCKER: false });
    // the shipped template (the team's original) was written for golang-migrate
    expect(plain).toContain('migrate create -ext sql -dir migrations -seq add_users_table');
    const w = await renderWorkflow('go', { ...values, USES_DOCKER: false }, undefined, { tool: 'goose', dir: 'db/migrations' });
    expect(w).toContain('### Database Migrations (goose)');
    expect(w).toContain('goose -dir db/migrations create add_users_table sql');
    expect(w).toContain('goose -dir db/migrations postgres "postgres://..." up');
    expect(w).toContain('goose -dir db/migrations postgres "postgres://..." down\n');
    expect(w).toContain('goose -dir db/migrations postgres "postgres://..." status');
    expect(w).toContain('# Check migration status');
    for (const gone of ['golang-migrate', 'migrate create', 'migrate -path', 'GORM', 'sqlx']) expect(w, gone).not.toContain(gone);
    // nothing else changes
    expect(w.split('\n').length).toBe(plain.split('\n').length);
    const changed = w.split('\n').filter((l, i) => l !== plain.split('\n')[i]);
    expect(changed.every((l) => /goose|database\/sql|migration status/.test(l)), changed.join('\n')).toBe(true);
  });

  it('keeps docker-compose exec in front of the goose commands', async () => {
    const w = await renderWorkflow('go', values, undefined, { tool: 'goose', dir: 'migrations' });
    expect(w).toContain('docker-compose exec backend goose -dir migrations create add_users_table sql');
    expect(w).not.toMatch(/exec backend migrate /);
  });

  it('leaves a workflow already in the project tool alone (python + alembic)', async () => {
    const py = { ...values, BACKEND_FOLDER: 'app' };
    expect(await renderWorkflow('python', py, undefined, { tool: 'alembic', dir: 'alembic/versions' })).toBe(await renderWorkflow('python', py));
    expect(adaptMigrationTool('goose -dir m up\n', { tool: 'goose', dir: 'm' })).toBe('goose -dir m up\n');
  });
});
