/**
 * What the `trace/…` rules share: the spec's requirements and tasks indexed by id, computed once per model.
 * Story ids come from the Story Mapping (and the PRD when it was read); ER ids from the requirements table.
 */
import type { EngineeringRequirement, IdRef, RequirementMappingRow, SpecModel, StoryMappingRow, Task } from '../../model/types.js';
import type { PrdState } from '../types.js';

export interface MappingRow {
  /** The requirement id of the row. */
  id: IdRef;
  tasks: IdRef[];
  row: StoryMappingRow | RequirementMappingRow;
  table: 'story' | 'engineering';
}

export interface TraceIndex {
  /** First task per id. */
  tasks: Map<string, Task>;
  /** Tasks that list a requirement id in their Implements line. */
  implementers: Map<string, Task[]>;
  /** Story Mapping rows by story id. */
  storyRows: Map<string, MappingRow[]>;
  /** Requirement-to-Task Mapping rows by ER id. */
  erMapRows: Map<string, MappingRow[]>;
  /** Requirements-table rows by ER id. */
  erRows: Map<string, EngineeringRequirement[]>;
  /** The PRD's story ids, when the PRD was read. */
  prdStories: Set<string> | null;
}

const cache = new WeakMap<SpecModel, TraceIndex>();

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function traceIndex(spec: SpecModel, prd: PrdState): TraceIndex {
  const cached = cache.get(spec);
  if (cached) return cached;
  const tasks = new Map<string, Task>();
  const implementers = new Map<string, Task[]>();
  for (const t of spec.tasks) {
    if (!tasks.has(t.id)) tasks.set(t.id, t);
    const seen = new Set<string>();
    for (const ref of t.implements?.ids ?? []) {
      if (seen.has(ref.id)) continue;
      seen.add(ref.id);
      push(implementers, ref.id, t);
    }
  }
  const storyRows = new Map<string, MappingRow[]>();
  for (const row of spec.storyMapping) {
    if (row.storyId) push(storyRows, row.storyId.id, { id: row.storyId, tasks: row.tasks, row, table: 'story' });
  }
  const erMapRows = new Map<string, MappingRow[]>();
  const erRows = new Map<string, EngineeringRequirement[]>();
  for (const row of spec.engineering?.mapping ?? []) {
    if (row.reqId) push(erMapRows, row.reqId.id, { id: row.reqId, tasks: row.tasks, row, table: 'engineering' });
  }
  for (const er of spec.engineering?.requirements ?? []) if (er.id) push(erRows, er.id.id, er);
  const prdStories = prd.status === 'ok' && prd.model ? new Set(prd.model.stories.map((s) => s.id)) : null;
  const index: TraceIndex = { tasks, implementers, storyRows, erMapRows, erRows, prdStories };
  cache.set(spec, index);
  return index;
}

/** A cell that explains why a requirement needs no task: `None — reason`, `n/a — reason`. */
export function explainedNone(text: string): boolean {
  const m = /^\s*(none|n\/a|no tasks?|not applicable)\b\s*[—–:;,-]*\s*(.*)$/i.exec(text);
  return m !== null && m[2]!.trim().length > 0;
}

export function isStoryId(id: string): boolean {
  return /^US-\d+$/.test(id);
}

export function isErId(id: string): boolean {
  return /^ER-\d+$/.test(id);
}

/** A short list of ids for messages. */
export function listIds(ids: Iterable<string>): string {
  const all = [...ids];
  if (all.length === 0) return 'none';
  return all.length > 8 ? `${all.slice(0, 8).join(', ')} …` : all.join(', ');
}
