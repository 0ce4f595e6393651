// Content-Disposition for a download whose name is Chinese (RFC 6266 with RFC 8187 encoding):
// `filename*=UTF-8''…` carries the real name, percent-encoded, for every current browser, and a
// plain ASCII `filename` stands in for clients that do not read filename*. A header may hold only
// ASCII, and a raw UTF-8 name is read as Latin-1 by some clients: 開會通知單 would arrive as mojibake.

/** RFC 8187 attr-char: ALPHA / DIGIT / "!#$&+-.^_`|~"; everything else percent-encoded. */
function encodeExtValue(text: string): string {
  return [...new TextEncoder().encode(text)]
    .map((byte) => {
      const char = String.fromCharCode(byte);
      return /[A-Za-z0-9!#$&+\-.^_`|~]/.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    })
    .join('');
}

/** A quoted-string that is safe in any client: ASCII letters, digits and . _ - only. */
function asciiFallback(name: string): string {
  const clean = name.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^_+|_+$/g, '');
  return clean.length > 0 ? clean : 'document';
}

export function attachment(filename: string, asciiFilename: string): string {
  return `attachment; filename="${asciiFallback(asciiFilename)}"; filename*=UTF-8''${encodeExtValue(filename)}`;
}
