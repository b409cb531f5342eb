export function cn(...c: Array<string | false | undefined>): string {
  return c.filter(Boolean).join(' ');
}
