import type { Formatter } from '../lint/types.js';
import { UsageError } from '../errors.js';

/** Placeholder until the github formatter lands. */
export const format: Formatter = () => {
  throw new UsageError('the github format is not available yet');
};
