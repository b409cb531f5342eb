import type { Command } from 'commander';

/** Registers `spec tasks`. (Placeholder: the command is being built.) */
export function register(_program: Command): void {}
