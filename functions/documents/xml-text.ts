// Text inside the XML of an ODF document. Escaping is not enough: XML 1.0 forbids most control
// characters outright (a stray one makes LibreOffice refuse the whole file), and ODF collapses
// runs of spaces and ignores line breaks unless they are written as elements.

/** Whether XML 1.0 can carry the character at all, even escaped: not most C0 controls, nor U+FFFE/U+FFFF. */
function allowedInXml(char: string): boolean {
  const code = char.codePointAt(0)!;
  if (code < 0x20) return code === 0x09 || code === 0x0a || code === 0x0d;
  return code !== 0xfffe && code !== 0xffff;
}

/** For attribute values and element text. */
export function escapeXml(text: string): string {
  return [...text]
    .filter(allowedInXml)
    .join('')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** The content of a text:p or text:span: tabs, line breaks and repeated spaces as ODF elements. */
export function odfText(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) =>
      line
        .split('\t')
        .map((part) => escapeXml(part).replace(/ {2,}/g, (spaces) => ` <text:s text:c="${spaces.length - 1}"/>`))
        .join('<text:tab/>'),
    )
    .join('<text:line-break/>');
}
