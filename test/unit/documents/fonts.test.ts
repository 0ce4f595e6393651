// The committed fonts as a county officer's PDF reader sees them: Kai for what it covers, Noto
// Sans TC for the rest, both embedded as small subsets, every glyph with ink and extractable.
import { describe, expect, it } from 'vitest';
import { loadDocumentFonts } from '../../../functions/documents/document-fonts.ts';
import { newPdfDocument, savePdf } from '../../../functions/documents/pdf-document.ts';
import { PdfFlow } from '../../../functions/documents/pdf-flow.ts';
import { PdfText } from '../../../functions/documents/pdf-text.ts';
import { compact, inkIn, pdfFonts, pdfText, pdfWords, renderPage } from '../../support/documents/poppler.ts';

async function sample(lines: string[]) {
  const doc = await newPdfDocument();
  const text = await PdfText.embed(doc, loadDocumentFonts());
  const flow = new PdfFlow(doc, text);
  for (const line of lines) flow.line(line, { size: 16 });
  const pdf = await savePdf(doc, { title: '字型測試', author: '測試', fixedAt: new Date('2026-03-04T00:00:00Z') }, lines);
  return { pdf, missing: [...text.missing] };
}

describe('document fonts', () => {
  it('draws Big5 text in the Kai font and 堃, 喆, 峯 in the fallback, each with ink and in the text layer', async () => {
    const { pdf, missing } = await sample(['嘉義縣政府 開會通知單', '主持人 林志堃 王喆 陳峯', '堃 喆 峯']);
    expect(missing).toEqual([]);

    const fonts = await pdfFonts(pdf);
    expect(fonts.map((f) => f.name).sort()).toEqual(['SNKAIA+ARPLKaitiMBig5', 'SNNOTO+NotoSansTC-Regular']);
    for (const font of fonts) expect(font).toMatchObject({ type: 'CID TrueType', embedded: true, subset: true, unicode: true });
    // Subsets: the two font files are 10.6 MB and 7.2 MB.
    expect(pdf.byteLength).toBeLessThan(40 * 1024);

    expect(compact(await pdfText(pdf))).toBe('嘉義縣政府開會通知單主持人林志堃王喆陳峯堃喆峯');

    const image = await renderPage(pdf, 1);
    const words = await pdfWords(pdf);
    for (const expected of ['嘉義縣政府', '開會通知單', '林志堃', '王喆', '陳峯', '堃', '喆', '峯']) {
      const word = words.find((w) => w.text === expected);
      expect(word, expected).toBeDefined();
      // A 16-point character at 100 dpi covers about 22 × 22 pixels; its strokes darken well over 20.
      expect(inkIn(image, word!), expected).toBeGreaterThan(20 * [...expected].length);
    }
    // And the counter does see white where nothing is drawn: the right margin.
    expect(inkIn(image, { xMin: 545, xMax: 590, yMin: 60, yMax: 130 })).toBe(0);
  });

  it('draws a character neither font has as 〓 and reports it', async () => {
    const { pdf, missing } = await sample(['王𠀋明']);
    expect(missing).toEqual(['𠀋']);
    expect(compact(await pdfText(pdf))).toBe('王〓明');
    const image = await renderPage(pdf, 1);
    const [word] = await pdfWords(pdf);
    expect(inkIn(image, word!)).toBeGreaterThan(60);
  });
});
