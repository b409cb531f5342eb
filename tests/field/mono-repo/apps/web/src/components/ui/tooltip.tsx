// tooltip.tsx (skeleton stub: the linter only needs the file to exist)
export function Tooltip(..._args: unknown[]): null {
  return null;
}
