/** `spec resident status|stop`: the resident spare that serves the next `spec lint` warm (src/resident/). */
import type { Command } from 'commander';
import { packageRoot } from '../package-root.js';
import { action } from './shared.js';

const NONE_HERE = 'spec: no resident process for this install (no private cache directory, no build, or a socket path too long)';

export function register(program: Command): void {
  const resident = program
    .command('resident')
    .description('show or end the resident spare that serves the next `spec lint` outside CI (SPEC_RESIDENT=0 turns it off)');
  resident
    .command('status')
    .description('whether a spare is waiting for this install and Node.js, since when, and what it warmed up on')
    .action(
      action(async () => {
        const { residentPlace, spareStatus } = await import('../resident/client.js');
        const place = residentPlace(packageRoot);
        if (!place) {
          process.stdout.write(`${NONE_HERE}\n`);
          return 0;
        }
        const s = await spareStatus(place);
        process.stdout.write(
          s
            ? `spec: a spare is waiting (pid ${s.pid}, since ${new Date(s.since).toISOString()}, warmed up on ${s.warmedUpOn})\n`
            : 'spec: no spare is waiting; the next `spec lint` outside CI leaves one\n',
        );
        return 0;
      }),
    );
  resident
    .command('stop')
    .description('end the waiting spare now (the next `spec lint` outside CI starts another)')
    .action(
      action(async () => {
        const { residentPlace, stopSpare } = await import('../resident/client.js');
        const place = residentPlace(packageRoot);
        process.stdout.write(place && (await stopSpare(place)) ? 'spec: the spare has ended\n' : 'spec: no spare was waiting\n');
        return 0;
      }),
    );
}
