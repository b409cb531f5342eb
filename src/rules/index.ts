/**
 * The rule registry: every rule, keyed by id, with its documentation URL. Rule modules are small and cheap
 * to import; the engines some of them need are imported inside `check`.
 */
import type { Rule } from './types.js';
import { packageRoot } from '../package-root.js';
import { ruleDocsBase } from '../package-info.js';
import type { RuleInfo } from '../lint/types.js';
import { rules as template } from './template/index.js';
import { rules as trace } from './trace/index.js';
import { rules as task } from './task/index.js';
import { rules as path } from './path/index.js';
import { rules as goose } from './goose/index.js';
import { rules as code } from './code/index.js';

export { packageRoot };

/**
 * A rule's documentation page: `<repository>/blob/main/docs/rules/<id>.md`, the repository from package.json
 * (`SPEC_DOCS_BASE_URL` overrides the base; src/package-info.ts).
 */
export function ruleDocsUrl(id: string): string {
  // a rule id (`category/name`) needs no escaping in a URL
  return `${ruleDocsBase()}/${/^[a-z0-9-]+\/[a-z0-9-]+$/.test(id) ? id : id.split('/').map(encodeURIComponent).join('/')}.md`;
}

export const allRules: Rule[] = [...template, ...trace, ...task, ...path, ...goose, ...code];

for (const rule of allRules) rule.meta.docsUrl ??= ruleDocsUrl(rule.meta.id);

export const rulesById: ReadonlyMap<string, Rule> = new Map(allRules.map((r) => [r.meta.id, r]));

/** Rule ids that the engine itself reports (not rule modules), documented like rules. */
export const engineRuleInfos: RuleInfo[] = [
  {
    id: 'lint/unknown-rule',
    description: 'An inline `spec-lint-…` comment names a rule that does not exist.',
    docsUrl: ruleDocsUrl('lint/unknown-rule'),
    defaultSeverity: 'warn',
  },
  {
    id: 'lint/unused-disable-directive',
    description: 'A `spec-lint-disable…` comment suppresses nothing (reported with `--report-unused-disable-directives`).',
    docsUrl: ruleDocsUrl('lint/unused-disable-directive'),
    defaultSeverity: 'off',
  },
  {
    id: 'lint/internal-error',
    description: 'A rule failed on this file; the failure is reported instead of stopping the run.',
    docsUrl: ruleDocsUrl('lint/internal-error'),
    defaultSeverity: 'error',
  },
];

export function ruleInfos(): RuleInfo[] {
  return [
    ...allRules.map((r) => ({
      id: r.meta.id,
      description: r.meta.description,
      docsUrl: r.meta.docsUrl!,
      defaultSeverity: r.meta.defaultSeverity,
      ...(r.meta.fixable ? { fixable: true } : {}),
    })),
    ...engineRuleInfos,
  ];
}
