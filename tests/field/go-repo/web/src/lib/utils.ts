/** Joins class names, dropping falsy ones (the real file wraps clsx + tailwind-merge). */
export function cn(...classes: Array<string | false | null | undefined>): string {
  return classes.filter(Boolean).join(' ');
}
