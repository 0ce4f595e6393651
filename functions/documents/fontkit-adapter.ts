// pdf-lib embeds custom fonts through the API of its own fork, `@pdf-lib/fontkit` (fontkit 1.x),
// which is unmaintained and mis-subsets CJK fonts. Upstream fontkit 2.x parses and subsets them
// correctly but differs in one place pdf-lib touches: a subset has `encode()` returning the bytes
// and no longer `encodeStream()`. This adapter gives pdf-lib the 1.x shape over a 2.x font.
import { Readable } from 'node:stream';
import * as fontkit from 'fontkit';
import type { PDFDocument } from 'pdf-lib';

type PdfLibFontkit = Parameters<PDFDocument['registerFontkit']>[0];
type PdfLibFont = ReturnType<PdfLibFontkit['create']>;

/**
 * Parsed fonts by their bytes. fontkit reads tables lazily and keeps per-font caches (glyphs,
 * layout), so a warm Lambda parses the 10 MB Kai font once, not once per document.
 */
const parsed = new WeakMap<Uint8Array, fontkit.Font>();

/** The fontkit 2.x font for these bytes: one TrueType font (a collection is refused). */
export function parseFont(bytes: Uint8Array): fontkit.Font {
  const cached = parsed.get(bytes);
  if (cached) return cached;
  const font = fontkit.create(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  if (!('unitsPerEm' in font)) throw new TypeError('expected one font, got a font collection');
  parsed.set(bytes, font);
  return font;
}

/**
 * fontkit 2.x's TrueType subset as it behaves: `includeGlyph` takes a glyph or its id and returns
 * the id in the subset (its published types say it returns a boolean).
 */
type Fontkit2Subset = { includeGlyph(glyph: number | fontkit.Glyph): number; encode(): Uint8Array };

/** A subset as pdf-lib 1.17 reads it: glyphs are added one by one, then the bytes are streamed. */
function adaptSubset(subset: Fontkit2Subset) {
  return {
    includeGlyph: (glyph: number | fontkit.Glyph) => subset.includeGlyph(glyph),
    // pdf-lib listens for 'data', 'end' and 'error'; a one-chunk stream is all it needs.
    encodeStream: () => Readable.from([subset.encode()], { objectMode: true }),
  };
}

/** Every other member is read from the font itself, with methods bound to it (its getters cache on `this`). */
function adaptFont(font: fontkit.Font): PdfLibFont {
  return new Proxy(font, {
    get(target, property) {
      if (property === 'createSubset') return () => adaptSubset(target.createSubset() as unknown as Fontkit2Subset);
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  }) as unknown as PdfLibFont;
}

/** Pass to `PDFDocument.registerFontkit`. */
export const upstreamFontkit: PdfLibFontkit = {
  create: (bytes: Uint8Array) => adaptFont(parseFont(bytes)),
};
