// StatusPill.tsx (skeleton stub: the linter only needs the file to exist)
export function StatusPill(..._args: unknown[]): null {
  return null;
}
