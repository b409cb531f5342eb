// label.tsx (skeleton stub: the linter only needs the file to exist)
export function Label(..._args: unknown[]): null {
  return null;
}
