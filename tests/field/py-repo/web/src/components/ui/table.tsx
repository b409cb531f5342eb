// table.tsx (skeleton stub: the linter only needs the file to exist)
export function Table(..._args: unknown[]): null {
  return null;
}
