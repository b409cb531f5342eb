// AppShell.tsx (skeleton stub: the linter only needs the file to exist)
export function AppShell(..._args: unknown[]): null {
  return null;
}
