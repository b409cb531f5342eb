/** Formatter registry: each formatter is imported only when asked for. */
import { UsageError } from '../errors.js';
import type { Formatter } from '../lint/types.js';

const loaders: Record<string, () => Promise<{ format: Formatter }>> = {
  stylish: () => import('./stylish.js'),
  json: () => import('./json.js'),
  sarif: () => import('./sarif.js'),
  github: () => import('./github.js'),
  gitlab: () => import('./gitlab.js'),
};

export const formatterNames = Object.keys(loaders);

export async function getFormatter(name: string): Promise<Formatter> {
  const load = loaders[name];
  if (!load) {
    throw new UsageError(`unknown format "${name}"`, `Use one of: ${formatterNames.join(', ')}.`);
  }
  return (await load()).format;
}
