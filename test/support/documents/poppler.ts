// Reads our PDFs with Debian's poppler-utils, a parser that shares no code with pdf-lib: the text
// layer (pdftotext), where each word sits (pdftotext -bbox), and the rendered page (pdftoppm), in
// which dark pixels inside a word's box prove its glyphs have ink. Glyphs that render blank still
// extract as text, so the text layer alone proves nothing about what a person sees.
// These tests need no local services (they run in the standalone project), only poppler-utils,
// which .ci/run installs.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

async function withPdfFile<T>(pdf: Uint8Array, use: (file: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'poppler-'));
  try {
    const file = join(dir, 'document.pdf');
    await writeFile(file, pdf);
    return await use(file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The text layer in reading order; `layout` keeps columns apart as pdftotext -layout does. */
export async function pdfText(pdf: Uint8Array, options: { layout?: boolean; page?: number } = {}): Promise<string> {
  return withPdfFile(pdf, async (file) => {
    const args = [
      '-enc',
      'UTF-8',
      ...(options.layout ? ['-layout'] : []),
      ...(options.page ? ['-f', `${options.page}`, '-l', `${options.page}`] : []),
    ];
    const { stdout } = await run('pdftotext', [...args, file, '-'], { maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  });
}

export type Box = { xMin: number; yMin: number; xMax: number; yMax: number };
export type Word = Box & { page: number; text: string };

/** Every word with its box in points from the page's top left (pdftotext -bbox). */
export async function pdfWords(pdf: Uint8Array): Promise<Word[]> {
  const html = await withPdfFile(
    pdf,
    async (file) => (await run('pdftotext', ['-bbox', '-enc', 'UTF-8', file, '-'], { maxBuffer: 64 * 1024 * 1024 })).stdout,
  );
  const words: Word[] = [];
  let page = 0;
  for (const match of html.matchAll(/<page |<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)) {
    if (match[0] === '<page ') {
      page += 1;
      continue;
    }
    const text = match[5]!
      .replace(/&amp;/g, '&')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"');
    words.push({ page, text, xMin: Number(match[1]), yMin: Number(match[2]), xMax: Number(match[3]), yMax: Number(match[4]) });
  }
  return words;
}

export async function pdfInfo(pdf: Uint8Array): Promise<Record<string, string>> {
  return withPdfFile(pdf, async (file) => {
    const { stdout } = await run('pdfinfo', ['-enc', 'UTF-8', file]);
    return Object.fromEntries(
      stdout
        .split('\n')
        .filter((l) => l.includes(':'))
        .map((l) => [l.slice(0, l.indexOf(':')).trim(), l.slice(l.indexOf(':') + 1).trim()]),
    );
  });
}

/** pdffonts: each font's name, whether it is embedded, a subset, and has a ToUnicode map. */
export async function pdfFonts(
  pdf: Uint8Array,
): Promise<Array<{ name: string; type: string; embedded: boolean; subset: boolean; unicode: boolean }>> {
  return withPdfFile(pdf, async (file) => {
    const { stdout } = await run('pdffonts', [file]);
    return stdout
      .split('\n')
      .slice(2)
      .filter((line) => line.trim())
      .map((line) => {
        const cells = line.trim().split(/\s+/);
        const [emb, sub, uni] = cells.slice(-5, -2);
        return {
          name: cells[0]!,
          type: cells.slice(1, -6).join(' '),
          embedded: emb === 'yes',
          subset: sub === 'yes',
          unicode: uni === 'yes',
        };
      });
  });
}

export type GrayImage = { width: number; height: number; dpi: number; pixels: Uint8Array };

/** One page rendered in 8-bit grey (PGM) by pdftoppm. */
export async function renderPage(pdf: Uint8Array, page: number, dpi = 100): Promise<GrayImage> {
  return withPdfFile(pdf, async (file) => {
    const { stdout } = await run('pdftoppm', ['-gray', '-r', `${dpi}`, '-f', `${page}`, '-l', `${page}`, file], {
      encoding: 'buffer',
      maxBuffer: 256 * 1024 * 1024,
    });
    return { ...parsePgm(stdout), dpi };
  });
}

function parsePgm(bytes: Buffer): { width: number; height: number; pixels: Uint8Array } {
  // P5 <width> <height> <maxval> then one byte per pixel.
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(bytes.subarray(0, 64).toString('latin1'));
  if (!header) throw new Error('pdftoppm did not return a PGM image');
  const width = Number(header[1]);
  const height = Number(header[2]);
  const pixels = new Uint8Array(bytes.subarray(header[0].length, header[0].length + width * height));
  if (pixels.length !== width * height) throw new Error('truncated PGM image');
  return { width, height, pixels };
}

/** Dark pixels (below mid-grey) inside a box given in points from the page's top left. */
export function inkIn(image: GrayImage, box: Box): number {
  const scale = image.dpi / 72;
  const x0 = Math.max(0, Math.floor(box.xMin * scale));
  const x1 = Math.min(image.width, Math.ceil(box.xMax * scale));
  const y0 = Math.max(0, Math.floor(box.yMin * scale));
  const y1 = Math.min(image.height, Math.ceil(box.yMax * scale));
  let dark = 0;
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) if (image.pixels[y * image.width + x]! < 128) dark++;
  return dark;
}

/** Words in reading order joined without spaces: CJK has none, and pdftotext splits at ours. */
export function compact(text: string): string {
  return text.replace(/\s+/g, '');
}

/** Asserts nothing itself: the index of each needle in `text` after the previous one, or -1. */
export function positionsInOrder(text: string, needles: readonly string[]): number[] {
  let from = 0;
  return needles.map((needle) => {
    const at = text.indexOf(needle, from);
    if (at >= 0) from = at + needle.length;
    return at;
  });
}

/**
 * Words of a page whose box holds less ink than `perCharacter` dark pixels per character at the
 * image's resolution: text that extracts but does not show.
 */
export async function wordsWithoutInk(pdf: Uint8Array, page: number, perCharacter = 3): Promise<Word[]> {
  const image = await renderPage(pdf, page);
  const words = (await pdfWords(pdf)).filter((w) => w.page === page);
  if (words.length === 0) throw new Error(`page ${page} has no text layer`);
  return words.filter((word) => inkIn(image, word) < perCharacter * [...word.text].length);
}

/** Dark runs met going down a pixel column from `top` to `bottom` (points): the rules a table draws there. */
export function rulesCrossed(image: GrayImage, x: number, top: number, bottom: number): number {
  const scale = image.dpi / 72;
  const column = Math.round(x * scale);
  let runs = 0;
  let inRun = false;
  for (let y = Math.round(top * scale); y < Math.min(image.height, Math.round(bottom * scale)); y++) {
    const dark = image.pixels[y * image.width + column]! < 128;
    if (dark && !inRun) runs++;
    inRun = dark;
  }
  return runs;
}
