/**
 * What the tool knows about its own package (package.json, read once): its name and version, and the public
 * repository every documentation link points into. Rule links are
 * `<repository>/blob/main/docs/rules/<id>.md`, with the repository taken from package.json `repository`
 * (else `homepage`), so diagnostics, SARIF `helpUri`, the JSON reports and `spec rules` link to pages a CI
 * log reader or code scanning can open, not to files of one machine's install. `SPEC_DOCS_BASE_URL`
 * overrides the base (a published site, a fork); the installed docs (`file://`) are the last resort, for a
 * package.json that names no web repository.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { packageRoot } from './package-root.js';

interface PackageJson {
  name?: string;
  version?: string;
  homepage?: string;
  repository?: string | { url?: string; directory?: string };
}

let pkg: PackageJson | undefined;

export function packageJson(): PackageJson {
  if (pkg) return pkg;
  try {
    pkg = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as PackageJson;
  } catch {
    pkg = {};
  }
  return pkg;
}

/** The package name on the registry (what `npm install --save-dev` takes). */
export function packageName(): string {
  return packageJson().name ?? 'spec-lint';
}

export function packageVersion(): string {
  return packageJson().version ?? '0.0.0';
}

/**
 * The repository's web address (`https://github.com/<owner>/<repo>`), from `repository` (a URL,
 * `git+https://….git`, `git@host:owner/repo.git` or the `github:owner/repo` / `owner/repo` shorthands), else
 * from `homepage` (its `#readme` dropped); undefined when neither names one.
 */
export function repositoryUrl(p: PackageJson = packageJson()): string | undefined {
  const raw = typeof p.repository === 'string' ? p.repository : p.repository?.url;
  const fromRepo = raw ? webUrl(raw) : undefined;
  if (fromRepo) return fromRepo;
  if (p.homepage && /^https?:\/\//.test(p.homepage)) return p.homepage.replace(/#.*$/, '').replace(/\/+$/, '');
  return undefined;
}

function webUrl(raw: string): string | undefined {
  const s = raw.trim();
  const short = /^(?:(github|gitlab|bitbucket):)?([\w.-]+)\/([\w.-]+?)(?:\.git)?$/.exec(s);
  if (short && !s.includes('://')) {
    const host = { github: 'github.com', gitlab: 'gitlab.com', bitbucket: 'bitbucket.org' }[short[1] ?? 'github'];
    return `https://${host}/${short[2]}/${short[3]}`;
  }
  const scp = /^(?:git\+)?(?:ssh:\/\/)?git@([^:/]+)[:/](.+?)(?:\.git)?\/?$/.exec(s);
  if (scp) return `https://${scp[1]}/${scp[2]}`;
  const url = /^(?:git\+)?(?:https?|git):\/\/(?:[^@/]+@)?([^/]+)\/(.+?)(?:\.git)?\/?$/.exec(s);
  if (url) return `https://${url[1]}/${url[2]}`;
  return undefined;
}

/** The base worked out from package.json, once; SPEC_DOCS_BASE_URL is read on every call (a resident process runs with an environment it did not start with). */
let docsBase: string | undefined;

/** The base URL of the rule pages (no trailing slash): `<base>/<category>/<name>.md`. */
export function ruleDocsBase(): string {
  const override = process.env.SPEC_DOCS_BASE_URL;
  if (override) return override.replace(/\/+$/, '');
  if (docsBase !== undefined) return docsBase;
  const repo = repositoryUrl();
  const dir = typeof packageJson().repository === 'object' ? (packageJson().repository as { directory?: string }).directory : undefined;
  if (repo) {
    // each host's address of a file on the default branch
    const blob = /^https:\/\/gitlab\./.test(repo) ? '-/blob/main' : /^https:\/\/bitbucket\.org\//.test(repo) ? 'src/main' : 'blob/main';
    return (docsBase = `${repo}/${blob}/${dir ? `${dir.replace(/^\/+|\/+$/g, '')}/` : ''}docs/rules`);
  }
  return (docsBase = pathToFileURL(join(packageRoot, 'docs', 'rules')).href);
}

/** Forgets what was read (tests that change SPEC_DOCS_BASE_URL). */
export function resetPackageInfo(): void {
  pkg = undefined;
  docsBase = undefined;
}
