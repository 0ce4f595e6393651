// The Lambda bundles replace Nodemailer's MIME type table with a shim of the types we send
// (lib/bundling/handler-build.ts). The shim must answer as Nodemailer does for those, and a notice
// composed by a bundle built that way must be the message the unbundled code composes.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as nodemailerTypes from 'nodemailer/lib/mime-funcs/mime-types.js';
import { afterAll, describe, expect, it } from 'vitest';
import { composeMime, type OutgoingMail } from '../../../functions/adapters/ses/compose-mime.ts';
import { detectExtension, detectMimeType } from '../../../functions/adapters/ses/nodemailer-mime-types.ts';
import { buildHandler } from '../../../lib/bundling/handler-build.ts';

const composeMimeSource = fileURLToPath(new URL('../../../functions/adapters/ses/compose-mime.ts', import.meta.url));

const calendar = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//safetynet-meetings//test//ZH-TW',
  'METHOD:REQUEST',
  'BEGIN:VEVENT',
  'UID:child-protection-2026-03@example.org',
  'DTSTAMP:20260301T010000Z',
  'DTSTART;TZID=Asia/Taipei:20260325T140000',
  'SUMMARY:強化兒少保護跨網絡合作會議',
  'END:VEVENT',
  'END:VCALENDAR',
].join('\r\n');

const mail: OutgoingMail = {
  from: { name: '嘉義縣政府社會局', address: 'safetynet@example.org' },
  to: { name: '嘉義縣警察局 婦幼隊', address: 'police@example.org' },
  notice: {
    subject: '【開會通知】強化兒少保護跨網絡合作會議（115年3月25日）',
    text: '敬請出席。',
    html: '<p>敬請出席。</p>',
    calendar: { method: 'REQUEST', content: calendar },
  },
  messageId: '<notice-1@example.org>',
};

/** What differs between two compositions of one message: the random boundaries and the Date header. */
const comparable = (raw: string) =>
  raw
    .replace(/--_NmP-[0-9a-f]+-Part_\d+/g, '--BOUNDARY')
    .replace(/boundary="[^"]+"/g, 'boundary="BOUNDARY"')
    .replace(/^Date: .*$/m, 'Date: (now)');

const workDir = mkdtempSync(join(tmpdir(), 'mime-shim-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

describe("the shim of Nodemailer's MIME type table", () => {
  it.each([
    'txt',
    'html',
    'htm',
    'ics',
    'invite.ics',
    'eml',
    '原信.eml',
    'pdf',
    'odt',
    'xlsx',
    'csv',
    'json',
    'png',
    'jpg',
    'gif',
    'x.unknown',
    '',
  ])('gives Nodemailer’s type for "%s"', (name) => expect(detectMimeType(name)).toBe(nodemailerTypes.detectMimeType(name)));

  it.each([
    'text/plain',
    'text/html',
    'text/calendar',
    'application/ics',
    'message/rfc822',
    'application/pdf',
    'application/vnd.oasis.opendocument.text',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'image/jpeg',
    'text/x-unknown',
    'application/x-unknown',
    '',
  ])('gives Nodemailer’s extension for "%s"', (type) => expect(detectExtension(type)).toBe(nodemailerTypes.detectExtension(type)));

  it('is what a bundle composes with, and the notice it composes is the unbundled one, byte for byte', async () => {
    const entry = join(workDir, 'entry.ts');
    writeFileSync(entry, `export { composeMime } from ${JSON.stringify(composeMimeSource)};\n`);
    const outfile = join(workDir, 'index.mjs');
    const metafile = await buildHandler({ entry, outfile, define: {}, sourcemap: false });
    const inputs = Object.values(metafile.outputs).flatMap((output) =>
      Object.entries(output.inputs)
        .filter(([, input]) => input.bytesInOutput > 0)
        .map(([path]) => path),
    );
    expect(inputs.some((path) => path.endsWith('functions/adapters/ses/nodemailer-mime-types.ts'))).toBe(true);
    expect(inputs.filter((path) => path.includes('mime-funcs/mime-types'))).toEqual([]);

    const bundled = (await import(pathToFileURL(outfile).href)) as { composeMime: typeof composeMime };
    const fromBundle = (await bundled.composeMime(mail)).toString('utf8');
    const unbundled = (await composeMime(mail)).toString('utf8');
    expect(fromBundle).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=REQUEST/);
    expect(comparable(fromBundle)).toBe(comparable(unbundled));
  });
});
