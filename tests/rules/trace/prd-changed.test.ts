import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import rule from '../../../src/rules/trace/prd-changed.js';
import { fixtureRepo, lineOf, prdSpec, engSpec, replace, runRuleTests } from '../../helpers/rule-tester.js';

const PRD = 'prds/workspace-invites.md';
const hash = createHash('sha256').update(readFileSync(join(fixtureRepo, PRD))).digest('hex');
const other = 'b'.repeat(64);

/** The fixture spec with a provenance comment right after its header block. */
const stamped = (sha: string, extra = '') => {
  const status = /^\*\*Status:\*\*.*$/m.exec(prdSpec)![0];
  return replace(prdSpec, status, `${status}\n<!-- spec:provenance prd=${PRD} prd-sha256=${sha} model=claude-sonnet-5-5 generated=2026-03-01${extra} -->`);
};
const provLine = (spec: string) => lineOf(spec, '<!-- spec:provenance');

runRuleTests(rule, {
  valid: [
    { name: 'no provenance comment', spec: prdSpec },
    { name: 'the recorded hash matches the PRD', spec: stamped(hash) },
    { name: 'the hash in upper case', spec: stamped(hash.toUpperCase()) },
    { name: 'an engineering-initiated spec records no PRD hash', spec: replace(engSpec, '**Status:**', '<!-- spec:provenance model=m generated=2026-03-01 -->\n**Status:**') },
    { name: 'a completed spec is not checked', spec: stamped(other), filePath: 'tech-specs/completed/workspace-invites.md' },
    { name: 'a missing PRD is trace/prd-exists’ business', spec: stamped(other), files: { [PRD]: null } },
  ],
  invalid: [
    {
      name: 'the PRD changed after generation',
      spec: stamped(other),
      errors: [{ ruleId: 'trace/prd-changed', line: provLine(stamped(other)), severity: 'warning', message: `then set prd-sha256=${hash} in the provenance comment` }],
    },
    {
      name: 'the PRD was edited in the repository',
      spec: stamped(hash),
      files: { [PRD]: readFileSync(join(fixtureRepo, PRD), 'utf8') + '\n### US-004: Resend an invite\n\n**Acceptance criteria:**\n- resent\n' },
      errors: [{ ruleId: 'trace/prd-changed', line: provLine(stamped(hash)), message: /changed after this spec was generated on 2026-03-01/ }],
    },
    {
      name: 'a malformed hash',
      spec: stamped('abc123'),
      errors: [{ ruleId: 'trace/prd-changed', line: provLine(stamped('abc123')), message: 'is not a sha256' }],
    },
  ],
});
