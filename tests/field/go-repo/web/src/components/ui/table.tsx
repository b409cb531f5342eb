// table.tsx (skeleton stub: the linter only needs the file to exist)
export function Table(..._args: unknown[]): null {
  return null;
}
export function TableHeader(..._args: unknown[]): null {
  return null;
}
export function TableBody(..._args: unknown[]): null {
  return null;
}
export function TableRow(..._args: unknown[]): null {
  return null;
}
export function TableCell(..._args: unknown[]): null {
  return null;
}
