// The bundles are written as UTF-8 (lib/bundling/handler-build.ts, charset 'utf8'): zh-TW strings
// stand in them as written, 3 bytes a character instead of a 6-byte \uXXXX escape, and the bundled
// code still gives them back exactly, as Node reads the file.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Temporal } from '../../functions/core/calendar/local-date.ts';
import { rocFormalDateTime } from '../../functions/core/calendar/roc-date.ts';
import { buildHandler } from '../../lib/bundling/handler-build.ts';
import { bundleConstants } from '../../lib/constructs/meeting-function.ts';
import { loadCountyConfigFile } from '../../functions/adapters/config/county-config-file.ts';
import { chiayiCountyFile } from './generated-counties.ts';

type Bundled = { rocFormalDateTime: typeof rocFormalDateTime; Temporal: typeof Temporal };

const outDir = mkdtempSync(join(tmpdir(), 'bundle-charset-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));
/**
 * An escaped CJK character, as esbuild writes one with its default ASCII charset: U+3000–U+9FFF and
 * the full-width forms U+FF00–U+FFEF. Not U+FFF0–U+FFFF, which are no characters anyone writes: a
 * range like /[\\u0080-\\uffff]/ in code is the code's own escape and stays one in any charset.
 */
const escapedCjk = /\\u(?:[4-9][0-9a-f]{3}|3[0-9a-f]{3}|ff[0-9a-e][0-9a-f])/i;

/** The first escaped CJK character with a little context, or undefined: a short failure message, not the bundle. */
const firstEscape = (text: string) => {
  const at = text.search(escapedCjk);
  return at < 0 ? undefined : text.slice(Math.max(0, at - 40), at + 40);
};

let bundled: Bundled;
let bundledText: string;

beforeAll(async () => {
  const source = (path: string) => JSON.stringify(fileURLToPath(new URL(path, import.meta.url)));
  const entry = join(outDir, 'entry.ts');
  writeFileSync(
    entry,
    [
      `export { rocFormalDateTime } from ${source('../../functions/core/calendar/roc-date.ts')};`,
      `export { Temporal } from ${source('../../functions/core/calendar/local-date.ts')};`,
    ].join('\n'),
  );
  const outfile = join(outDir, 'roc-date', 'index.mjs');
  await buildHandler({ entry, outfile, define: {}, sourcemap: false });
  bundledText = readFileSync(outfile, 'utf8');
  bundled = (await import(pathToFileURL(outfile).href)) as Bundled;
}, 120_000);

describe('a bundle written as UTF-8', () => {
  it('holds the zh-TW strings verbatim, with no \\uXXXX escape of a CJK character', () => {
    for (const text of ['年', '月', '日（星期', '中午12時', '上午', '下午', '分']) expect(bundledText.includes(text), text).toBe(true);
    expect(firstEscape(bundledText)).toBeUndefined();
  });

  it('gives back the same 民國 date and time as the source', () => {
    for (const instant of ['2026-11-30T06:30:00Z', '2026-12-23T04:00:00Z', '2027-01-01T01:00:00Z']) {
      const fromBundle = bundled.rocFormalDateTime(bundled.Temporal.Instant.from(instant).toZonedDateTimeISO('Asia/Taipei'));
      expect(fromBundle).toBe(rocFormalDateTime(Temporal.Instant.from(instant).toZonedDateTimeISO('Asia/Taipei')));
    }
    expect(bundled.rocFormalDateTime(bundled.Temporal.Instant.from('2026-11-30T06:30:00Z').toZonedDateTimeISO('Asia/Taipei'))).toBe(
      '115年11月30日（星期一）下午2時30分',
    );
  });

  it('is how a Lambda is built: the links function carries its pages’ zh-TW as written', async () => {
    const outfile = join(outDir, 'http-links', 'index.mjs');
    await buildHandler({
      entry: fileURLToPath(new URL('../../functions/handlers/http-links.ts', import.meta.url)),
      outfile,
      define: bundleConstants([loadCountyConfigFile(chiayiCountyFile)]),
      external: ['@aws-sdk/*'],
      sourcemap: false,
    });
    const text = readFileSync(outfile, 'utf8');
    expect(text.includes('請選擇出席或不克出席'), '請選擇出席或不克出席').toBe(true);
    expect(firstEscape(text)).toBeUndefined();
  });
});
