// The reply parsers as the Lambda bundle carries them: built with lib/bundling/handler-build.ts, so
// postal-mime's HTML entity table is the small shim (postal-mime-html-entities.ts). The bundled
// parsers must read what the unbundled ones read, HTML-only bodies full of entities included.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import PostalMime from 'postal-mime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readHeaderBlock } from '../../functions/core/mail/inbound-header-block.ts';
import { parseImipReply } from '../../functions/core/rsvp/imip-reply.ts';
import { buildHandler } from '../../lib/bundling/handler-build.ts';
import { htmlEntities as shim } from '../../lib/bundling/postal-mime-html-entities.ts';
import { appleIcloudReply, big5, exchangeReply, replyMessage } from '../unit/rsvp/reply-corpus.ts';

type Bundled = {
  parseImipReply: typeof parseImipReply;
  readHeaderBlock: typeof readHeaderBlock;
  PostalMime: typeof PostalMime;
};

const outDir = mkdtempSync(join(tmpdir(), 'reply-parser-bundle-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));
let bundled: Bundled;
let inputs: string[];

beforeAll(async () => {
  const source = (path: string) => JSON.stringify(fileURLToPath(new URL(path, import.meta.url)));
  const entry = join(outDir, 'entry.ts');
  writeFileSync(
    entry,
    [
      `export { parseImipReply } from ${source('../../functions/core/rsvp/imip-reply.ts')};`,
      `export { readHeaderBlock } from ${source('../../functions/core/mail/inbound-header-block.ts')};`,
      // Imported from the entry's own folder it would not resolve; from the functions it does.
      `export { default as PostalMime } from ${source('../../node_modules/postal-mime/dist/esm/postal-mime.js')};`,
    ].join('\n'),
  );
  const outfile = join(outDir, 'index.mjs');
  const metafile = await buildHandler({ entry, outfile, define: {}, sourcemap: false });
  inputs = Object.values(metafile.outputs).flatMap((output) =>
    Object.entries(output.inputs)
      .filter(([, input]) => input.bytesInOutput > 0)
      .map(([path]) => path),
  );
  bundled = (await import(pathToFileURL(outfile).href)) as Bundled;
}, 120_000);

const htmlBody = '<p>承辦人您好&#65306;12/23 &amp; 12/30 的會議&hellip;&nbsp;可否改派&ldquo;副隊長&rdquo;&eacute;&#x738B;</p>';

/** An Outlook message whose only body is HTML, as a person's plain question may arrive. */
function htmlOnlyMessage(): Buffer {
  return Buffer.from(
    [
      'From: =?UTF-8?B?546L5bCP5piO?= <wang.xm@police.example.org>',
      'To: safetynet@social.example.org',
      'Subject: =?big5?B?' + Buffer.from(big5('開會通知')).toString('base64') + '?=',
      'MIME-Version: 1.0',
      'Content-Type: text/html; charset="utf-8"',
      '',
      htmlBody,
      '',
    ].join('\r\n'),
  );
}

describe('the reply parsers in the Lambda bundle', () => {
  it('carry the shim instead of postal-mime\u2019s entity table', () => {
    expect(inputs.some((path) => path.includes('lib/bundling/postal-mime-html-entities.ts'))).toBe(true);
    expect(inputs.some((path) => path.includes('postal-mime/dist/esm/html-entities.js'))).toBe(false);
  });

  it('read calendar replies as the unbundled parser does', async () => {
    const replies = [
      replyMessage({ calendar: new TextEncoder().encode(exchangeReply), charset: 'utf-8', method: 'REPLY' }),
      replyMessage({ calendar: big5(exchangeReply), charset: 'big5', method: 'REPLY', encoding: 'quoted-printable' }),
      replyMessage({ calendar: new TextEncoder().encode(appleIcloudReply), layout: 'attachment' }),
      htmlOnlyMessage(),
    ];
    for (const raw of replies) expect(await bundled.parseImipReply(raw)).toEqual(await parseImipReply(raw));
    expect(await bundled.parseImipReply(replies[1]!)).toMatchObject({ attendeeName: '王小明', partstat: 'ACCEPTED' });
    expect(await bundled.parseImipReply(htmlOnlyMessage())).toEqual({ rejected: 'no-calendar-part' });
  });

  it('read the header block of plain mail as the unbundled reader does', async () => {
    const raw = htmlOnlyMessage();
    expect(await bundled.readHeaderBlock(raw)).toEqual(await readHeaderBlock(raw));
    expect((await bundled.readHeaderBlock(raw))?.facts.subject).toBe('開會通知');
  });

  it('still turn an HTML body into readable text, though nothing reads it', async () => {
    // postal-mime converts HTML to text only for a message that has text parts too.
    const mixed = Buffer.from(
      [
        'From: wang.xm@police.example.org',
        'Content-Type: multipart/mixed; boundary="b"',
        '',
        '--b',
        'Content-Type: text/plain; charset="utf-8"',
        '',
        '前言',
        '--b',
        'Content-Type: text/html; charset="utf-8"',
        '',
        htmlBody,
        '--b--',
        '',
      ].join('\r\n'),
    );
    const text = (await bundled.PostalMime.parse(mixed)).text ?? '';
    expect(text).toContain('承辦人您好：12/23 & 12/30 的會議…\u00a0可否改派“副隊長”');
    // Numeric references need no table; a name the shim lacks stays as written.
    expect(text).toContain('&eacute;王');
    expect((await PostalMime.parse(mixed)).text).toContain('é王');
  });

  it('shims no reference differently from postal-mime\u2019s own table', async () => {
    const table = (await import(
      pathToFileURL(fileURLToPath(new URL('../../node_modules/postal-mime/dist/esm/html-entities.js', import.meta.url))).href
    )) as {
      htmlEntities: Record<string, string>;
    };
    for (const [name, value] of Object.entries(shim)) expect([name, table.htmlEntities[name]]).toEqual([name, value]);
  });
});
