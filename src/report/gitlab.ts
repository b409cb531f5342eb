/**
 * GitLab Code Quality report (the Code Climate subset GitLab reads): a JSON array of issues with
 * description, check_name, a unique fingerprint, severity and a repository-relative location. Publish it with
 * `artifacts: reports: codequality: <file>` in `.gitlab-ci.yml`.
 */
import { createHash } from 'node:crypto';
import type { Formatter } from '../lint/types.js';
import { fingerprints, region, repositoryPath } from './sarif.js';

export interface CodeQualityIssue {
  type: 'issue';
  description: string;
  check_name: string;
  fingerprint: string;
  severity: 'info' | 'minor' | 'major' | 'critical' | 'blocker';
  location: { path: string; lines: { begin: number; end: number } };
}

export const format: Formatter = (results, ctx) => {
  const issues: CodeQualityIssue[] = [];
  const sorted = [...results].sort((a, b) => a.relativePath.localeCompare(b.relativePath));
  for (const file of sorted) {
    const path = repositoryPath(file, ctx);
    const fps = fingerprints(path, file.messages);
    file.messages.forEach((d, i) => {
      const r = region(d);
      issues.push({
        type: 'issue',
        description: `${d.message} (${d.ruleId})`,
        check_name: d.ruleId,
        // GitLab expects an MD5-sized hex string, unique per issue and stable across line moves.
        fingerprint: createHash('md5').update(fps[i]!).digest('hex'),
        severity: d.severity === 'error' ? 'major' : 'minor',
        location: { path, lines: { begin: r.startLine, end: r.endLine } },
      });
    });
  }
  return `${JSON.stringify(issues, null, 2)}\n`;
};
