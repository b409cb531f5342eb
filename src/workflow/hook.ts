/**
 * `spec hook install|uninstall`: a git pre-commit hook that runs `spec lint --staged --cache`, for teams without the
 * pre-commit framework. Writes the repository's pre-commit hook (`git rev-parse --git-path hooks`, which
 * honours `core.hooksPath` and worktrees), or, when husky is in use, adds a marked block to
 * `.husky/pre-commit`. A foreign hook is never overwritten without `--force`; with it, the foreign hook is
 * kept as `pre-commit.spec-backup` and `uninstall` puts it back.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, realpathSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { UsageError } from '../errors.js';
import { packageRoot } from '../package-root.js';

/** Marks a hook (or a husky block) as ours. */
export const HOOK_MARKER = 'spec-lint-hook';
export const BACKUP_SUFFIX = '.spec-backup';
const BLOCK_START = `# >>> ${HOOK_MARKER}: added by \`spec hook install\`; \`spec hook uninstall\` removes it >>>`;
const BLOCK_END = `# <<< ${HOOK_MARKER} <<<`;


export interface HookTarget {
  /** The git work tree's top level. */
  top: string;
  kind: 'git' | 'husky';
  /** Absolute path of the hook file to write. */
  file: string;
  /** Where `spec lint` must run from (the directory `spec hook install` ran in), relative to the top. */
  subdir: string;
}

export interface HookOutcome {
  target: HookTarget;
  action: 'installed' | 'updated' | 'unchanged' | 'removed' | 'restored' | 'absent' | 'foreign';
  /** The foreign hook's backup, when one was made or restored. */
  backup?: string;
  /** One line for the user. */
  message: string;
}

function git(cwd: string, args: string[]): string {
  return execFileSync('git', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] }).toString('utf8').trim();
}

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

const toPosix = (p: string) => p.split(sep).join('/');

function usesHusky(top: string, hooksPath: string): boolean {
  const hp = toPosix(hooksPath).replace(/\/+$/, '');
  if (/(^|\/)\.husky(\/_)?$/.test(hp)) return true;
  if (!existsSync(join(top, '.husky'))) return false;
  try {
    const pkg = JSON.parse(readFileSync(join(top, 'package.json'), 'utf8')) as {
      devDependencies?: Record<string, string>;
      dependencies?: Record<string, string>;
      scripts?: Record<string, string>;
    };
    return Boolean(pkg.devDependencies?.husky ?? pkg.dependencies?.husky) || /\bhusky\b/.test(pkg.scripts?.prepare ?? '');
  } catch {
    return false;
  }
}

/** Where the hook goes for the repository containing `cwd`. */
export function hookTarget(cwd: string): HookTarget {
  let top: string;
  try {
    top = git(cwd, ['rev-parse', '--show-toplevel']);
  } catch {
    throw new UsageError(`${cwd} is not inside a git work tree`, 'Run `spec hook install` inside the repository whose commits it should check (`git init` first for a new one).');
  }
  let real = resolve(cwd);
  try {
    real = realpathSync(real);
  } catch {
    // keep it as given
  }
  const subdir = toPosix(relative(top, real));
  let hooksPath = '';
  try {
    hooksPath = git(top, ['config', '--get', 'core.hooksPath']);
  } catch {
    // not set
  }
  if (usesHusky(top, hooksPath)) {
    return { top, kind: 'husky', file: join(top, '.husky', 'pre-commit'), subdir };
  }
  const dir = git(top, ['rev-parse', '--git-path', 'hooks']);
  return { top, kind: 'git', file: join(isAbsolute(dir) ? dir : join(top, dir), 'pre-commit'), subdir };
}

/** The command the hook runs, from the hook's working directory. */
function lintCommand(subdir: string): string {
  return subdir ? `cd ${shellQuote(subdir)} && ` : '';
}

/** The pre-commit script for a plain git hook. */
export function gitHookScript(target: HookTarget, specBin: string = join(packageRoot, 'bin', 'spec')): string {
  const cd = target.subdir ? `cd ${shellQuote(target.subdir)} || exit 1\n` : '';
  const installed = existsSync(specBin)
    ? `elif [ -f ${shellQuote(specBin)} ]; then\n  exec node ${shellQuote(specBin)} lint --staged\n`
    : '';
  return `#!/bin/sh
# ${HOOK_MARKER}: installed by \`spec hook install\`; \`spec hook uninstall\` removes it (and restores the
# hook it replaced, if any). Lints the staged content of the specs this commit touches, and of the specs
# that depend on staged PRDs, migrations or config. Skip it once with \`git commit --no-verify\`.
${cd}if [ -x ./node_modules/.bin/spec ]; then
  exec ./node_modules/.bin/spec lint --staged --cache
${installed}elif command -v spec >/dev/null 2>&1; then
  exec spec lint --staged --cache
else
  exec npx --no-install spec lint --staged --cache
fi
`;
}

/** The block added to `.husky/pre-commit`. */
export function huskyBlock(target: HookTarget): string {
  const cmd = target.subdir ? `(${lintCommand(target.subdir)}npx --no-install spec lint --staged --cache)` : 'npx --no-install spec lint --staged --cache';
  return `${BLOCK_START}\n${cmd} || exit 1\n${BLOCK_END}\n`;
}

const blockRe = new RegExp(`\\n?${BLOCK_START.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\n[\\s\\S]*?${BLOCK_END.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\n?`);

function display(target: HookTarget, file: string): string {
  const rel = toPosix(relative(target.top, file));
  return rel.startsWith('..') ? file : rel;
}

export interface InstallOptions {
  cwd: string;
  force?: boolean;
  /** The spec launcher the git hook falls back to (default: this installation's bin/spec). */
  specBin?: string;
}

export function installHook(opts: InstallOptions): HookOutcome {
  const target = hookTarget(opts.cwd);
  const file = target.file;
  const shown = display(target, file);

  if (target.kind === 'husky') {
    const block = huskyBlock(target);
    const old = existsSync(file) ? readFileSync(file, 'utf8') : null;
    if (old !== null && old.includes(BLOCK_START)) {
      const next = old.replace(blockRe, (m) => (m.startsWith('\n') ? '\n' : '') + block);
      if (next === old) return { target, action: 'unchanged', message: `the spec lint step is already in ${shown}` };
      writeFileSync(file, next);
      return { target, action: 'updated', message: `updated the spec lint step in ${shown}` };
    }
    mkdirSync(dirname(file), { recursive: true });
    const base = old === null ? '#!/usr/bin/env sh\n' : old.endsWith('\n') || old === '' ? old : `${old}\n`;
    writeFileSync(file, `${base}${block}`);
    chmodSync(file, 0o755);
    return { target, action: 'installed', message: `added \`spec lint --staged --cache\` to ${shown} (husky); commit that file so the whole team gets it` };
  }

  const script = gitHookScript(target, opts.specBin);
  mkdirSync(dirname(file), { recursive: true });
  if (existsSync(file)) {
    const old = readFileSync(file, 'utf8');
    if (old.includes(HOOK_MARKER)) {
      if (old === script) return { target, action: 'unchanged', message: `the pre-commit hook at ${shown} is already installed` };
      writeFileSync(file, script);
      chmodSync(file, 0o755);
      return { target, action: 'updated', message: `updated the pre-commit hook at ${shown}` };
    }
    const backup = file + BACKUP_SUFFIX;
    if (!opts.force) {
      throw new UsageError(
        `a pre-commit hook that spec did not write already exists at ${shown}`,
        `Run \`spec hook install --force\` to replace it (it is kept as ${display(target, backup)} and \`spec hook uninstall\` restores it), or add \`spec lint --staged --cache\` to it yourself.`,
      );
    }
    if (existsSync(backup)) {
      throw new UsageError(`cannot back up ${shown}: ${display(target, backup)} already exists`, 'Move that backup away (or restore it) first, then run `spec hook install --force` again.');
    }
    renameSync(file, backup);
    writeFileSync(file, script);
    chmodSync(file, 0o755);
    return { target, action: 'installed', backup, message: `installed the pre-commit hook at ${shown}; the previous hook is kept as ${display(target, backup)}` };
  }
  writeFileSync(file, script);
  chmodSync(file, 0o755);
  return { target, action: 'installed', message: `installed the pre-commit hook at ${shown}: commits now run \`spec lint --staged --cache\`` };
}

export function uninstallHook(opts: { cwd: string }): HookOutcome {
  const target = hookTarget(opts.cwd);
  const file = target.file;
  const shown = display(target, file);

  if (target.kind === 'husky') {
    const old = existsSync(file) ? readFileSync(file, 'utf8') : null;
    if (old === null || !old.includes(BLOCK_START)) return { target, action: 'absent', message: `no spec lint step in ${shown}; nothing to do` };
    const next = old.replace(blockRe, '\n').replace(/\n{3,}/g, '\n\n');
    if (/^(#![^\n]*\n)?\s*$/.test(next)) {
      rmSync(file);
      return { target, action: 'removed', message: `removed ${shown} (it only ran spec lint)` };
    }
    writeFileSync(file, next.replace(/^\n+/, ''));
    return { target, action: 'removed', message: `removed the spec lint step from ${shown}` };
  }

  const backup = file + BACKUP_SUFFIX;
  const ours = existsSync(file) && readFileSync(file, 'utf8').includes(HOOK_MARKER);
  if (existsSync(file) && !ours) {
    return { target, action: 'foreign', message: `the pre-commit hook at ${shown} was not written by spec; left it alone` };
  }
  if (ours) rmSync(file);
  if (existsSync(backup)) {
    renameSync(backup, file);
    return { target, action: 'restored', backup, message: `removed spec's pre-commit hook and restored the previous one at ${shown}` };
  }
  if (!ours) return { target, action: 'absent', message: `no pre-commit hook at ${shown}; nothing to do` };
  return { target, action: 'removed', message: `removed the pre-commit hook at ${shown}` };
}
