// Line breaking as Chinese print does it, measured with the committed Kai font (1 em per CJK
// character, half an em per ASCII character).
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDocumentFonts } from '../../../functions/documents/document-fonts.ts';
import { newPdfDocument } from '../../../functions/documents/pdf-document.ts';
import { PdfText } from '../../../functions/documents/pdf-text.ts';

let text: PdfText;
beforeAll(async () => {
  text = await PdfText.embed(await newPdfDocument(), loadDocumentFonts());
});

describe('PdfText.wrap', () => {
  it('measures CJK characters as one em and ASCII as half', () => {
    expect(text.width('開會通知', 10)).toBeCloseTo(40);
    expect(text.width('2026', 10)).toBeCloseTo(20);
  });

  it('breaks between any two CJK characters', () => {
    expect(text.wrap('一二三四五六七', 10, 30)).toEqual(['一二三', '四五六', '七']);
  });

  it('never starts a line with closing punctuation: the character before it comes along', () => {
    expect(text.wrap('一二三，四五', 10, 30)).toEqual(['一二', '三，四', '五']);
  });

  it('never ends a line with opening punctuation', () => {
    expect(text.wrap('一二（三）', 10, 30)).toEqual(['一二', '（三）']);
  });

  it('keeps a Latin word or address together when it fits a line', () => {
    expect(text.wrap('電子信箱 safetynet@example.org', 10, 120)).toEqual(['電子信箱', 'safetynet@example.org']);
  });

  it('keeps a house number with its 之 and 號 on one line', () => {
    // 29之4號 is 1 + 1 + 0.5 + 1 = 3.5 em: after 江厝店 (3 em) it overruns 6 em, and goes down whole.
    expect(text.wrap('江厝店29之4號', 10, 60)).toEqual(['江厝店', '29之4號']);
    expect(text.wrap('太保二路113號2樓', 10, 60)).toEqual(['太保二路', '113號2樓']);
  });

  it('breaks a word longer than the line where it must', () => {
    expect(text.wrap('abcdefghij', 10, 20)).toEqual(['abcd', 'efgh', 'ij']);
  });

  it('keeps the line breaks of the text', () => {
    expect(text.wrap('第一行\n第二行', 10, 100)).toEqual(['第一行', '第二行']);
  });
});
