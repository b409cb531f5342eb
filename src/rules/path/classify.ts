/**
 * What a written path is: an exact repository-relative path, a template placeholder, a vague description,
 * or an absolute / escaping path. Shared by the `path/…` rules (and the existence checks, which skip paths
 * another rule already reports). Pure string work: nothing here touches the file system.
 */
import type { RepoIndex } from '../../lint/repo.js';

/** Repository-relative form used to compare paths: forward slashes, no `./` prefix, no trailing slash. */
export function normalizePath(path: string): string {
  return path.trim().replace(/\\/g, '/').replace(/^(\.\/)+/, '').replace(/\/+$/, '');
}

/** Bracketed words the template uses as placeholders (`[path]`, `[name]`, `[description]` …). */
const TEMPLATE_TOKENS = new Set([
  'path', 'name', 'file', 'filename', 'file_name', 'file-name', 'file name', 'feature', 'feature name', 'feature-name',
  'description', 'desc', 'timestamp', 'table', 'table_name', 'table-name', 'column', 'package', 'pkg', 'component',
  'component-name', 'component_name', 'componentname', 'module', 'dir', 'directory', 'folder', 'date', 'ext',
  'extension', 'service', 'handler', 'domain', 'resource', 'entity', 'model', 'version', 'something', 'x', 'xxx',
]);

/** Directories whose bracketed segments are route parameters (Next.js, Remix, SvelteKit, TanStack Router …). */
const ROUTE_DIRS = new Set(['app', 'pages', 'routes', 'route']);

/** Extension-less file names that are still exact paths. */
const BARE_FILE = /^(?:[A-Z][A-Za-z]*file|LICENSE|README|CHANGELOG|CODEOWNERS|AUTHORS|NOTICE|VERSION|OWNERS)$/;

/** Words that make a multi-word "path" a description of a place rather than a path. */
export const VAGUE_WORDS = /\b(somewhere|folder|directory|appropriate|relevant|suitable|wherever|existing|some|the|etc|similar|whichever|any|a|an|new|file|files)\b/i;

function isRouteContext(path: string): boolean {
  return path.split('/').some((seg) => ROUTE_DIRS.has(seg.toLowerCase()));
}

/**
 * Why a path is a placeholder or not an exact path, or null when it reads as an exact path. `repo` lets a
 * path that really exists (with a space or without an extension) pass.
 */
export function placeholderReason(raw: string, repo?: RepoIndex): string | null {
  const path = raw.trim();
  if (path === '') return 'names no path';
  if (/<[^<>]*>|[<>]/.test(path)) return 'is a template placeholder (`<…>`)';
  const withoutGroups = path.replace(/\[+[^[\]]*\]+/g, 'X');
  if (/\.\.\.|…/.test(withoutGroups)) return 'is elided (`...`), not a complete path';
  const groups = [...path.matchAll(/\[+([^[\]]*)\]+/g)];
  for (const g of groups) {
    const content = g[1]!.trim();
    const token = content.replace(/^\.\.\./, '').toLowerCase();
    if (g[0] === path) return `is a template placeholder (\`${g[0]}\`)`;
    if (content === '' || /[\s/]/.test(content)) return `contains the template placeholder \`${g[0]}\``;
    if (/^[A-Z][A-Z0-9_-]+$/.test(content) && !/^\.\.\./.test(content)) return `contains the template placeholder \`${g[0]}\``;
    if (TEMPLATE_TOKENS.has(token) && !isRouteContext(path)) return `contains the template placeholder \`${g[0]}\``;
  }
  if (/\[|\]/.test(withoutGroups)) return 'has an unbalanced bracket';
  if (/(^|\/)path\/to(\/|$)/i.test(path)) return 'is a template placeholder (`path/to/…`)';
  if (/YYYY|HHMMSS/.test(path)) return 'contains the timestamp placeholder `YYYYMMDDHHMMSS`; use the real timestamp';
  if (/\b(TBD|TODO|FIXME|XXX)\b|\?\?/.test(path)) return 'is not decided yet (TBD)';
  if (/\*/.test(path)) return 'is a pattern, not an exact path';
  if (repo && repo.exists(normalizePath(path))) return null;
  if (/\s/.test(path)) return VAGUE_WORDS.test(path) ? 'describes a place instead of naming an exact path' : 'is not an exact path (it contains spaces)';
  if (/\/$/.test(path)) return 'names a directory, not a file';
  const base = path.replace(/\\/g, '/').split('/').pop() ?? path;
  if (!path.includes('/') && !base.includes('.') && !BARE_FILE.test(base)) return 'does not look like a file path';
  return null;
}

/** Why a path is absolute or escapes the repository, or null. */
export function absoluteReason(raw: string, repo: RepoIndex): string | null {
  const path = raw.trim();
  if (path === '') return null;
  if (/^[A-Za-z]:[\\/]/.test(path) || /^\\\\/.test(path)) return 'is an absolute Windows path';
  if (path.startsWith('/')) return 'is absolute';
  if (path === '~' || path.startsWith('~/')) return 'is relative to a home directory';
  // walk the segments rather than resolving: `...` is a name, not a parent
  let depth = 0;
  for (const seg of path.replace(/\\/g, '/').split('/')) {
    if (seg === '..') depth--;
    else if (seg !== '.' && seg !== '') depth++;
    if (depth < 0) return 'escapes the repository with `..`';
  }
  void repo;
  return null;
}

/** Whether existence checks apply: the path is exact, relative and inside the repository. */
export function isCheckablePath(path: string, repo: RepoIndex): boolean {
  return placeholderReason(path) === null && absoluteReason(path, repo) === null;
}
