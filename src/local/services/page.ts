/**
 * Standalone HTML pages built around HTML the bundle produced: the outbox's `.html` copy of each
 * email (a small From/To/Subject header above the message) and the page the local web app serves
 * for an `HtmlOutput` (title, meta tags and favicon in the head). The bundle's HTML may be a
 * fragment or a whole document; either way the result is one well-formed document.
 */

/** Inserts `headHtml` into the document's `<head>`, creating the head (or the whole document) if missing. */
export function withHead(html: string, headHtml: string): string {
  const head = /<head(\s[^>]*)?>/i.exec(html);
  if (head) return insertAt(html, head.index + head[0].length, headHtml);
  const root = /<html(\s[^>]*)?>/i.exec(html);
  if (root) return insertAt(html, root.index + root[0].length, `<head>${headHtml}</head>`);
  return `<!DOCTYPE html>\n<html><head>${headHtml}</head><body>\n${html}\n</body></html>\n`;
}

/** Inserts `prefixHtml` at the start of the document's `<body>` (or before a fragment). */
export function withBodyPrefix(html: string, prefixHtml: string): string {
  const body = /<body(\s[^>]*)?>/i.exec(html);
  if (body) return insertAt(html, body.index + body[0].length, prefixHtml);
  if (/<html(\s[^>]*)?>/i.test(html) || /<head(\s[^>]*)?>/i.test(html)) {
    const headEnd = /<\/head>/i.exec(html);
    if (headEnd) return insertAt(html, headEnd.index + headEnd[0].length, `<body>${prefixHtml}`);
  }
  return `${prefixHtml}${html}`;
}

function insertAt(text: string, index: number, inserted: string): string {
  return text.slice(0, index) + inserted + text.slice(index);
}
