// input.tsx (skeleton stub: the linter only needs the file to exist)
export function Input(..._args: unknown[]): null {
  return null;
}
