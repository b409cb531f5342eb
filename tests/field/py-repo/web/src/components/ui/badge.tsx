// badge.tsx (skeleton stub: the linter only needs the file to exist)
export function Badge(..._args: unknown[]): null {
  return null;
}
