/**
 * `spec lsp --stdio`: the language server. Diagnostics come from the unsaved buffer, on open and (debounced)
 * on every change, with the same rules, config and cross-file facts as `spec lint` (the repository index,
 * the PRD the spec names, the other specs); they are refreshed when files change on disk. Each finding with
 * a fix is a quick fix (the very edit `--fix` applies), each finding can be disabled for its line, and the
 * spec's ids and paths answer hover, go to definition and find references; the headings and tasks are the
 * document's symbols; `_Implements:_`, `_Dependencies:_` and `_Files:_` complete.
 *
 * Loaded only by `spec lsp` (src/cli/lsp.ts): `spec lint` never imports vscode-languageserver.
 */
import { dirname, resolve } from 'node:path';
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  CompletionItemKind,
  DiagnosticSeverity,
  DidChangeWatchedFilesNotification,
  ProposedFeatures,
  SymbolKind,
  TextDocumentSyncKind,
  TextDocuments,
  createConnection,
  type CodeAction,
  type Connection,
  type Diagnostic as LspDiagnostic,
  type DocumentSymbol,
  type InitializeParams,
  type TextEdit,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { EffectiveConfig } from '../lint/config.js';
import type { Diagnostic } from '../lint/types.js';
import type { RepoIndex } from '../lint/repo.js';
import type { SpecModel } from '../model/types.js';
import type { PrdState } from '../rules/types.js';
import { SourceText } from '../fix/convert.js';
import { Relinter } from '../fix/relint.js';
import { fixLoop } from '../fix/run.js';
import * as features from './features.js';
import { packageRoot } from '../package-root.js';

export interface ServerOptions {
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
}

/** One configuration root (a spec.config.json, or the repository without one) and its cross-file facts. */
class Workspace {
  repo!: RepoIndex;
  relinter!: Relinter;
  private specFiles: string[] | null = null;

  constructor(readonly config: EffectiveConfig) {
    this.refresh();
  }

  /** Files changed on disk: a new repository index, PRD loader and context models, read on next need. */
  refresh(): void {
    void this.relinter?.close();
    this.specFiles = null;
    // created through the engine's own modules, loaded once
    this.repo = repoModule!.createRepoIndex(this.config.root);
    this.relinter = new Relinter({ config: this.config, repo: this.repo, contextFiles: () => this.allSpecs() });
  }

  private allSpecs(): string[] {
    if (this.specFiles === null) {
      try {
        this.specFiles = discoverModule!.discoverSpecs(this.config, this.repo, [], { cwd: this.config.root });
      } catch {
        this.specFiles = [];
      }
    }
    return this.specFiles;
  }

  rel(abs: string): string {
    return engineModule!.relativeTo(this.config.root, abs);
  }

  /** Whether a file is a spec `spec lint` would lint: a markdown file under the specs directory, not ignored. */
  isSpec(abs: string): boolean {
    const rel = this.rel(abs);
    if (rel.startsWith('..') || !discoverModule!.isSpecFileName(rel) || discoverModule!.isIgnored(rel, this.config)) return false;
    const specs = this.config.paths.specs.replace(/\/+$/, '');
    return specs === '' || specs === '.' || rel.startsWith(specs + '/');
  }
}

let repoModule: typeof import('../lint/repo.js') | null = null;
let discoverModule: typeof import('../lint/discover.js') | null = null;
let engineModule: typeof import('../lint/engine.js') | null = null;
let configModule: typeof import('../lint/config.js') | null = null;

interface DocState {
  version: number;
  src: SourceText;
  model: SpecModel;
  prd: PrdState;
  messages: Diagnostic[];
  ws: Workspace;
}

function toLsp(d: Diagnostic): LspDiagnostic {
  const line = Math.max(0, d.line - 1);
  const endLine = Math.max(line, d.endLine - 1);
  const character = Math.max(0, d.column - 1);
  let endCharacter = Math.max(0, d.endColumn - 1);
  if (endLine === line && endCharacter <= character) endCharacter = character + 1;
  return {
    range: { start: { line, character }, end: { line: endLine, character: endCharacter } },
    severity: d.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
    code: d.ruleId,
    ...(d.url ? { codeDescription: { href: d.url } } : {}),
    source: 'spec',
    message: d.message,
    ...(d.fix ? { data: { fixable: true } } : {}),
  };
}

const SYMBOL_KINDS: Record<features.Symbol['kind'], SymbolKind> = {
  file: SymbolKind.File,
  module: SymbolKind.Module,
  namespace: SymbolKind.Namespace,
  package: SymbolKind.Package,
  task: SymbolKind.Function,
};

function toSymbol(s: features.Symbol): DocumentSymbol {
  return {
    name: s.name || '(untitled)',
    ...(s.detail ? { detail: s.detail } : {}),
    kind: SYMBOL_KINDS[s.kind],
    range: s.range,
    selectionRange: s.selectionRange,
    children: s.children.map(toSymbol),
  };
}

/** Starts the server on stdio (or the given streams); resolves when the client has asked it to exit. */
export async function startServer(options: ServerOptions = {}): Promise<number> {
  [repoModule, discoverModule, engineModule, configModule] = await Promise.all([
    import('../lint/repo.js'),
    import('../lint/discover.js'),
    import('../lint/engine.js'),
    import('../lint/config.js'),
  ]);
  const connection: Connection = createConnection(ProposedFeatures.all, (options.input ?? process.stdin) as NodeJS.ReadableStream, (options.output ?? process.stdout) as NodeJS.WritableStream);
  const documents = new TextDocuments(TextDocument);
  const workspaces = new Map<string, Promise<Workspace>>();
  const states = new Map<string, DocState>();
  const timers = new Map<string, NodeJS.Timeout>();
  let rootPath: string | null = null;
  let debounceMs = 150;
  let queue: Promise<unknown> = Promise.resolve();
  const log = (m: string) => connection.console.error(`spec: ${m}`);

  const serial = <T>(job: () => Promise<T>): Promise<T> => {
    const p = queue.then(job, job);
    queue = p.catch(() => undefined);
    return p;
  };

  const pathOf = (uri: string): string | null => (uri.startsWith('file:') ? fileURLToPath(uri) : null);

  function workspaceFor(abs: string): Promise<Workspace> {
    const file = configModule!.findConfigFile(dirname(abs));
    const key = file ?? rootPath ?? dirname(abs);
    let ws = workspaces.get(key);
    if (!ws) {
      ws = (async () => new Workspace(await configModule!.loadConfig({ cwd: file ? dirname(file) : key, ...(file ? { configPath: file } : {}) })))();
      workspaces.set(key, ws);
      ws.catch(() => workspaces.delete(key));
    }
    return ws;
  }

  async function lintDocument(uri: string): Promise<void> {
    const doc = documents.get(uri);
    const abs = pathOf(uri);
    if (!doc || !abs) return;
    let ws: Workspace;
    try {
      ws = await workspaceFor(abs);
    } catch (err) {
      // a bad spec.config.json: said on the document, as `spec lint` says it (one line, no stack)
      const message = (err as Error).message;
      log(message);
      await connection.sendDiagnostics({
        uri,
        version: doc.version,
        diagnostics: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, severity: DiagnosticSeverity.Error, source: 'spec', message: `spec: ${message}` }],
      });
      return;
    }
    if (!ws.isSpec(abs)) {
      states.delete(uri);
      return;
    }
    const version = doc.version;
    const text = doc.getText();
    try {
      const r = await ws.relinter.lint(abs, text);
      if (documents.get(uri)?.version !== version) return; // an edit came in meanwhile: its own lint follows
      states.set(uri, { version, src: new SourceText(text), model: r.model, prd: r.prd, messages: r.messages, ws });
      await connection.sendDiagnostics({ uri, version, diagnostics: r.messages.map(toLsp) });
    } catch (err) {
      log(`linting ${ws.rel(abs)} failed: ${(err as Error).message}`);
    }
  }

  function schedule(uri: string, delay: number): void {
    const t = timers.get(uri);
    if (t) clearTimeout(t);
    timers.set(
      uri,
      setTimeout(() => {
        timers.delete(uri);
        void serial(() => lintDocument(uri));
      }, delay),
    );
  }

  /** The document's state at its current version: the last lint's when fresh, else a model of the text. */
  async function current(uri: string): Promise<DocState | null> {
    const doc = documents.get(uri);
    const abs = pathOf(uri);
    if (!doc || !abs) return null;
    const st = states.get(uri);
    if (st && st.version === doc.version) return st;
    let ws: Workspace;
    try {
      ws = await workspaceFor(abs);
    } catch {
      return null;
    }
    const text = doc.getText();
    const model = engineModule!.loadSpec(abs, ws.rel(abs), text);
    const prd = new engineModule!.PrdLoader(ws.repo).load(model.prdPath?.value ?? null);
    return { version: doc.version, src: new SourceText(text), model, prd, messages: st?.messages ?? [], ws };
  }

  function contextOf(st: DocState): features.Context {
    let prdText: string | null = null;
    const prdPath = st.prd.status === 'ok' && st.prd.model ? st.prd.model.filePath : null;
    if (prdPath) {
      try {
        prdText = readFileSync(resolve(st.ws.config.root, prdPath), 'utf8');
      } catch {
        prdText = null;
      }
    }
    return { src: st.src, model: st.model, prd: st.prd.model, prdText, prdPath, repo: st.ws.repo };
  }

  const uriOf = (st: DocState, file: string) => pathToFileURL(resolve(st.ws.config.root, ...file.split('/'))).href;

  connection.onInitialize((params: InitializeParams) => {
    const folder = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? null;
    rootPath = folder && folder.startsWith('file:') ? fileURLToPath(folder) : (params.rootPath ?? null);
    const opts = (params.initializationOptions ?? {}) as { debounceMs?: unknown };
    if (typeof opts.debounceMs === 'number' && opts.debounceMs >= 0) debounceMs = opts.debounceMs;
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.SourceFixAll] },
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        documentSymbolProvider: true,
        completionProvider: { triggerCharacters: ['-', '/', ' ', ','] },
      },
      serverInfo: { name: 'spec', version: engineVersion() },
    };
  });

  connection.onInitialized(() => {
    // files changed on disk (a PRD, a migration, another spec, the config): the facts are read again
    void connection.client
      .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.{md,sql}' }, { globPattern: '**/spec.config.json' }] })
      .catch(() => undefined);
  });

  connection.onDidChangeWatchedFiles((params) => {
    let config = false;
    for (const change of params.changes) if (change.uri.endsWith('spec.config.json')) config = true;
    if (config) workspaces.clear();
    else for (const ws of workspaces.values()) void ws.then((w) => w.refresh(), () => undefined);
    for (const doc of documents.all()) schedule(doc.uri, debounceMs);
  });

  documents.onDidOpen((e) => schedule(e.document.uri, 0));
  documents.onDidChangeContent((e) => {
    // (onDidOpen fires onDidChangeContent too: the open's lint is already scheduled, at once)
    if (!timers.has(e.document.uri) || e.document.version > 1) schedule(e.document.uri, debounceMs);
  });
  documents.onDidClose((e) => {
    const t = timers.get(e.document.uri);
    if (t) clearTimeout(t);
    timers.delete(e.document.uri);
    states.delete(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  connection.onCodeAction(async (params) => {
    const st = states.get(params.textDocument.uri);
    const doc = documents.get(params.textDocument.uri);
    if (!st || !doc || st.version !== doc.version) return [];
    const uri = params.textDocument.uri;
    const actions: CodeAction[] = [];
    const r = params.range;
    const overlaps = (d: Diagnostic) => {
      const s = d.line - 1;
      const e = Math.max(s, d.endLine - 1);
      return !(e < r.start.line || s > r.end.line);
    };
    const only = params.context.only;
    const wants = (kind: string) => !only || only.some((k) => kind === k || kind.startsWith(k + '.'));
    const asEdit = (range: [number, number], text: string): TextEdit => ({ range: { start: st.src.position(range[0]), end: st.src.position(range[1]) }, newText: text });
    for (const d of st.messages.filter(overlaps)) {
      const diag = toLsp(d);
      if (d.fix && wants(CodeActionKind.QuickFix)) {
        actions.push({ title: `Fix this ${d.ruleId} problem`, kind: CodeActionKind.QuickFix, diagnostics: [diag], isPreferred: true, edit: { changes: { [uri]: [asEdit(d.fix.range, d.fix.text)] } } });
      }
      if (d.ruleId !== 'lint/internal-error' && wants(CodeActionKind.QuickFix)) {
        const edits = features.disableEdits(st.src, st.model, d.ruleId, d.line).map((x) => asEdit([x.offset, x.offset], x.text));
        actions.push({ title: `Disable ${d.ruleId} for this line`, kind: CodeActionKind.QuickFix, diagnostics: [diag], edit: { changes: { [uri]: edits } } });
      }
    }
    if (st.messages.some((m) => m.fix) && wants(CodeActionKind.SourceFixAll)) {
      const abs = pathOf(uri)!;
      const loop = await serial(() => fixLoop(st.ws.relinter, abs, st.src.text, st.messages));
      if (loop.fixed && documents.get(uri)?.version === st.version) {
        actions.push({ title: 'Fix all auto-fixable spec problems', kind: CodeActionKind.SourceFixAll, edit: { changes: { [uri]: [asEdit([0, st.src.text.length], loop.output)] } } });
      }
    }
    return actions;
  });

  connection.onHover(async (params) => {
    const st = await current(params.textDocument.uri);
    if (!st) return null;
    const h = features.hover(contextOf(st), params.position);
    return h ? { contents: { kind: 'markdown', value: h.contents }, range: h.range } : null;
  });

  connection.onDefinition(async (params) => {
    const st = await current(params.textDocument.uri);
    if (!st) return [];
    return features.definition(contextOf(st), params.position).map((p) => ({ uri: p.file === st.model.filePath ? params.textDocument.uri : uriOf(st, p.file), range: p.range }));
  });

  connection.onReferences(async (params) => {
    const st = await current(params.textDocument.uri);
    if (!st) return [];
    return features
      .references(contextOf(st), params.position, params.context.includeDeclaration)
      .map((p) => ({ uri: p.file === st.model.filePath ? params.textDocument.uri : uriOf(st, p.file), range: p.range }));
  });

  connection.onDocumentSymbol(async (params) => {
    const st = await current(params.textDocument.uri);
    return st ? features.documentSymbols(st.model).map(toSymbol) : [];
  });

  connection.onCompletion(async (params) => {
    const st = await current(params.textDocument.uri);
    if (!st) return [];
    return features.completions(contextOf(st), params.position).map((c) => ({
      label: c.label,
      ...(c.detail ? { detail: c.detail } : {}),
      kind: c.kind === 'file' ? CompletionItemKind.File : CompletionItemKind.Reference,
      textEdit: { range: c.range, newText: c.label },
    }));
  });

  const exited = new Promise<number>((done) => {
    connection.onShutdown(async () => {
      for (const t of timers.values()) clearTimeout(t);
      timers.clear();
      for (const ws of workspaces.values()) await ws.then((w) => w.relinter.close(), () => undefined);
    });
    connection.onExit(() => done(0));
  });
  documents.listen(connection);
  connection.listen();
  return exited;
}

function engineVersion(): string {
  try {
    return (JSON.parse(readFileSync(resolve(packageRoot, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}
