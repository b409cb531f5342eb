// TopBar.tsx (skeleton stub: the linter only needs the file to exist)
export function TopBar(..._args: unknown[]): null {
  return null;
}
