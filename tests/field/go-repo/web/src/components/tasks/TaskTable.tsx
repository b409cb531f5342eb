// TaskTable.tsx (skeleton stub: the linter only needs the file to exist)
export function TaskTable(..._args: unknown[]): null {
  return null;
}
