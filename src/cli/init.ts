/** `spec init`: scaffold prds/, tech-specs/, tech-specs/completed/, spec.config.json and the workflow document. */
import type { Command } from 'commander';
import { Option } from 'commander';
import { action } from './shared.js';

interface InitFlags {
  yes?: boolean;
  force?: boolean;
  profile?: string;
  docker?: boolean;
  service?: string;
  projectName?: string;
  backendFolder?: string;
  port?: string;
  mainBranch?: string;
  workflow?: string;
}

export function register(program: Command): void {
  program
    .command('init')
    .description('scaffold a repository for tech specs: folders, spec.config.json and the rendered workflow document')
    .option('-y, --yes', 'take the defaults read from the repository without asking (for CI and scripts)')
    .option('--force', 'overwrite spec.config.json and the workflow document when they exist')
    .addOption(new Option('--profile <name>', 'stack profile').choices(['go', 'python']))
    .option('--docker', 'commands run through docker-compose exec <service> (default: on when a compose file exists)')
    .option('--no-docker', 'commands run directly on the host')
    .option('--service <name>', 'the Docker Compose service the backend runs in (default: backend)')
    .option('--project-name <name>', 'project name (default: from go.mod, pyproject.toml, package.json or the folder)')
    .option('--backend-folder <path>', 'backend source folder (default: detected)')
    .option('--port <number>', 'backend port (default: 8080 for go, 8000 for python, or the compose file’s)')
    .option('--main-branch <name>', 'main branch (default: the git default branch)')
    .option('--workflow <path>', 'where to write the workflow document', undefined)
    .action(
      action(async (opts: InitFlags) => {
        const { runInit, formatInitReport } = await import('../workflow/init.js');
        const { processIo } = await import('../workflow/io.js');
        const io = processIo();
        try {
          const report = await runInit({ ...opts, cwd: process.cwd(), io });
          io.out(formatInitReport(report));
          return 0;
        } finally {
          io.close();
        }
      }),
    );
}
