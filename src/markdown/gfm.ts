/**
 * Whether the text could hold an autolink literal (`www.`, `http://`, `https://`, an email address — an `@`
 * followed by a domain with a dot — which also covers `mailto:` and `xmpp:`) or a footnote (`[^`). A
 * superset of what micromark's and mdast's GFM extensions look for.
 */
export function needsFullGfm(text: string): boolean {
  return /https?:\/\/|www\.|@[\w-]+\.|\[\^/i.test(text);
}
