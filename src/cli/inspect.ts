import type { Command } from 'commander';

/** Registers `spec inspect`. (Placeholder: the command is being built.) */
export function register(_program: Command): void {}
