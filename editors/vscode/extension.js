// The VS Code side of `spec lsp --stdio`: starts the server for markdown files and lets
// vscode-languageclient do the rest (diagnostics, quick fixes, hover, definition, references, symbols,
// completion). The server decides which files are specs (the specs directory of spec.config.json).
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const vscode = require('vscode');
const { LanguageClient, TransportKind } = require('vscode-languageclient/node');

let client;

function specCommand() {
  const configured = vscode.workspace.getConfiguration('spec').get('path');
  if (configured) return configured;
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const local = join(folder.uri.fsPath, 'node_modules', '.bin', process.platform === 'win32' ? 'spec.cmd' : 'spec');
    if (existsSync(local)) return local;
  }
  return 'spec';
}

async function activate(context) {
  const command = specCommand();
  // TransportKind.stdio adds --stdio to the arguments
  const run = { command, args: ['lsp'], transport: TransportKind.stdio };
  client = new LanguageClient(
    'spec',
    'spec',
    { run, debug: run },
    {
      documentSelector: [{ scheme: 'file', language: 'markdown' }],
      initializationOptions: { debounceMs: vscode.workspace.getConfiguration('spec').get('debounceMs') },
      synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/{*.md,*.sql,spec.config.json}') },
    },
  );
  context.subscriptions.push(client);
  await client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
