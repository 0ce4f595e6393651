// Which font draws each character. The Kai font is what an officer expects on a government
// document; it covers Big5 only, so a name with 堃, 喆 or 峯 takes those characters from the
// fallback. A character neither font has is drawn as 〓 (the customary mark for a missing glyph in
// print, from the fallback font) and reported, never silently dropped or left as an invisible box.
export type FontRole = 'kai' | 'fallback';

export type TextRun = { font: FontRole; text: string };

export type FontCoverage = (font: FontRole, codePoint: number) => boolean;

export const missingGlyphMark = '〓';

export type FontRuns = { runs: TextRun[]; missing: string[] };

export function splitByFont(text: string, covers: FontCoverage): FontRuns {
  const runs: TextRun[] = [];
  const missing: string[] = [];
  for (const char of text) {
    const codePoint = char.codePointAt(0)!;
    let font: FontRole = 'kai';
    let drawn = char;
    if (!covers('kai', codePoint)) {
      // The Kai font lacks 〓 itself; Noto Sans TC has it.
      font = 'fallback';
      if (!covers('fallback', codePoint)) {
        missing.push(char);
        drawn = missingGlyphMark;
      }
    }
    const last = runs[runs.length - 1];
    if (last && last.font === font) last.text += drawn;
    else runs.push({ font, text: drawn });
  }
  return { runs, missing };
}
