import rule from '../../../src/rules/template/subsections.js';
import { engSpec, lineOf, prdSpec, replace, runRuleTests } from '../../helpers/rule-tester.js';
import { cut, legalForms, move } from './legal-forms.js';

const ID = 'template/subsections';
const ENDPOINT = '### POST /api/v1/workspaces/{workspace_id}/invites';
const WS = '### WebSocket / Real-Time Events\n\nNone — invites need no real-time events.\n';

const noKeyDecisions = cut(prdSpec, '### Key Decisions', '### New Patterns or Deviations');
const noRollback = cut(prdSpec, '### Rollback Procedure', '---\n\n## 9.');
const truncated = replace(prdSpec, '### Monitoring & Alerts', '### Monitoring');
const dashed = replace(prdSpec, '### Backend (Go) — New Files', '### Backend (Go) - New files');
const swapped = move(prdSpec, '### Open Questions\n', '---\n\n## 10.', '### Technical Risks');
const empty = replace(prdSpec, '### Backward Compatibility\n\nThe migration only adds a table, so code and schema deploy independently.\n', '### Backward Compatibility\n');
const bareNone = replace(prdSpec, 'None — no existing table changes.', 'None');
const bareNoneDot = replace(prdSpec, 'None — tests are written with each task above.', 'None.');
const bareSection = replace(engSpec, 'None — no endpoint changes; responses stay the same.', 'None');
const noSubsections = replace(
  cut(prdSpec, '### Feature Flags', '---\n\n## 9.'),
  '## 8. Rollout & Operations\n',
  '## 8. Rollout & Operations\n\nShip it behind the `workspace_invites` flag and watch the dashboard.\n\n',
);
const notEndpoint = replace(prdSpec, ENDPOINT, '### Create invite');
const lowerMethod = replace(prdSpec, ENDPOINT, '### post /api/v1/workspaces/{workspace_id}/invites');
const noWs = replace(prdSpec, WS, '');
const endpointAfterWs = replace(prdSpec, WS, `${WS}\n### DELETE /api/v1/invites/{id}\n\nRevokes an invite.\n`);
const noApiSubsections = replace(engSpec, 'None — no endpoint changes; responses stay the same.', 'The API keeps its endpoints.');
const noPhase5 = cut(prdSpec, '### Phase 5: Integration', '### Phase 6: Tests');
const deeper = replace(prdSpec, '### Summary\n', '#### Summary\n');
const duplicate = replace(prdSpec, '### Modified Tables', '### New Tables\n\nNone — see above.\n\n### Modified Tables');

runRuleTests(rule, {
  valid: [
    ...legalForms('spaced-headings', 'none-sections', 'blockquote', 'heading-tasks', 'crlf'),
    { name: 'Phase 3 left out ([If applicable])', spec: cut(prdSpec, '### Phase 3: Real-Time / Events', '### Phase 4: Frontend') },
    { name: 'an extra subsection', spec: replace(prdSpec, '### Key Decisions', '### Sequence Diagram\n\nAdmin → API → DB.\n\n### Key Decisions') },
    { name: 'a whole section that says None — reason', spec: replace(cut(prdSpec, '### Feature Flags', '---\n\n## 9.'), '## 8. Rollout & Operations\n', '## 8. Rollout & Operations\n\nNone — internal change, nothing to roll out.\n\n') },
    { name: 'several endpoints before the WebSocket subsection', spec: replace(prdSpec, WS, `### DELETE /api/v1/invites/{id}\n\nRevokes an invite.\n\n${WS}`) },
    { name: 'an endpoint heading that is a placeholder is template/placeholder’s', spec: replace(prdSpec, ENDPOINT, '### [METHOD] [path]') },
    { name: 'None with a reason in inline code', spec: replace(prdSpec, 'None — no existing table changes.', 'None — `invites` is new.') },
  ],
  invalid: [
    { name: 'a missing subsection', spec: noKeyDecisions, errors: [{ ruleId: ID, line: lineOf(noKeyDecisions, '### New Patterns'), message: 'missing subsection `### Key Decisions`' }] },
    { name: 'a missing last subsection', spec: noRollback, errors: [{ ruleId: ID, line: lineOf(noRollback, '### Backward Compatibility'), message: 'add it after `### Backward Compatibility`' }] },
    { name: 'a truncated title', spec: truncated, errors: [{ ruleId: ID, line: lineOf(truncated, '### Monitoring'), message: 'should be `### Monitoring & Alerts`' }] },
    { name: '"and" for "&" in a subsection title', spec: replace(prdSpec, '### Monitoring & Alerts', '### Monitoring and Alerts'), errors: [{ ruleId: ID, line: lineOf(prdSpec, '### Monitoring & Alerts'), severity: 'error', message: '`### Monitoring and Alerts` should be `### Monitoring & Alerts`' }] },
    { name: '"and" for "&" in a phase title', spec: replace(prdSpec, '### Phase 2: Backend Logic & API', '### Phase 2: Backend Logic and API'), errors: [{ ruleId: ID, line: lineOf(prdSpec, '### Phase 2: Backend Logic & API'), severity: 'error', message: 'should be `### Phase 2: Backend Logic & API`' }] },
    { name: 'another dash and case', spec: dashed, errors: [{ ruleId: ID, line: lineOf(dashed, '### Backend (Go) - New files'), severity: 'warning' }] },
    { name: 'two subsections swapped', spec: swapped, errors: [{ ruleId: ID, line: lineOf(swapped, '### Technical Risks'), message: 'out of order' }] },
    { name: 'an empty subsection', spec: empty, errors: [{ ruleId: ID, line: lineOf(empty, '### Backward Compatibility'), message: 'empty' }] },
    { name: 'a bare None', spec: bareNone, errors: [{ ruleId: ID, line: lineOf(bareNone, 'None', '### Modified Tables'), severity: 'warning', message: 'without a reason' }] },
    { name: 'a bare "None."', spec: bareNoneDot, errors: [{ ruleId: ID, line: lineOf(bareNoneDot, 'None.', '### Phase 6'), severity: 'warning' }] },
    { name: 'a whole section with a bare None', spec: bareSection, errors: [{ ruleId: ID, line: lineOf(bareSection, 'None', '## 4. API Design'), severity: 'warning' }] },
    { name: 'a section without its subsections', spec: noSubsections, errors: [{ ruleId: ID, line: lineOf(noSubsections, '## 8. Rollout'), message: 'none of its subsections' }] },
    { name: 'an API subsection that is not an endpoint', spec: notEndpoint, errors: [{ ruleId: ID, line: lineOf(notEndpoint, '### Create invite'), message: 'not an endpoint heading' }] },
    { name: 'a lower-case method', spec: lowerMethod, errors: [{ ruleId: ID, line: lineOf(lowerMethod, '### post'), severity: 'warning' }] },
    { name: 'no WebSocket subsection', spec: noWs, errors: [{ ruleId: ID, line: lineOf(noWs, ENDPOINT), message: '`### WebSocket / Real-Time Events`' }] },
    { name: 'an endpoint after the WebSocket subsection', spec: endpointAfterWs, errors: [{ ruleId: ID, line: lineOf(endpointAfterWs, '### DELETE'), message: 'move it above' }] },
    { name: 'API Design with prose and no endpoint', spec: noApiSubsections, errors: [{ ruleId: ID, line: lineOf(noApiSubsections, '## 4. API Design'), message: 'no endpoint subsection' }] },
    { name: 'a missing phase', spec: noPhase5, errors: [{ ruleId: ID, line: lineOf(noPhase5, '### Phase 6: Tests'), message: '`### Phase 5: Integration`' }] },
    { name: 'a subsection one level too deep', spec: deeper, errors: [{ ruleId: ID, line: lineOf(deeper, '#### Summary'), message: 'write it as `### Summary`' }] },
    { name: 'a duplicated subsection', spec: duplicate, errors: [{ ruleId: ID, line: lineOf(duplicate, '### New Tables', '#### invites'), message: 'twice' }] },
  ],
});
