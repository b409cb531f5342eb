import type { Formatter } from '../lint/types.js';
import { UsageError } from '../errors.js';

/** Placeholder until the gitlab formatter lands. */
export const format: Formatter = () => {
  throw new UsageError('the gitlab format is not available yet');
};
