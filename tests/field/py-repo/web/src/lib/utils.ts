export const cn = (...c: Array<string | false | undefined>): string => c.filter(Boolean).join(' ');
