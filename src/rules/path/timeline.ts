/**
 * Replays the tasks' Files entries in document order against the repository: which `Create:` paths already
 * exist, which `Modify:` / `Delete:` paths exist (in the repository or because an earlier task created them),
 * and which are only created by a later task. Shared by `path/modify-exists`, `path/create-not-exists` and
 * `task/missing-dependency`, so that all three agree on what "exists at this point" means.
 */
import type { FileEntry, SpecModel, Task } from '../../model/types.js';
import type { RepoIndex } from '../../lint/repo.js';
import { isCheckablePath, normalizePath } from './classify.js';

export type EntryState =
  /** Create: the path is new. */
  | { kind: 'new' }
  /** Create: the path is already in the repository. */
  | { kind: 'exists-in-repo' }
  /** Create: an earlier task (or an earlier entry of the same task) already creates it. */
  | { kind: 'created-before'; by: Task }
  /** Modify/Delete: the path is in the repository. */
  | { kind: 'in-repo' }
  /** Modify/Delete: an earlier task (or the same task) creates it. */
  | { kind: 'created-by'; by: Task }
  /** Modify/Delete: nothing creates it before this point, but a later task does. */
  | { kind: 'created-later'; by: Task }
  /** Modify/Delete: an earlier task deletes it (and nothing re-creates it in between). */
  | { kind: 'deleted-by'; by: Task }
  /** Modify/Delete: neither the repository nor any task has it. */
  | { kind: 'missing' }
  /** Not checked: placeholder or absolute path (other rules report it), or an action without meaning here. */
  | { kind: 'skipped' };

export interface TimelineEntry {
  task: Task;
  taskIndex: number;
  entry: FileEntry;
  /** Normalized path. */
  path: string;
  state: EntryState;
}

type PathState = { present: boolean; by: Task | null; deletedBy: Task | null };

/**
 * Replays every Files entry. With `useRepo` false (completed specs), the repository is treated as unknown:
 * a `Create:` is only compared with earlier tasks, and a `Modify:` of a path no task creates is `skipped`.
 */
export function fileTimeline(spec: SpecModel, repo: RepoIndex, useRepo: boolean): TimelineEntry[] {
  const out: TimelineEntry[] = [];
  const state = new Map<string, PathState>();
  const creators = new Map<string, Array<{ task: Task; index: number }>>();
  spec.tasks.forEach((task, index) => {
    for (const e of task.files?.entries ?? []) {
      if (e.action !== 'create' || !e.path) continue;
      const p = normalizePath(e.path);
      const list = creators.get(p) ?? [];
      list.push({ task, index });
      creators.set(p, list);
    }
  });
  const get = (p: string): PathState => {
    let s = state.get(p);
    if (!s) {
      s = { present: useRepo ? repo.exists(p) : false, by: null, deletedBy: null };
      state.set(p, s);
    }
    return s;
  };

  spec.tasks.forEach((task, taskIndex) => {
    for (const entry of task.files?.entries ?? []) {
      const path = normalizePath(entry.path);
      const push = (s: EntryState) => out.push({ task, taskIndex, entry, path, state: s });
      if (!entry.path || !isCheckablePath(entry.path, repo) || (entry.action !== 'create' && entry.action !== 'modify' && entry.action !== 'delete')) {
        push({ kind: 'skipped' });
        continue;
      }
      const s = get(path);
      if (entry.action === 'create') {
        if (s.present && s.by) push({ kind: 'created-before', by: s.by });
        else if (s.present) push({ kind: 'exists-in-repo' });
        else push({ kind: 'new' });
        s.present = true;
        s.by = task;
        s.deletedBy = null;
        continue;
      }
      // modify / delete
      if (s.present) {
        push(s.by ? { kind: 'created-by', by: s.by } : { kind: 'in-repo' });
      } else {
        const own = (creators.get(path) ?? []).find((c) => c.index === taskIndex);
        const later = (creators.get(path) ?? []).find((c) => c.index > taskIndex);
        if (own) push({ kind: 'created-by', by: own.task });
        else if (s.deletedBy) push({ kind: 'deleted-by', by: s.deletedBy });
        else if (later) push({ kind: 'created-later', by: later.task });
        else push(useRepo ? { kind: 'missing' } : { kind: 'skipped' });
      }
      if (entry.action === 'delete') {
        s.present = false;
        s.by = null;
        s.deletedBy = task;
      }
    }
  });
  return out;
}
