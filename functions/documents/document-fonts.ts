// The committed font files (see fonts/README.md). Reading them is the only I/O of document
// rendering: every renderer takes the bytes as an argument and stays a pure function of its input.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type DocumentFonts = {
  /** AR PL KaitiM Big5: the 楷書 a county office prints its documents in. */
  kai: Uint8Array;
  /** Noto Sans TC: characters the Kai font lacks (堃, 喆, 峯 …). */
  fallback: Uint8Array;
};

export const fontFiles = { kai: 'bkai00mp.ttf', fallback: 'NotoSansTC_400Regular.ttf' } as const;

/** Beside this module in the source tree; a bundled Lambda copies `fonts/` and names its folder. */
export const defaultFontDirectory = fileURLToPath(new URL('./fonts/', import.meta.url));

const loaded = new Map<string, DocumentFonts>();

/** Read once per process: the same bytes let the parsed fonts be cached too (fontkit-adapter.ts). */
export function loadDocumentFonts(directory: string = defaultFontDirectory): DocumentFonts {
  const cached = loaded.get(directory);
  if (cached) return cached;
  const fonts: DocumentFonts = {
    kai: new Uint8Array(readFileSync(join(directory, fontFiles.kai))),
    fallback: new Uint8Array(readFileSync(join(directory, fontFiles.fallback))),
  };
  loaded.set(directory, fonts);
  return fonts;
}
