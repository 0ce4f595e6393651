// Stands in for postal-mime's table of every HTML named character reference (html-entities.js,
// 46 KB minified of the reply Lambda's bundle), which postal-mime uses for one thing: turning an
// HTML-only body into plain text (text-format.ts decodeHTMLEntities). We never read a body as text:
// imip-reply.ts reads the calendar part and inbound-header-block.ts the header block only. So the
// bundle carries the references a body most often holds, and numeric ones (&#29579;) are decoded by
// postal-mime itself without the table; an unknown name stays as written.
// lib/bundling/handler-build.ts points postal-mime's import here (plugin postalMimeHtmlEntities).
export const htmlEntities: Record<string, string> = {
  '&amp': '&',
  '&amp;': '&',
  '&lt': '<',
  '&lt;': '<',
  '&gt': '>',
  '&gt;': '>',
  '&quot': '"',
  '&quot;': '"',
  '&apos;': "'",
  '&nbsp': '\u00a0',
  '&nbsp;': '\u00a0',
  '&copy;': '\u00a9',
  '&hellip;': '\u2026',
  '&ndash;': '\u2013',
  '&mdash;': '\u2014',
  '&lsquo;': '\u2018',
  '&rsquo;': '\u2019',
  '&ldquo;': '\u201c',
  '&rdquo;': '\u201d',
};
