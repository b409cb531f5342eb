/**
 * The typed spec model and PRD model: what the extractor builds from the markdown syntax tree, and the only
 * thing rules read. Every element carries the source range it came from (1-based lines and columns, end
 * exclusive as in mdast/unist).
 */

export interface Loc {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** A piece of text with where it stands in the file. */
export interface Located<T = string> {
  value: T;
  loc: Loc;
}

export type SpecType = 'PRD-driven' | 'Engineering-initiated';

export interface HeaderField {
  /** The label as written, without the colon (e.g. `Last updated`). */
  key: string;
  /** The value as written, trimmed. */
  value: string;
  /** Where the whole `**Key:** value` line stands. */
  loc: Loc;
  /** Where the value stands (an empty value points just after the label). */
  valueLoc: Loc;
}

export interface Heading {
  depth: number;
  /** Plain text of the heading. */
  text: string;
  loc: Loc;
}

/** One cell of a GFM table: its plain text (escaped pipes already unescaped) and its range. */
export interface Cell {
  text: string;
  loc: Loc;
  /** Inline code spans found in the cell, in order. */
  code: Located[];
}

export interface Table {
  /** Plain-text header cells. */
  header: Cell[];
  rows: Cell[][];
  loc: Loc;
  /** Titles of the enclosing headings, outermost first (e.g. `['5. Component & Module Design', 'Backend (Go) — New Files']`). */
  sectionPath: string[];
}

/** A requirement id (US-001, ER-002, T-003 …) found in a cell or a line. */
export interface IdRef {
  id: string;
  loc: Loc;
  /** Text in parentheses after the id, e.g. `schema migration` in `T-001 (schema migration)`. */
  note?: string;
}

export interface StoryMappingRow {
  storyId: IdRef | null;
  /** The raw first cell, for reporting rows whose id is missing or malformed. */
  idCell: Cell;
  summary: Cell | null;
  tasksCell: Cell | null;
  tasks: IdRef[];
  loc: Loc;
}

export interface EngineeringRequirement {
  id: IdRef | null;
  idCell: Cell;
  requirement: Cell | null;
  successCriteria: Cell | null;
  priority: Cell | null;
  loc: Loc;
}

export interface RequirementMappingRow {
  reqId: IdRef | null;
  idCell: Cell;
  tasksCell: Cell | null;
  tasks: IdRef[];
  loc: Loc;
}

export interface EngineeringSection {
  problem: Located | null;
  whyNow: Located | null;
  outOfScope: Located | null;
  /** The `Req ID | Requirement | Success Criteria | Priority` table. */
  requirementsTable: Table | null;
  requirements: EngineeringRequirement[];
  /** The `Req ID | Implementing Tasks` table. */
  mappingTable: Table | null;
  mapping: RequirementMappingRow[];
}

export type FileAction = 'create' | 'modify' | 'delete' | 'rename' | 'other';

/**
 * A path written as a markdown link (`[prds/x.md](../prds/x.md)`, `[Router](../internal/api/router.go)`).
 * The path the model keeps is the text when the text reads as a path, else the resolved target.
 */
export interface LinkPath {
  /** The link's text when it reads as a path (back-ticks removed), else null. */
  text: string | null;
  /** The target as written. */
  target: string;
  /**
   * The target as a repository path: resolved relative to the spec file's directory, as markdown renderers
   * do (`/x` from the repository root); null for a URL or an anchor. Starts with `../` when it leaves the
   * repository.
   */
  resolved: string | null;
}

export interface FileEntry {
  action: FileAction;
  /** The action word as written (`Create`, `Modify` …); empty when the line has none. */
  actionText: string;
  /** The path as written (inside back-ticks when it was quoted). Empty when the line names none. */
  path: string;
  /** Whether the path was written in back-ticks. */
  quoted: boolean;
  /** The note after the path (`— register the new route`), without the dash. */
  note: string;
  /** Where the path stands (the whole line when no path was found). */
  loc: Loc;
  /** Where the whole entry line stands. */
  lineLoc: Loc;
  /** The path was written as a link. */
  link?: LinkPath;
}

export interface Command {
  /** The command text, as written inside the back-ticks. */
  text: string;
  /** The program it runs (`go`, `npm`, `goose` …), after any `VAR=value` prefixes. */
  tool: string;
  /** argv split on white space, honouring simple quotes. */
  argv: string[];
  loc: Loc;
}

export interface TaskField {
  /** The label as written (`Implements`, `Done condition` …). */
  label: string;
  /** Plain text of the value (the rest of the item, nested lists included). */
  text: string;
  loc: Loc;
  /** Where the value starts. */
  valueLoc: Loc;
}

export interface Task {
  id: string;
  idLoc: Loc;
  /** Task number (1 for T-001). */
  number: number;
  title: string;
  /** The `### Phase N: …` heading the task stands under, if any. */
  phase: string | null;
  /** Which of the reference's forms the task is written in. */
  form: 'list' | 'blockquote' | 'paragraph' | 'heading';
  loc: Loc;
  implements: (TaskField & { ids: IdRef[] }) | null;
  description: (TaskField & { sentences: number }) | null;
  files: (TaskField & { entries: FileEntry[] }) | null;
  doneCondition: (TaskField & { commands: Command[]; code: Located[] }) | null;
  dependencies: (TaskField & { none: boolean; refs: IdRef[] }) | null;
  /** Every labelled field of the task, including the ones above, by lower-cased label. */
  fields: TaskField[];
}

export interface CodeBlock {
  lang: string | null;
  meta: string | null;
  text: string;
  /** Range of the whole fence, fences included. */
  loc: Loc;
  /** Markdown line of the first line of `text`. */
  contentLine: number;
  /** 1-based column of the first character of each content line (indentation of the fence). */
  contentColumn: number;
  sectionPath: string[];
  /** A fence opened and never closed (it swallowed the rest of its container). */
  unclosed: boolean;
}

export interface Migration {
  /** The migration file path from the heading above the block (e.g. `migrations/20260216120000_create_invites.sql`), or null. */
  path: string | null;
  pathLoc: Loc | null;
  /** The SQL text of the block. */
  sql: string;
  /** The code block that holds it. */
  block: CodeBlock;
}

export interface MigrationOrderRow {
  number: Cell | null;
  file: Cell | null;
  /** The path inside the file cell (back-ticks removed). */
  path: string | null;
  backwardCompatible: Cell | null;
  notes: Cell | null;
  loc: Loc;
}

export type PathSource =
  | 'task-create'
  | 'task-modify'
  | 'task-delete'
  | 'task-other'
  | 'component-table'
  | 'migration-heading'
  | 'migration-order';

export interface PathRef {
  path: string;
  loc: Loc;
  source: PathSource;
  /** The task that names it, for task paths. */
  taskId?: string;
  /** The table column or action the path was found in. */
  context?: string;
  /** The path was written as a link. */
  link?: LinkPath;
}

/** One item of an `**Indexes:**` list: its text, its code spans (the index name first) and its section. */
export interface IndexListItem {
  sectionPath: string[];
  text: string;
  code: Located[];
  loc: Loc;
}

/** Text outside code (paragraphs, headings, table cells), for placeholder and wording checks. */
export interface ProseNode {
  text: string;
  loc: Loc;
  /** `text` for plain text, `html` for inline HTML such as `<path>` (comments excluded). */
  kind: 'text' | 'html';
}

export interface Comment {
  /** The comment body without `<!--` and `-->`, trimmed. */
  value: string;
  loc: Loc;
}

export interface Provenance {
  prd?: string;
  prdSha256?: string;
  model?: string;
  generated?: string;
  loc: Loc;
}

export interface SpecModel {
  /** Repository-relative path with forward slashes. */
  filePath: string;
  /** Number of lines in the source. */
  lineCount: number;
  title: (Located & { name: string }) | null;
  header: {
    fields: HeaderField[];
    /** Lower-cased key → field (first occurrence). */
    byKey: Record<string, HeaderField>;
  };
  /** The declared type when it is one of the two legal values. */
  type: SpecType | null;
  /**
   * The PRD path from the `**PRD:**` header (code span or plain text; for a link, its text when that reads as
   * a path, else its target resolved relative to the spec), or null.
   */
  prdPath: (Located & { link?: LinkPath }) | null;
  /** Every heading, in document order. */
  outline: Heading[];
  storyMappingTable: Table | null;
  storyMapping: StoryMappingRow[];
  engineering: EngineeringSection | null;
  tasks: Task[];
  migrations: Migration[];
  migrationOrderTable: Table | null;
  migrationOrder: MigrationOrderRow[];
  codeBlocks: CodeBlock[];
  tables: Table[];
  /** The items of each `**Indexes:**` list (section 3's data model), in order; absent when there is none. */
  dataModelIndexes?: IndexListItem[];
  paths: PathRef[];
  prose: ProseNode[];
  comments: Comment[];
  provenance: Provenance | null;
  /** Problems met while reading the file itself (binary content, empty file …), reported by `template/readable`. */
  readErrors: Array<{ message: string; loc: Loc }>;
}

export interface PrdStory {
  id: string;
  loc: Loc;
  title: string;
  hasAcceptanceCriteria: boolean;
  style: 'heading' | 'table' | 'list' | 'paragraph';
}

export interface PrdModel {
  filePath: string;
  title: string | null;
  stories: PrdStory[];
}
