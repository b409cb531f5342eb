// ProjectCard.tsx (skeleton stub: the linter only needs the file to exist)
export function ProjectCard(..._args: unknown[]): null {
  return null;
}
