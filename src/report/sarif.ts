import type { Formatter } from '../lint/types.js';
import { UsageError } from '../errors.js';

/** Placeholder until the sarif formatter lands. */
export const format: Formatter = () => {
  throw new UsageError('the sarif format is not available yet');
};
