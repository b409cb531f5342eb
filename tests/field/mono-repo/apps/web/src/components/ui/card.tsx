// card.tsx (skeleton stub: the linter only needs the file to exist)
export function Card(..._args: unknown[]): null {
  return null;
}
