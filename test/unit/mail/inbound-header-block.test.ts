// The header block of mail to the secretariat mailbox, read with postal-mime, must say what
// mailparser (the parser it replaced, the oracle here) said: the same fields, sender, name, Reply-To
// and subject, for headers as Taiwanese mail clients write them (Big5 and UTF-8 encoded words, raw
// UTF-8, folding) and for generated ones.
import fc from 'fast-check';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import type { HeaderField } from '../../../functions/core/mail/forward-policy.ts';
import { readHeaderBlock, type HeaderBlock } from '../../../functions/core/mail/inbound-header-block.ts';
import { big5 } from '../rsvp/reply-corpus.ts';

/** readHeaderBlock as it was with mailparser (forward-plain-mail.ts before issue 13), word for word. */
async function readHeaderBlockWithMailparser(raw: Buffer): Promise<HeaderBlock | undefined> {
  const maxHeaderBytes = 256 * 1024;
  const window = raw.subarray(0, maxHeaderBytes).toString('latin1');
  const end = window.search(/\r?\n\r?\n/);
  if (end < 0 && raw.length > maxHeaderBytes) return undefined;
  const block = raw.subarray(0, end < 0 ? raw.length : end);
  let parsed;
  try {
    parsed = await simpleParser(Buffer.concat([block, Buffer.from('\r\n\r\n')]), {
      skipHtmlToText: true,
      skipTextToHtml: true,
      skipTextLinks: true,
      skipImageLinks: true,
    });
  } catch {
    return undefined;
  }
  const fields: HeaderField[] = parsed.headerLines.map(({ key, line }) => ({
    name: key,
    value: line
      .slice(line.indexOf(':') + 1)
      .replace(/\r?\n[ \t]+/g, ' ')
      .trim(),
  }));
  const senders = (parsed.from?.value ?? []).filter((entry) => entry.address);
  const sender = senders.length === 1 ? senders[0]! : undefined;
  const replyTos = (parsed.replyTo?.value ?? []).filter((entry) => entry.address);
  const replyTo = replyTos.length === 1 ? replyTos[0]! : undefined;
  return {
    facts: { headers: fields, from: sender?.address?.trim().toLowerCase(), subject: parsed.subject ?? '' },
    fromName: sender?.name ?? '',
    replyTo: replyTo ? { name: replyTo.name, address: replyTo.address!.trim() } : undefined,
  };
}

/**
 * One known difference: a field written in raw UTF-8 (RFC 6532) is text to postal-mime and Latin-1
 * bytes to mailparser's header lines. forward-policy.ts matches ASCII in field values only (the
 * decoded subject is compared separately), so the oracle's bytes are read as UTF-8 before comparing.
 */
function utf8Fields(block: HeaderBlock | undefined): HeaderBlock | undefined {
  if (!block) return block;
  const headers = block.facts.headers.map((h) => ({ ...h, value: Buffer.from(h.value, 'latin1').toString('utf8') }));
  return { ...block, facts: { ...block.facts, headers } };
}

async function agreed(head: string | Buffer): Promise<HeaderBlock | undefined> {
  const raw = Buffer.concat([typeof head === 'string' ? Buffer.from(head, 'utf8') : head, Buffer.from('\r\n\r\n本文不讀。\r\n')]);
  const ours = await readHeaderBlock(raw);
  expect(ours).toEqual(utf8Fields(await readHeaderBlockWithMailparser(raw)));
  return ours;
}

const b = (charset: string, bytes: Uint8Array) => `=?${charset}?B?${Buffer.from(bytes).toString('base64')}?=`;
const q = (charset: string, bytes: Uint8Array) =>
  `=?${charset}?Q?${Array.from(bytes, (x) => ((x >= 0x30 && x <= 0x39) || (x >= 0x41 && x <= 0x5a) || (x >= 0x61 && x <= 0x7a) ? String.fromCharCode(x) : `=${x.toString(16).toUpperCase().padStart(2, '0')}`)).join('')}?=`;
const utf8 = (text: string) => new TextEncoder().encode(text);
const subject = '請問 12 月兒少保護個案研討會議可否改派副隊長出席';

const sesTop = [
  'Return-Path: <wang.xm@police.example.org>',
  'Received: from mail.police.example.org (mail.police.example.org [203.0.113.25])',
  ' by inbound-smtp.ap-northeast-1.amazonaws.com with SMTP id 8e2mq1s0tq0d7bd1example',
  ' for safetynet@social.example.org;',
  ' Mon, 30 Nov 2026 06:05:02 +0000 (UTC)',
  'X-SES-Spam-Verdict: PASS',
  'X-SES-Virus-Verdict: PASS',
  'Authentication-Results: amazonses.com;',
  ' spf=pass client-ip=203.0.113.25;',
  ' dkim=pass header.i=@police.example.org;',
  ' dmarc=pass header.from=police.example.org;',
];

describe('reading the header block of mail to the secretariat mailbox', () => {
  it.each<[string, string | Buffer, Partial<HeaderBlock['facts']> & { fromName?: string }]>([
    [
      'Outlook in Taiwan: Big5 encoded words in the subject and the name, SES fields on top',
      [
        ...sesTop,
        `From: ${b('big5', big5('王小明 偵查隊長'))} <Wang.XM@Police.Example.org>`,
        'To: safetynet@social.example.org',
        `Subject: ${b('big5', big5('請問 12 月兒少保護個案研討會議'))}`,
        ` ${b('big5', big5('可否改派副隊長出席'))}`,
      ].join('\r\n'),
      { from: 'wang.xm@police.example.org', subject, fromName: '王小明 偵查隊長' },
    ],
    [
      'Big5 in Q encoding',
      [`From: ${q('big5', big5('王小明'))} <wang.xm@police.example.org>`, `Subject: ${q('big5', big5(subject))}`].join('\r\n'),
      { subject, fromName: '王小明' },
    ],
    [
      'Gmail: UTF-8 encoded words split inside a character, folded',
      (() => {
        const bytes = utf8(subject);
        return [
          `From: ${b('UTF-8', utf8('王小明'))} <wang.xm@gmail.example.com>`,
          `Subject: ${b('UTF-8', bytes.subarray(0, 10))}`,
          ` ${b('UTF-8', bytes.subarray(10))}`,
        ].join('\r\n');
      })(),
      { subject, fromName: '王小明' },
    ],
    [
      'raw UTF-8 (RFC 6532) and a quoted name with a comma',
      [`From: "王, 小明" <wang.xm@police.example.org>`, `Subject: ${subject}`, 'Reply-To: 竹崎分局 <zhuqi@police.example.org>'].join(
        '\r\n',
      ),
      { subject, fromName: '王, 小明' },
    ],
    ['two senders', ['From: a@police.example.org, b@police.example.org', 'Subject: hi'].join('\r\n'), { from: undefined }],
    ['a group as sender', ['From: Team: a@police.example.org;', 'Subject: hi'].join('\r\n'), { from: undefined }],
    ['no From', 'Subject: 自動回覆: 開會通知', { from: undefined, subject: '自動回覆: 開會通知' }],
    [
      'robots: Auto-Submitted, an out-of-office subject, two Reply-To addresses',
      [
        'From: MAILER-DAEMON@police.example.org',
        'Auto-Submitted: auto-replied',
        'X-Auto-Response-Suppress: All',
        'Subject: =?UTF-8?Q?=E4=B8=8D=E5=9C=A8=E8=BE=A6=E5=85=AC=E5=AE=A4?=',
        'Reply-To: a@x.example, b@x.example',
      ].join('\r\n'),
      { subject: '不在辦公室' },
    ],
    ['a bare LF message', ['From: wang.xm@police.example.org', 'Subject: LF only'].join('\n'), { subject: 'LF only' }],
  ])('%s', async (_label, head, expected) => {
    const block = await agreed(head);
    const { fromName, ...facts } = expected;
    expect(block?.facts).toMatchObject(facts);
    if (fromName !== undefined) expect(block?.fromName).toBe(fromName);
  });

  it('keeps the Reply-To a person set', async () => {
    const block = await agreed(['From: wang.xm@police.example.org', 'Reply-To: 竹崎分局 <Zhuqi@Police.Example.org>'].join('\r\n'));
    expect(block?.replyTo).toEqual({ name: '竹崎分局', address: 'Zhuqi@Police.Example.org' });
  });

  it('reads no header block from a message that has none within 256 KB', async () => {
    const raw = Buffer.alloc(300 * 1024, 0x41);
    expect(await readHeaderBlock(raw)).toBeUndefined();
    expect(await readHeaderBlockWithMailparser(raw)).toBeUndefined();
  });

  it('agrees on generated header blocks: names, subjects and their encodings, folding', async () => {
    const text = fc
      .array(fc.constantFrom('王', '小', '明', '會', '議', '（', '）', ' ', 'a', 'Z', '1', ',', '"', ':', '?', '=', '_', '-', '、'), {
        minLength: 1,
        maxLength: 30,
      })
      .map((chars) => chars.join(''));
    const encoded = fc.record({ text, charset: fc.constantFrom('UTF-8', 'utf-8', 'big5'), b: fc.boolean(), split: fc.nat() });
    const encode = ({ text: t, charset, b: base64, split }: { text: string; charset: string; b: boolean; split: number }) => {
      const chars = Array.from(t);
      // Split between characters: encoded words each decode on their own in some readers.
      const cut = chars.length > 1 ? 1 + (split % (chars.length - 1)) : chars.length;
      const bytes = (s: string) => (charset === 'big5' ? big5(s) : utf8(s));
      const word = (s: string) => (base64 ? b(charset, bytes(s)) : q(charset, bytes(s)));
      return cut < chars.length ? `${word(chars.slice(0, cut).join(''))}\r\n ${word(chars.slice(cut).join(''))}` : word(t);
    };
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          subject: fc.oneof(
            encoded.map(encode),
            text.filter((t) => t.trim() === t && t.length > 0),
          ),
          name: fc.option(encoded.map(encode), { nil: undefined }),
          address: fc.constantFrom('wang.xm@police.example.org', 'Wang.XM@Police.Example.org', 'a@x.example, b@x.example'),
          replyTo: fc.option(
            fc.constantFrom('zhuqi@police.example.org', '竹崎分局 <zhuqi@police.example.org>', 'a@x.example, b@x.example'),
            {
              nil: undefined,
            },
          ),
          lineEnd: fc.constantFrom('\r\n', '\n'),
          ses: fc.boolean(),
        }),
        async (h) => {
          const from = h.name === undefined ? h.address : `${h.name} <${h.address.split(',')[0]}>`;
          const lines = [
            ...(h.ses ? sesTop : []),
            `From: ${from}`,
            'To: safetynet@social.example.org',
            `Subject: ${h.subject}`,
            ...(h.replyTo ? [`Reply-To: ${h.replyTo}`] : []),
          ];
          await agreed(lines.join('\r\n').replace(/\r\n/g, h.lineEnd));
        },
      ),
      { numRuns: 300 },
    );
  });
});
