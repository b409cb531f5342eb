// useAppointments.ts (skeleton stub: the linter only needs the file to exist)
export function useAppointments(..._args: unknown[]): null {
  return null;
}
