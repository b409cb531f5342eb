// CalendarPage.tsx (skeleton stub: the linter only needs the file to exist)
export function CalendarPage(..._args: unknown[]): null {
  return null;
}
