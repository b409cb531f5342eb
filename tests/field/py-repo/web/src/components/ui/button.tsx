// button.tsx (skeleton stub: the linter only needs the file to exist)
export function Button(..._args: unknown[]): null {
  return null;
}
