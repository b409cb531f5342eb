/**
 * mdast → spec model. The one place that understands how the template is written in markdown: header
 * fields, the outline, requirement tables, tasks in both of the reference's forms, migrations, code blocks,
 * paths. Everything it returns carries source positions; rules read only this.
 */
import { posix } from 'node:path';
import type { Root, RootContent, Parent, Paragraph, ListItem, List, Table as MdTable, Code, Heading as MdHeading, PhrasingContent, InlineCode, Link } from 'mdast';
import type { Node } from 'unist';
import { toString } from 'mdast-util-to-string';
import { parseMarkdown } from '../markdown/parse.js';
import { Source, locOf, startOf, endOf } from './source.js';
import type {
  Cell,
  CodeBlock,
  Command,
  Comment,
  EngineeringRequirement,
  EngineeringSection,
  FileAction,
  FileEntry,
  HeaderField,
  Heading,
  IdRef,
  LinkPath,
  Loc,
  Located,
  Migration,
  MigrationOrderRow,
  PathRef,
  Provenance,
  RequirementMappingRow,
  SpecModel,
  SpecType,
  StoryMappingRow,
  Table,
  Task,
  TaskField,
} from './types.js';

const TASK_ID = /^T-(\d+)$/;
const REQ_ID = /\b[A-Z][A-Z0-9]*-\d+\b/g;

/** Programs whose invocation in back-ticks makes inline code a command rather than a quoted value. */
export const COMMAND_TOOLS = new Set([
  'go', 'gofmt', 'golangci-lint', 'goose', 'sqlc', 'buf',
  'npm', 'npx', 'pnpm', 'yarn', 'bun', 'node', 'deno', 'tsc', 'vitest', 'jest', 'playwright', 'cypress', 'eslint',
  'pytest', 'python', 'python3', 'uv', 'poetry', 'pip', 'alembic', 'ruff', 'mypy', 'tox',
  'make', 'docker-compose', 'docker', 'kubectl', 'helm', 'terraform',
  'psql', 'pg_dump', 'curl', 'wget', 'grpcurl', 'k6', 'hey', 'ab', 'wrk',
  'test', 'bash', 'sh', 'grep', 'rg', 'jq', 'diff', 'cargo', 'git', 'spec',
]);

/** Splits a command line into argv, honouring single and double quotes and backslash escapes. */
export function splitArgv(command: string): string[] {
  const out: string[] = [];
  let cur = '';
  let has = false;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < command.length; i++) {
    const c = command[i]!;
    if (quote) {
      if (c === quote) quote = null;
      else if (c === '\\' && quote === '"' && i + 1 < command.length) cur += command[++i];
      else cur += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      has = true;
    } else if (c === '\\' && i + 1 < command.length) {
      cur += command[++i];
      has = true;
    } else if (/\s/.test(c)) {
      if (has || cur) out.push(cur);
      cur = '';
      has = false;
    } else {
      cur += c;
      has = true;
    }
  }
  if (has || cur) out.push(cur);
  return out;
}

/** The program a command runs, after `VAR=value` prefixes; null when the text is not a command. */
export function commandTool(text: string): string | null {
  const argv = splitArgv(text.trim());
  let i = 0;
  while (i < argv.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(argv[i]!)) i++;
  const first = argv[i];
  if (!first) return null;
  if (COMMAND_TOOLS.has(first)) return first;
  if (/^(\.{1,2}\/|bin\/|scripts\/)[\w./-]+$/.test(first)) return first;
  return null;
}

/** How a task's first line was read: its id, where the id stands, its title and the title's nodes. */
interface TaskHead {
  id: string;
  title: string;
  idLoc: Loc;
  titleNodes: PhrasingContent[];
}

function isParent(node: Node): node is Parent {
  return Array.isArray((node as Parent).children);
}

class Extractor {
  readonly src: Source;
  readonly model: SpecModel;
  private headingStack: Heading[] = [];
  private currentPhase: string | null = null;
  private inTasksSection = false;
  private lastHeadingForBlock: { heading: Heading; node: MdHeading } | null = null;
  private pendingPathParagraph: { path: string; loc: Loc } | null = null;

  constructor(text: string, filePath: string) {
    this.src = new Source(text);
    this.model = {
      filePath,
      lineCount: this.src.lineCount,
      title: null,
      header: { fields: [], byKey: {} },
      type: null,
      prdPath: null,
      outline: [],
      storyMappingTable: null,
      storyMapping: [],
      engineering: null,
      tasks: [],
      migrations: [],
      migrationOrderTable: null,
      migrationOrder: [],
      codeBlocks: [],
      tables: [],
      paths: [],
      prose: [],
      comments: [],
      provenance: null,
      readErrors: [],
    };
  }

  run(root: Root): SpecModel {
    this.walkBlocks(root.children, root);
    this.finish();
    return this.model;
  }

  private sectionPath(): string[] {
    return this.headingStack.map((h) => h.text);
  }

  // ----- block walk -------------------------------------------------------------------------------------

  private walkBlocks(children: RootContent[], parent: Parent): void {
    for (let i = 0; i < children.length; i++) {
      const node = children[i]!;
      switch (node.type) {
        case 'heading':
          this.onHeading(node);
          break;
        case 'paragraph':
          i += this.onParagraph(node, parent, children, i);
          break;
        case 'table':
          this.onTable(node);
          break;
        case 'code':
          this.onCode(node);
          break;
        case 'html':
          this.onHtml(node.value, node);
          break;
        case 'list':
          if (this.headingTask && node.children.some((li) => this.isFieldItem(li))) {
            const task = this.headingTask;
            for (const li of node.children) this.taskField(task, li);
            const end = locOf(node);
            task.loc = { ...task.loc, endLine: end.endLine, endColumn: end.endColumn };
          } else {
            this.noteIndexList(node, children[i - 1]);
            this.walkList(node);
          }
          break;
        case 'blockquote':
          this.walkBlocks(node.children, node);
          break;
        case 'thematicBreak':
        case 'yaml':
        case 'definition':
          break;
        default:
          if (isParent(node)) this.walkBlocks((node as Parent).children as RootContent[], node as Parent);
      }
    }
  }

  /** The list under an `**Indexes:**` paragraph (the data model's index list), kept for goose/data-model. */
  private noteIndexList(list: List, previous: RootContent | undefined): void {
    if (!previous || previous.type !== 'paragraph' || !/^indexes\s*:?$/i.test(toString(previous).trim())) return;
    const items = (this.model.dataModelIndexes ??= []);
    for (const li of list.children) {
      const p = li.children[0];
      if (!p || p.type !== 'paragraph') continue;
      const code = p.children.filter((c): c is InlineCode => c.type === 'inlineCode').map((c) => ({ value: c.value, loc: locOf(c) }));
      items.push({ sectionPath: this.sectionPath(), text: toString(p).trim(), code, loc: locOf(li) });
    }
  }

  private walkList(list: List): void {
    for (const item of list.children) {
      const first = item.children[0];
      // `- **T-001:** Title`; or, above the task's own field list, a plain id (`- [ ] T-001: Title`)
      const head = first && first.type === 'paragraph' ? (this.taskHead(first) ?? (this.hasFieldList(item) ? this.taskHead(first, true) : null)) : null;
      if (first && head) {
        this.onTask(first as Paragraph, head, item, item.children.slice(1), 'list', item);
        continue;
      }
      this.walkBlocks(item.children, item);
    }
  }

  private onHeading(node: MdHeading): void {
    const text = toString(node).trim();
    const h: Heading = { depth: node.depth, text, loc: locOf(node) };
    this.model.outline.push(h);
    this.collectProse(node);
    while (this.headingStack.length > 0 && this.headingStack[this.headingStack.length - 1]!.depth >= node.depth) {
      this.headingStack.pop();
    }
    this.headingStack.push(h);
    this.lastHeadingForBlock = { heading: h, node };
    this.pendingPathParagraph = null;
    if (node.depth === 1 && !this.model.title) {
      const m = /^Tech Spec:\s*(.*)$/i.exec(text);
      this.model.title = { value: text, loc: h.loc, name: m ? m[1]!.trim() : '' };
    }
    if (node.depth <= 2) {
      this.inTasksSection = /implementation tasks/i.test(text);
      this.currentPhase = null;
    } else if (this.inTasksSection && /^phase\b/i.test(text)) {
      this.currentPhase = text;
    }
    const tm = /^(T-\d+)\s*[:—–-]?\s*(.*)$/.exec(text);
    if (tm && node.depth >= 3) {
      // heading form: `#### T-004: Title` followed by the field list
      const loc = locOf(node);
      const idColumn = loc.column + node.depth + 1;
      const task = this.newTask(tm[1]!, { line: loc.line, column: idColumn, endLine: loc.line, endColumn: idColumn + tm[1]!.length }, tm[2]!.trim(), 'heading', loc);
      this.model.tasks.push(task);
      this.headingTask = task;
    } else {
      this.headingTask = null;
    }
  }

  /** A task with no fields yet, in the current phase. */
  private newTask(id: string, idLoc: Loc, title: string, form: Task['form'], loc: Loc): Task {
    return {
      id,
      idLoc,
      number: Number(TASK_ID.exec(id)![1]),
      title,
      phase: this.currentPhase,
      form,
      loc,
      implements: null,
      description: null,
      files: null,
      doneCondition: null,
      dependencies: null,
      fields: [],
    };
  }

  /** The task a `#### T-001: Title` heading opened; the field lists under it belong to it. */
  private headingTask: Task | null = null;

  /** Returns how many following siblings it consumed (a task's field lists). */
  private onParagraph(node: Paragraph, parent: Parent, siblings: RootContent[], index: number): number {
    if (!this.model.title || this.model.outline.filter((h) => h.depth === 2).length === 0) this.headerFields(node);
    const head = this.taskHead(node);
    if (head) {
      // blockquote / paragraph form: the fields are the list(s) that follow
      const rest: RootContent[] = [];
      for (let j = index + 1; j < siblings.length; j++) {
        const s = siblings[j]!;
        if (s.type === 'list') {
          rest.push(s);
          continue;
        }
        break;
      }
      this.onTask(node, head, parent.type === 'blockquote' ? parent : node, rest, parent.type === 'blockquote' ? 'blockquote' : 'paragraph', undefined, siblings, index);
      return rest.length;
    }
    this.collectProse(node);
    this.engineeringField(node, siblings[index + 1]);
    // `migrations/…sql` written as a paragraph just above a migration block
    const codes = node.children.filter((c): c is InlineCode => c.type === 'inlineCode');
    const sqlCode = codes.find((c) => /\.sql$/i.test(c.value.trim()));
    if (sqlCode && toString(node).trim().length <= sqlCode.value.length + 20) {
      this.pendingPathParagraph = { path: sqlCode.value.trim(), loc: locOf(sqlCode) };
    } else {
      this.pendingPathParagraph = null;
    }
    return 0;
  }

  // ----- header -----------------------------------------------------------------------------------------

  private headerFields(node: Paragraph): void {
    const start = startOf(node);
    const text = this.src.text.slice(start, endOf(node));
    let offset = start;
    for (const line of text.split(/(?<=\n)/)) {
      const bare = line.replace(/\r?\n$/, '');
      const m = /^(\s*)(\*\*|__)([^*_\n]+?)(:?)\2(\s*:?)\s*(.*?)\s*$/.exec(bare);
      if (m && (m[4] === ':' || m[5]!.includes(':'))) {
        const key = m[3]!.trim();
        const value = m[6]!;
        const valueStart = offset + bare.length - bare.slice(m[1]!.length + m[2]!.length * 2 + m[3]!.length + m[4]!.length + m[5]!.length).trimStart().length;
        const field: HeaderField = {
          key,
          value,
          loc: this.src.range(offset + m[1]!.length, offset + bare.length),
          valueLoc: this.src.range(valueStart, valueStart + value.length),
        };
        this.model.header.fields.push(field);
        const k = key.toLowerCase();
        if (!(k in this.model.header.byKey)) this.model.header.byKey[k] = field;
      }
      offset += line.length;
    }
  }

  // ----- tables -----------------------------------------------------------------------------------------

  private cell(node: Node): Cell {
    const code: Located[] = [];
    const visit = (n: Node) => {
      if (n.type === 'inlineCode') code.push({ value: (n as InlineCode).value, loc: locOf(n) });
      else if (isParent(n)) for (const c of n.children) visit(c);
    };
    visit(node);
    return { text: toString(node).trim(), loc: locOf(node), code };
  }

  /** Ids matching `re` in a node's source range, with their positions and parenthesised notes. */
  private idsIn(node: Node | { start: number; end: number }, re: RegExp): IdRef[] {
    const start = 'type' in node ? startOf(node as Node) : node.start;
    const end = 'type' in node ? endOf(node as Node) : node.end;
    const text = this.src.text.slice(start, end);
    const refs: IdRef[] = [];
    const rx = new RegExp(re.source, 'g');
    let m: RegExpExecArray | null;
    while ((m = rx.exec(text))) {
      const ref: IdRef = { id: m[0], loc: this.src.range(start + m.index, start + m.index + m[0].length) };
      const after = /^\s*\(([^)]*)\)/.exec(text.slice(m.index + m[0].length));
      if (after) ref.note = after[1]!.trim();
      refs.push(ref);
    }
    return refs;
  }

  private onTable(node: MdTable): void {
    const rows = node.children.map((r) => r.children.map((c) => this.cell(c)));
    const [header = [], ...body] = rows;
    const table: Table = { header, rows: body, loc: locOf(node), sectionPath: this.sectionPath() };
    this.model.tables.push(table);
    for (const row of node.children) for (const c of row.children) this.collectProse(c);
    const h = header.map((c) => c.text.toLowerCase());
    const col = (re: RegExp) => h.findIndex((t) => re.test(t));
    const mdRows = node.children.slice(1);

    if (col(/^story\s*id$/) === 0 || (col(/story\s*id/) >= 0 && !this.model.storyMappingTable)) {
      if (!this.model.storyMappingTable) {
        this.model.storyMappingTable = table;
        const idCol = col(/story\s*id/);
        const sumCol = col(/summary|story$|description/);
        const taskCol = col(/task/);
        body.forEach((cells, r) => {
          const md = mdRows[r]!;
          const idCell = cells[idCol] ?? { text: '', loc: locOf(md), code: [] };
          const ids = md.children[idCol] ? this.idsIn(md.children[idCol]!, /\bUS-\d+\b/) : [];
          const tasksMd = taskCol >= 0 ? md.children[taskCol] : undefined;
          const row: StoryMappingRow = {
            storyId: ids[0] ?? null,
            idCell,
            summary: sumCol >= 0 ? (cells[sumCol] ?? null) : null,
            tasksCell: taskCol >= 0 ? (cells[taskCol] ?? null) : null,
            tasks: tasksMd ? this.idsIn(tasksMd, /\bT-\d+\b/) : [],
            loc: locOf(md),
          };
          this.model.storyMapping.push(row);
        });
        return;
      }
    }

    const reqIdCol = col(/^req(uirement)?\.?\s*id$|^er\s*id$/);
    if (reqIdCol >= 0) {
      const eng = this.engineeringSection();
      const successCol = col(/success/);
      const taskCol = col(/task/);
      if (successCol >= 0 || col(/^requirement$/) >= 0) {
        if (!eng.requirementsTable) {
          eng.requirementsTable = table;
          const reqCol = col(/^requirement$/);
          const prioCol = col(/priority/);
          body.forEach((cells, r) => {
            const md = mdRows[r]!;
            const ids = md.children[reqIdCol] ? this.idsIn(md.children[reqIdCol]!, /\bER-\d+\b/) : [];
            const er: EngineeringRequirement = {
              id: ids[0] ?? null,
              idCell: cells[reqIdCol] ?? { text: '', loc: locOf(md), code: [] },
              requirement: reqCol >= 0 ? (cells[reqCol] ?? null) : null,
              successCriteria: successCol >= 0 ? (cells[successCol] ?? null) : null,
              priority: prioCol >= 0 ? (cells[prioCol] ?? null) : null,
              loc: locOf(md),
            };
            eng.requirements.push(er);
          });
          return;
        }
      } else if (taskCol >= 0 && !eng.mappingTable) {
        eng.mappingTable = table;
        body.forEach((cells, r) => {
          const md = mdRows[r]!;
          const ids = md.children[reqIdCol] ? this.idsIn(md.children[reqIdCol]!, /\bER-\d+\b/) : [];
          const row: RequirementMappingRow = {
            reqId: ids[0] ?? null,
            idCell: cells[reqIdCol] ?? { text: '', loc: locOf(md), code: [] },
            tasksCell: cells[taskCol] ?? null,
            tasks: md.children[taskCol] ? this.idsIn(md.children[taskCol]!, /\bT-\d+\b/) : [],
            loc: locOf(md),
          };
          eng.mapping.push(row);
        });
        return;
      }
    }

    const fileCol = col(/migration\s*file/);
    if (fileCol >= 0 && !this.model.migrationOrderTable) {
      this.model.migrationOrderTable = table;
      const numCol = col(/^#$|^no\.?$|number|order/);
      const bcCol = col(/backward|compatib/);
      const notesCol = col(/note/);
      body.forEach((cells, r) => {
        const md = mdRows[r]!;
        const file = cells[fileCol] ?? null;
        const fileLink = onlyLink(md.children[fileCol]);
        const lp = fileLink ? linkPath(toString(fileLink), fileLink.url, this.model.filePath) : null;
        const path = lp ? lp.path : file ? (file.code[0]?.value.trim() ?? (file.text || null)) : null;
        const row: MigrationOrderRow = {
          number: numCol >= 0 ? (cells[numCol] ?? null) : null,
          file,
          path,
          backwardCompatible: bcCol >= 0 ? (cells[bcCol] ?? null) : null,
          notes: notesCol >= 0 ? (cells[notesCol] ?? null) : null,
          loc: locOf(md),
        };
        this.model.migrationOrder.push(row);
        if (file && path) {
          const ref: PathRef = { path, loc: fileLink ? locOf(fileLink) : (file.code[0]?.loc ?? file.loc), source: 'migration-order', context: header[fileCol]?.text };
          if (lp) ref.link = lp.link;
          this.model.paths.push(ref);
        }
      });
      return;
    }

    // component tables: any "File Path" column outside the task list names a path
    // (a bare "Path" next to a "Method" column is an endpoint's URL path: `| GET | /api/flags |`)
    const urlTable = col(/^(http\s*)?(method|verb)s?$|^endpoints?$|^routes?$|^url$/) >= 0;
    const pathCol = urlTable ? col(/^file\s*path$|^file$/) : col(/^file\s*path$|^file$|^path$/);
    if (pathCol >= 0) {
      for (let r = 0; r < body.length; r++) {
        const c = body[r]![pathCol];
        if (!c || c.text === '') continue;
        const context = this.sectionPath().at(-1);
        const link = onlyLink(mdRows[r]?.children[pathCol]);
        if (link) {
          const lp = linkPath(toString(link), link.url, this.model.filePath);
          this.model.paths.push({ path: lp.path, loc: locOf(link), source: 'component-table', context, link: lp.link });
          continue;
        }
        const path = c.code[0]?.value.trim() ?? c.text;
        this.model.paths.push({ path, loc: c.code[0]?.loc ?? c.loc, source: 'component-table', context });
      }
    }
  }

  private engineeringSection(): EngineeringSection {
    this.model.engineering ??= {
      problem: null,
      whyNow: null,
      outOfScope: null,
      requirementsTable: null,
      requirements: [],
      mappingTable: null,
      mapping: [],
    };
    return this.model.engineering;
  }

  /**
   * `**Problem:** …`, `**Why now:** …`, `**Out of scope:** …`. The value may stand on the label's line or, when
   * that is empty, in the block right below the label (a list of boundaries, a paragraph, a quote). They are
   * the engineering variant of section 1's Requirement Mapping: the same words in a note elsewhere (`> **Why
   * now:** …` under `### Summary`, a risk table's notes in section 9) are prose, not that variant.
   */
  private engineeringField(node: Paragraph, next: RootContent | undefined): void {
    const first = node.children[0];
    if (!first || (first.type !== 'strong' && first.type !== 'emphasis')) return;
    const label = toString(first).trim().replace(/:$/, '').toLowerCase();
    const key = label === 'problem' ? 'problem' : label === 'why now' ? 'whyNow' : label === 'out of scope' ? 'outOfScope' : null;
    if (!key) return;
    const section = this.headingStack.find((h) => h.depth <= 2 && h.depth > 1);
    if (section && !/^\s*1\b|overview/i.test(section.text)) return;
    if (this.headingStack.some((h) => h.depth >= 3 && /^summary$/i.test(h.text.trim()))) return;
    const start = endOf(first);
    let end = endOf(node);
    const raw = this.src.text.slice(start, end);
    const lead = raw.length - raw.replace(/^\s*:?\s*/, '').length;
    let value = toString({ type: 'paragraph', children: node.children.slice(1) } as Paragraph).replace(/^\s*:?\s*/, '').trim();
    if (value === '' && next && isValueBlock(next)) {
      value = blockText(next).trim();
      end = endOf(next);
      this.engineeringSection()[key] = { value, loc: this.src.range(startOf(next), end) };
      return;
    }
    this.engineeringSection()[key] = { value, loc: this.src.range(start + lead, end) };
  }

  // ----- code and html ----------------------------------------------------------------------------------

  private onCode(node: Code): void {
    const raw = this.src.slice(node);
    const fenced = /^\s*(`{3,}|~{3,})/.exec(raw);
    const loc = locOf(node);
    let unclosed = false;
    if (fenced) {
      const lastLine = this.src.lineText(loc.endLine).trim();
      const fence = fenced[1]!;
      unclosed = loc.endLine === loc.line || !(lastLine.startsWith(fence[0]!.repeat(fence.length)) && /^(`+|~+)$/.test(lastLine));
    }
    const block: CodeBlock = {
      lang: node.lang ? node.lang.toLowerCase() : null,
      meta: node.meta ?? null,
      text: node.value,
      loc,
      contentLine: fenced ? loc.line + 1 : loc.line,
      contentColumn: fenced ? loc.column : loc.column,
      sectionPath: this.sectionPath(),
      unclosed,
    };
    this.model.codeBlocks.push(block);
    this.maybeMigration(block);
    this.pendingPathParagraph = null;
  }

  private maybeMigration(block: CodeBlock): void {
    const hasAnnotation = /^\s*--\s*\+goose\b/im.test(block.text);
    const sqlLang = block.lang !== null && /^(sql|postgres|postgresql|pgsql|psql|plpgsql)$/.test(block.lang);
    let path: string | null = null;
    let pathLoc: Loc | null = null;
    if (this.pendingPathParagraph) {
      path = this.pendingPathParagraph.path;
      pathLoc = this.pendingPathParagraph.loc;
    } else if (this.lastHeadingForBlock && this.lastHeadingForBlock.heading === this.headingStack.at(-1)) {
      const hn = this.lastHeadingForBlock.node;
      const code = hn.children.find((c): c is InlineCode => c.type === 'inlineCode');
      const text = code ? code.value.trim() : this.lastHeadingForBlock.heading.text;
      const m = /[\w./[\]-]*\.sql\b/i.exec(text);
      if (m) {
        path = code ? text : m[0];
        pathLoc = code ? locOf(code) : this.lastHeadingForBlock.heading.loc;
      }
    }
    const inMigrationSection = block.sectionPath.some((t) => /migration/i.test(t));
    if (!(hasAnnotation || (sqlLang && path !== null) || (sqlLang && inMigrationSection && /goose/i.test(block.sectionPath.join(' '))))) return;
    const migration: Migration = { path, pathLoc, sql: block.text, block };
    this.model.migrations.push(migration);
    if (path && pathLoc) this.model.paths.push({ path, loc: pathLoc, source: 'migration-heading' });
    // one heading names one block
    this.lastHeadingForBlock = null;
  }

  private onHtml(value: string, node: Node): void {
    const base = startOf(node);
    const text = this.src.text.slice(base, endOf(node));
    const rx = /<!--([\s\S]*?)-->/g;
    let m: RegExpExecArray | null;
    let any = false;
    while ((m = rx.exec(text))) {
      any = true;
      const comment: Comment = { value: m[1]!.trim(), loc: this.src.range(base + m.index, base + m.index + m[0].length) };
      this.model.comments.push(comment);
      const pm = /^spec:provenance\b([\s\S]*)$/.exec(comment.value);
      if (pm) {
        const prov: Provenance = { loc: comment.loc };
        for (const kv of pm[1]!.trim().split(/\s+/)) {
          const eq = kv.indexOf('=');
          if (eq <= 0) continue;
          const k = kv.slice(0, eq);
          const v = kv.slice(eq + 1);
          if (k === 'prd') prov.prd = v;
          else if (k === 'prd-sha256') prov.prdSha256 = v;
          else if (k === 'model') prov.model = v;
          else if (k === 'generated') prov.generated = v;
        }
        this.model.provenance = prov;
      }
    }
    if (!any && !/^\s*<!--/.test(value)) {
      this.model.prose.push({ text: value, loc: locOf(node), kind: 'html' });
    }
  }

  /** Text and inline HTML leaves of a node, outside code, for wording and placeholder checks. */
  private collectProse(node: Node): void {
    const visit = (n: Node) => {
      if (n.type === 'text') this.model.prose.push({ text: (n as unknown as { value: string }).value, loc: locOf(n), kind: 'text' });
      else if (n.type === 'html') this.onHtml((n as unknown as { value: string }).value, n);
      else if (n.type === 'inlineCode' || n.type === 'code') return;
      else if (isParent(n)) for (const c of n.children) visit(c);
    };
    visit(node);
  }

  // ----- tasks ------------------------------------------------------------------------------------------

  /**
   * `**T-001:** Title` / `**T-003**: Title` / `_T-004:_ Title` at the start of a paragraph: the id and the
   * title. With `plain`, also an id written without emphasis — `T-001: Title`, `` `T-001` — Title `` — which
   * the caller accepts only above the task's own field list.
   */
  private taskHead(p: Paragraph, plain = false): TaskHead | null {
    const first = p.children[0];
    if (!first) return null;
    if (first.type === 'strong' || first.type === 'emphasis') {
      const label = toString(first).trim().replace(/:$/, '').trim();
      if (!TASK_ID.test(label)) return null;
      const rest = toString({ type: 'paragraph', children: p.children.slice(1) } as Paragraph);
      const title = rest.split(/\r?\n/)[0]!.replace(/^\s*[:—–-]?\s*/, '').trim();
      return { id: label, title, idLoc: locOf(first), titleNodes: p.children.slice(1) };
    }
    if (!plain) return null;
    if (first.type === 'inlineCode') {
      if (!TASK_ID.test(first.value.trim())) return null;
      const rest = toString({ type: 'paragraph', children: p.children.slice(1) } as Paragraph);
      if (!/^\s*([:—–-]|$)/.test(rest)) return null;
      const title = rest.split(/\r?\n/)[0]!.replace(/^\s*[:—–-]?\s*/, '').trim();
      return { id: first.value.trim(), title, idLoc: locOf(first), titleNodes: p.children.slice(1) };
    }
    if (first.type !== 'text') return null;
    const m = /^(\s*)(T-\d+)(?:\s*[:—–-]\s*|\s*$)/.exec(first.value);
    if (!m) return null;
    const start = startOf(first) + m[1]!.length;
    const title = toString(p).slice(m[0].length).split(/\r?\n/)[0]!.trim();
    return { id: m[2]!, title, idLoc: this.src.range(start, start + m[2]!.length), titleNodes: p.children };
  }

  /** Whether a list item holds a nested list of task fields (`- _Implements:_ …`). */
  private hasFieldList(item: ListItem): boolean {
    return item.children.some((c) => c.type === 'list' && c.children.some((li) => this.isFieldItem(li)));
  }

  private onTask(
    head: Paragraph,
    h: TaskHead,
    container: Node,
    fieldNodes: RootContent[],
    form: Task['form'],
    item?: ListItem,
    _siblings?: RootContent[],
    _index?: number,
  ): void {
    this.collectProse({ type: 'paragraph', children: h.titleNodes } as Paragraph);
    const idLoc = h.idLoc;
    const lastField = fieldNodes.at(-1);
    const loc: Loc =
      form === 'list' || form === 'blockquote'
        ? locOf(container)
        : { ...locOf(head), endLine: lastField ? locOf(lastField).endLine : locOf(head).endLine, endColumn: lastField ? locOf(lastField).endColumn : locOf(head).endColumn };
    const task = this.newTask(h.id, idLoc, h.title, form, loc);
    // Lines of the title paragraph after the first (a task written as one paragraph with soft breaks).
    for (const node of fieldNodes) {
      if (node.type === 'list') for (const li of node.children) this.taskField(task, li);
      else this.walkBlocks([node], container as Parent);
    }
    void item;
    this.model.tasks.push(task);
  }

  /** Whether a list item starts with a task field label (`_Implements:_ …`). */
  private isFieldItem(li: ListItem): boolean {
    const p = li.children[0];
    if (!p || p.type !== 'paragraph') return false;
    return /^\s*(implements|description|files|done[ -]condition|dependencies|depends on)\s*:/i.test(toString(p));
  }

  private taskField(task: Task, li: ListItem): void {
    const p = li.children[0];
    if (!p || p.type !== 'paragraph') {
      this.walkBlocks(li.children, li);
      return;
    }
    const first = p.children[0];
    let label: string | null = null;
    let valueStart: number;
    if (first && (first.type === 'emphasis' || first.type === 'strong')) {
      const t = toString(first).trim();
      const after = p.children[1];
      const colonAfter = after && after.type === 'text' && /^\s*:/.test(after.value);
      if (t.endsWith(':') || colonAfter) {
        label = t.replace(/:$/, '').trim();
        const raw = this.src.text.slice(endOf(first), endOf(li));
        valueStart = endOf(first) + (raw.length - raw.replace(/^\s*:?\s*/, '').length);
      } else valueStart = startOf(p);
    } else {
      const t = toString(p);
      const m = /^\s*(Implements|Description|Files|Done[ -]condition|Dependencies|Depends on)\s*:\s*/i.exec(t);
      if (m) {
        label = m[1]!;
        const raw = this.src.text.slice(startOf(p), endOf(li));
        const lm = new RegExp(`^\\s*${m[1]!.replace(/[-]/g, '\\-')}\\s*:\\s*`, 'i').exec(raw);
        valueStart = startOf(p) + (lm ? lm[0].length : 0);
      } else valueStart = startOf(p);
    }
    if (!label) {
      // not a field: still prose and maybe nested blocks
      this.walkBlocks(li.children, li);
      return;
    }
    for (const c of label === null ? [] : p.children.slice(1)) this.collectProse(c);
    const end = endOf(li);
    const fullText = this.src.text.slice(valueStart, end);
    const valueText = blockText(li).replace(/^\s*[^:]*?:\s*/, '').trim();
    const field: TaskField = {
      label,
      text: valueText,
      loc: locOf(li),
      valueLoc: this.src.range(valueStart, Math.max(valueStart, valueStart + fullText.replace(/\s+$/, '').length)),
    };
    task.fields.push(field);
    const key = label.toLowerCase().replace(/[-_]/g, ' ');
    if (key === 'implements') {
      // the ids may stand on the label's line or in a list below it
      task.implements = { ...field, ids: this.idsIn({ start: valueStart, end }, REQ_ID).filter((r) => !/^T-\d+$/.test(r.id)) };
    } else if (key === 'description') {
      task.description = { ...field, sentences: countSentences(li, valueText) };
    } else if (key === 'files') {
      task.files = { ...field, entries: this.fileEntries(task, p, li) };
    } else if (key === 'done condition' || key === 'done when' || key === 'verification') {
      const code: Located[] = [];
      const visit = (n: Node) => {
        if (n.type === 'inlineCode') code.push({ value: (n as InlineCode).value, loc: locOf(n) });
        else if (isParent(n)) for (const c of n.children) visit(c);
      };
      for (const c of li.children) visit(c);
      if (first && (first.type === 'emphasis' || first.type === 'strong')) {
        // the label's own inline code (none expected) is not part of the value
      }
      const commands: Command[] = [];
      for (const c of code) {
        const tool = commandTool(c.value);
        if (tool) commands.push({ text: c.value, tool, argv: splitArgv(c.value.trim()), loc: c.loc });
      }
      task.doneCondition = { ...field, commands, code };
    } else if (key === 'dependencies' || key === 'depends on') {
      const none = saysNone(valueText);
      // `None — T-001 shipped last release`: the ids of a reason are prose, not dependencies
      task.dependencies = { ...field, none, refs: none ? [] : this.idsIn({ start: valueStart, end }, /\bT-\d+\b/) };
    }
    // nested blocks of other fields (e.g. code under a description) still count as prose / code
    for (const c of li.children.slice(1)) {
      if (key === 'files' && c.type === 'list') continue;
      this.walkBlocks([c], li);
    }
  }

  private fileEntries(task: Task, p: Paragraph, li: ListItem): FileEntry[] {
    const entries: FileEntry[] = [];
    const nested = li.children.filter((c): c is List => c.type === 'list');
    if (nested.length === 0) {
      // inline form: _Files:_ `a.go`, `b.go`
      for (const c of p.children) {
        if (c.type === 'inlineCode') {
          entries.push({ action: 'other', actionText: '', path: c.value.trim(), quoted: true, note: '', loc: locOf(c), lineLoc: locOf(p) });
        } else if (c.type === 'link') {
          const lp = linkPath(toString(c), c.url, this.model.filePath);
          entries.push({ action: 'other', actionText: '', path: lp.path, quoted: false, note: '', loc: locOf(c), lineLoc: locOf(p), link: lp.link });
        }
      }
    }
    for (const list of nested) {
      for (const item of list.children) {
        const ip = item.children[0];
        if (!ip || ip.type !== 'paragraph') continue;
        entries.push(this.fileEntry(ip, item));
      }
    }
    for (const e of entries) {
      if (!e.path) continue;
      const source = e.action === 'create' ? 'task-create' : e.action === 'modify' ? 'task-modify' : e.action === 'delete' ? 'task-delete' : 'task-other';
      const ref: PathRef = { path: e.path, loc: e.loc, source, taskId: task.id, context: e.actionText || undefined };
      if (e.link) ref.link = e.link;
      this.model.paths.push(ref);
    }
    return entries;
  }

  private fileEntry(p: Paragraph, item: ListItem): FileEntry {
    const lineLoc = locOf(p);
    const text = toString(p);
    const am = /^\s*([A-Za-z][A-Za-z ]*?)\s*:\s*/.exec(text);
    const actionText = am ? am[1]!.trim() : '';
    const action = actionOf(actionText);
    // the first inline code (or link) after the action is the path
    const code = p.children.find((c): c is InlineCode | Link => c.type === 'inlineCode' || c.type === 'link');
    const start = startOf(p);
    const raw = this.src.text.slice(start, endOf(p));
    if (code?.type === 'link') {
      const before = toString({ type: 'paragraph', children: p.children.slice(0, p.children.indexOf(code)) } as Paragraph);
      if (/^\s*([A-Za-z][A-Za-z ]*?)?\s*:?\s*$/.test(before)) {
        const after = toString({ type: 'paragraph', children: p.children.slice(p.children.indexOf(code) + 1) } as Paragraph);
        const lp = linkPath(toString(code), code.url, this.model.filePath);
        const quoted = code.children.length === 1 && code.children[0]!.type === 'inlineCode';
        return { action, actionText, path: lp.path, quoted, note: cleanNote(after), loc: locOf(code), lineLoc, link: lp.link };
      }
    } else if (code) {
      const before = toString({ type: 'paragraph', children: p.children.slice(0, p.children.indexOf(code)) } as Paragraph);
      if (/^\s*([A-Za-z][A-Za-z ]*?)?\s*:?\s*$/.test(before)) {
        const after = toString({ type: 'paragraph', children: p.children.slice(p.children.indexOf(code) + 1) } as Paragraph);
        return { action, actionText, path: code.value.trim(), quoted: true, note: cleanNote(after), loc: locOf(code), lineLoc };
      }
    }
    // unquoted: the first token after `Action:` (raw source, so `<path>` and `[path]` stay as written)
    const rm = /^\s*(?:[A-Za-z][A-Za-z ]*?\s*:\s*)?/.exec(raw)!;
    const rest = raw.slice(rm[0].length);
    const tm = /^(\S+)/.exec(rest);
    // a first word that cannot be a path (`Create: the handler somewhere in the api folder`): keep the whole
    // text as the "path", so that path rules can quote it
    if (!tm || (!am && !/[/.]/.test(tm[1]!)) || (am && !looksLikePathToken(tm[1]!))) {
      return { action, actionText, path: rest.trim() ? rest.trim().split(/\s+[—–-]\s+/)[0]!.trim() : '', quoted: false, note: '', loc: lineLoc, lineLoc };
    }
    let token = tm[1]!;
    // `[path]` placeholders and `<path>` stay whole; a trailing comma or period is punctuation
    token = token.replace(/[,;]$/, '');
    const s = start + rm[0].length;
    const note = cleanNote(rest.slice(tm[1]!.length));
    void item;
    return { action, actionText, path: token, quoted: false, note, loc: this.src.range(s, s + token.length), lineLoc };
  }

  // ----- finish -----------------------------------------------------------------------------------------

  private finish(): void {
    const m = this.model;
    const type = m.header.byKey['type']?.value.replace(/[*_`]/g, '').trim();
    if (type && /^prd[- ]driven$/i.test(type)) m.type = 'PRD-driven';
    else if (type && /^engineering[- ]initiated$/i.test(type)) m.type = 'Engineering-initiated';
    const type2: SpecType | null = m.type;
    void type2;
    const prd = m.header.byKey['prd'];
    if (prd) {
      const v = prd.value.trim();
      let path = v;
      let linkInfo: LinkPath | undefined;
      const link = /\[([^\]]*)\]\(\s*(<[^>]*>|[^)\s]+)[^)]*\)/.exec(v);
      const code = /`([^`]+)`/.exec(v);
      if (link) {
        const lp = linkPath(link[1]!, link[2]!, m.filePath);
        path = lp.path;
        linkInfo = lp.link;
      } else if (code) path = code[1]!;
      path = path.replace(/^<|>$/g, '').trim();
      if (path && !/^(n\/a|none|—|-|–)$/i.test(path)) m.prdPath = linkInfo ? { value: path, loc: prd.valueLoc, link: linkInfo } : { value: path, loc: prd.valueLoc };
    }
  }
}

const BLOCK_PARENTS = new Set(['root', 'listItem', 'list', 'blockquote']);

/**
 * A link target as a repository path: relative to the spec file's directory, as markdown renderers resolve
 * it (a target that starts with `/` from the repository root); null for a URL, an anchor or nothing. The
 * result starts with `../` when the target leaves the repository.
 */
export function resolveLinkTarget(target: string, specRel: string): string | null {
  let t = target.trim().replace(/^<(.*)>$/, '$1').trim();
  if (t === '' || t.startsWith('#') || t.startsWith('//') || /^[a-z][a-z0-9+.-]*:/i.test(t)) return null;
  t = t.replace(/[?#].*$/, '');
  try {
    t = decodeURIComponent(t);
  } catch {
    // keep it as written
  }
  if (t === '') return null;
  const joined = t.startsWith('/') ? t.replace(/^\/+/, '') : posix.join(posix.dirname(specRel), t);
  const n = posix.normalize(joined).replace(/\/+$/, '');
  return n === '.' ? '' : n;
}

/**
 * The path a link names and how it was written. The text is the path when it reads as one (a single word
 * with a `/` — or any file name when the target is a URL); otherwise (`[Router](…)`, `[router.go](…)`) the
 * resolved target is. `[prds/x.md](../prds/x.md)` from `tech-specs/` names `prds/x.md` both ways.
 */
export function linkPath(text: string, target: string, specRel: string): { path: string; link: LinkPath } {
  const resolved = resolveLinkTarget(target, specRel);
  const t = text.trim().replace(/^`+|`+$/g, '').trim().replace(/^(\.\/)+/, '');
  const word = t !== '' && !/\s/.test(t) && !/^[a-z][a-z0-9+.-]*:/i.test(t);
  const textPath = word && (t.includes('/') || (resolved === null && /\.[A-Za-z0-9]+$/.test(t))) ? t : null;
  return { path: textPath ?? resolved ?? target.trim(), link: { text: textPath, target, resolved } };
}

/** The link a table cell holds alone (white space aside), or null. */
function onlyLink(cell: Node | undefined): Link | null {
  if (!cell || !isParent(cell)) return null;
  const kids = cell.children.filter((c) => !(c.type === 'text' && (c as unknown as { value: string }).value.trim() === ''));
  return kids.length === 1 && kids[0]!.type === 'link' ? (kids[0] as Link) : null;
}

/** Whether a block can be the value of the label above it: not a heading, a break, or another `**Label:**`. */
function isValueBlock(node: RootContent): boolean {
  // (not a table: `**Out of scope:**` left empty right above the requirements table is still empty)
  if (node.type === 'list' || node.type === 'blockquote') return true;
  if (node.type !== 'paragraph') return false;
  const first = node.children[0];
  if (!first || (first.type !== 'strong' && first.type !== 'emphasis')) return true;
  const after = node.children[1];
  const labelled = toString(first).trim().endsWith(':') || (after?.type === 'text' && /^\s*:/.test(after.value));
  return !labelled;
}

/** Plain text of a node, block children separated by new lines (mdast-util-to-string would run them together). */
export function blockText(node: Node): string {
  if (BLOCK_PARENTS.has(node.type) && isParent(node)) return node.children.map(blockText).join('\n');
  return toString(node);
}

/** Whether an unquoted word after `Create:` / `Modify:` can be a path (not `the`, `new`, `TBD` …). */
function looksLikePathToken(token: string): boolean {
  return /[/.\\[\]<>~*]/.test(token) || /^(?:[A-Z][A-Za-z]*file|LICENSE|README|CODEOWNERS)$/.test(token);
}

/**
 * Whether a Dependencies value says "no dependencies": `None`, `N/A`, `No dependencies`, a lone dash, alone or
 * followed by a reason in any punctuation — `None (first task)`, `None — reason`, `None - reason`,
 * `None; reason`, `None: reason`, `none.`, `None, standalone` — or by words (`None beyond the schema`).
 */
export function saysNone(value: string): boolean {
  const t = value.replace(/[*_`]/g, '').trim();
  if (/^[—–-]+\.?$/.test(t)) return true;
  return /^(?:none|n\/a|not applicable|no dependencies|no prior tasks?|nothing)(?![\w/-])/i.test(t);
}

function actionOf(word: string): FileAction {
  const w = word.toLowerCase();
  if (w === 'create' || w === 'add' || w === 'new') return 'create';
  if (w === 'modify' || w === 'update' || w === 'edit' || w === 'change') return 'modify';
  if (w === 'delete' || w === 'remove') return 'delete';
  if (w === 'rename' || w === 'move') return 'rename';
  return 'other';
}

function cleanNote(s: string): string {
  return s.replace(/^\s*[—–-]+\s*/, '').replace(/^\s*[:(]\s*/, '').trim();
}

/** Sentences in a description, not counting dots in code spans, paths, numbers or common abbreviations. */
export function countSentences(node: Node, fallback: string): number {
  let text = '';
  const visit = (n: Node) => {
    if (n.type === 'inlineCode' || n.type === 'code') text += ' CODE ';
    else if (n.type === 'text') text += (n as unknown as { value: string }).value;
    else if (isParent(n)) for (const c of n.children) visit(c);
  };
  visit(node);
  if (!text) text = fallback;
  text = text.replace(/^\s*[^:]*?:\s*/, '').replace(/\b(e\.g|i\.e|etc|vs|approx|incl|cf|Mr|Dr|No)\./gi, '$1');
  const matches = text.match(/[^.!?]+(?:[.!?]+(?=\s|$)|$)/g) ?? [];
  return matches.filter((s) => /[A-Za-z]{2,}/.test(s)).length;
}

/** Markdown text → spec model. `relPath` is the repository-relative path of the file. */
export function extractSpec(text: string, relPath: string): SpecModel {
  const root = parseMarkdown(text);
  return extractSpecFromTree(root, text, relPath);
}

export function extractSpecFromTree(root: Root, text: string, relPath: string): SpecModel {
  return new Extractor(text, relPath).run(root);
}
