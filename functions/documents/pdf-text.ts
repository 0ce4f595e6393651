// CJK text on a pdf-lib page: each character in the font that has its glyph (pick-font.ts),
// measured and wrapped the way Chinese print wraps, both fonts embedded as subsets.
import type { Color, PDFDocument, PDFFont, PDFPage } from 'pdf-lib';
import { rgb } from 'pdf-lib';
import type { DocumentFonts } from './document-fonts.ts';
import { parseFont, upstreamFontkit } from './fontkit-adapter.ts';
import { splitByFont, type FontRole, type TextRun } from './pick-font.ts';

/** May not begin a line (行首禁則): the character is pulled down together with the one before it. */
const noLineStart = new Set([...'，。、；：？！）」』】》〉％…,.;:?!)]}']);
/** May not end a line (行尾禁則). */
const noLineEnd = new Set([...'（「『【《〈([{']);
/**
 * Latin words, numbers, addresses and e-mail addresses wrap as one piece; so does a house number
 * with its 之 and 號 (29之4號, 2樓): an officer reads "29之4" at a line's end and "號" below as a typo.
 */
const unbreakable = /[0-9]+(?:之[0-9]+)?[號樓]|[A-Za-z0-9@#&._\-/:%+=~]+|[\s\S]/gu;

export const black = rgb(0, 0, 0);

export class PdfText {
  /** Characters neither font has, drawn as 〓: the caller may log their count. */
  readonly missing = new Set<string>();
  private readonly cache = new Map<string, TextRun[]>();

  private constructor(
    private readonly fonts: Record<FontRole, PDFFont>,
    private readonly covers: (font: FontRole, codePoint: number) => boolean,
  ) {}

  static async embed(doc: PDFDocument, fonts: DocumentFonts): Promise<PdfText> {
    doc.registerFontkit(upstreamFontkit);
    const parsed = { kai: parseFont(fonts.kai), fallback: parseFont(fonts.fallback) };
    // Fixed names instead of pdf-lib's pseudo-random suffix (an approved document must render
    // byte-identical), with the six-letter tag that marks a subset (PDF 32000 9.6.4).
    const kai = await doc.embedFont(fonts.kai, { subset: true, customName: 'SNKAIA+ARPLKaitiMBig5' });
    const fallback = await doc.embedFont(fonts.fallback, { subset: true, customName: 'SNNOTO+NotoSansTC-Regular' });
    return new PdfText({ kai, fallback }, (font, codePoint) => parsed[font].hasGlyphForCodePoint(codePoint));
  }

  private runs(text: string): TextRun[] {
    let runs = this.cache.get(text);
    if (!runs) {
      const split = splitByFont(text, this.covers);
      split.missing.forEach((char) => this.missing.add(char));
      runs = split.runs;
      this.cache.set(text, runs);
    }
    return runs;
  }

  width(text: string, size: number): number {
    return this.runs(text).reduce((sum, run) => sum + this.fonts[run.font].widthOfTextAtSize(run.text, size), 0);
  }

  /** Draws one line with its baseline at `baseline` (PDF coordinates, from the page's bottom). */
  draw(page: PDFPage, text: string, x: number, baseline: number, size: number, color: Color = black): number {
    let cursor = x;
    for (const run of this.runs(text)) {
      const font = this.fonts[run.font];
      page.drawText(run.text, { x: cursor, y: baseline, size, font, color });
      cursor += font.widthOfTextAtSize(run.text, size);
    }
    return cursor - x;
  }

  /** Lines no wider than `maxWidth`; line breaks in the text are kept. */
  wrap(text: string, size: number, maxWidth: number): string[] {
    return text.split(/\r\n|\r|\n/).flatMap((paragraph) => this.wrapParagraph(paragraph, size, maxWidth));
  }

  private wrapParagraph(paragraph: string, size: number, maxWidth: number): string[] {
    const lines: string[] = [];
    let line = '';
    const fits = (candidate: string) => this.width(candidate, size) <= maxWidth;
    for (const token of paragraph.match(unbreakable) ?? []) {
      if (fits(line + token)) {
        line += token;
        continue;
      }
      if (line === '') {
        // A word longer than the line: break it where it must.
        for (const char of token) {
          if (line !== '' && !fits(line + char)) {
            lines.push(line);
            line = '';
          }
          line += char;
        }
        continue;
      }
      const chars = [...line];
      let carried = '';
      // Closing punctuation never starts a line, and opening punctuation never ends one.
      if (noLineStart.has([...token][0]!) && chars.length > 1) carried = chars.pop()!;
      while (chars.length > 1 && noLineEnd.has(chars[chars.length - 1]!)) carried = chars.pop()! + carried;
      lines.push(chars.join('').trimEnd());
      line = carried.trimStart();
      for (const char of fits(line + token) ? [token] : token) {
        if (line !== '' && !fits(line + char)) {
          lines.push(line);
          line = '';
        }
        line += char;
      }
      line = line.trimStart();
    }
    lines.push(line);
    return lines;
  }
}
