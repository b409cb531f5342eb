// StatusBadge.tsx (skeleton stub: the linter only needs the file to exist)
export function StatusBadge(..._args: unknown[]): null {
  return null;
}
