import { describe, expect, it } from 'vitest';
import { splitByFont, type FontCoverage } from '../../../functions/documents/pick-font.ts';

// A Kai font without 堃 and 〓, a fallback with both, and 𠀋 in neither.
const covers: FontCoverage = (font, codePoint) => {
  const char = String.fromCodePoint(codePoint);
  if (char === '𠀋') return false;
  return font === 'fallback' || !'堃〓'.includes(char);
};

describe('splitByFont', () => {
  it('keeps runs in the Kai font and switches only for the characters it lacks', () => {
    expect(splitByFont('林志堃主持', covers)).toEqual({
      runs: [
        { font: 'kai', text: '林志' },
        { font: 'fallback', text: '堃' },
        { font: 'kai', text: '主持' },
      ],
      missing: [],
    });
  });

  it('draws a character no font has as 〓 and reports it', () => {
    expect(splitByFont('王𠀋明', covers)).toEqual({
      runs: [
        { font: 'kai', text: '王' },
        { font: 'fallback', text: '〓' },
        { font: 'kai', text: '明' },
      ],
      missing: ['𠀋'],
    });
  });

  it('gives nothing for an empty text', () => {
    expect(splitByFont('', covers)).toEqual({ runs: [], missing: [] });
  });
});
