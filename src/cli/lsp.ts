/** `spec lsp --stdio`: the language server for editors (src/lsp/server.ts), loaded only by this command. */
import type { Command } from 'commander';
import { action } from './shared.js';
import { UsageError } from '../errors.js';

export function register(program: Command): void {
  program
    .command('lsp')
    .description('start the language server: diagnostics while typing, quick fixes, hover, definition, references, symbols, completion')
    .option('--stdio', 'talk JSON-RPC over standard input and output (the only transport, and the default)')
    .option('--node-ipc', 'not supported: use --stdio')
    .option('--socket <port>', 'not supported: use --stdio')
    .option('--clientProcessId <pid>', 'the editor\'s process id (accepted, as editors pass it)')
    .action(
      action(async (opts: { nodeIpc?: boolean; socket?: string }) => {
        if (opts.nodeIpc || opts.socket !== undefined) throw new UsageError('spec lsp speaks over standard input and output only', 'Start it as `spec lsp --stdio`.');
        const { startServer } = await import('../lsp/server.js');
        return startServer();
      }),
    );
}
