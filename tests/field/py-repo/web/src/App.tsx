// App.tsx (skeleton stub: the linter only needs the file to exist)
export function App(..._args: unknown[]): null {
  return null;
}
