// Differential tests: imip-reply.ts (postal-mime + icalendar-reader.ts) must read the same answer as
// the path it replaced (mailparser + ical.js, kept in imip-reply-ical-oracle.ts), for replies as real
// clients write them and for generated ones. Plus the reader's own grammar, case by case.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CalendarSyntaxError, readCalendar, unescapeText } from '../../../functions/core/rsvp/icalendar-reader.ts';
import { parseImipReply, type ImipRejection, type ImipReply } from '../../../functions/core/rsvp/imip-reply.ts';
import { parseImipReplyWithIcalJs } from './imip-reply-ical-oracle.ts';
import {
  appleIcloudReply,
  big5,
  corpusUid,
  delegatedReply,
  exchangeReply,
  googleReply,
  outlookDelegateReply,
  recurrenceReply,
  replyMessage,
  type Layout,
  type ReplyMessage,
  type TransferEncoding,
} from './reply-corpus.ts';
import { appleReply, gmailReply, outlookReply, type ReplySpec } from './reply-messages.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);
const bom = (bytes: Uint8Array) => Uint8Array.from([0xef, 0xbb, 0xbf, ...bytes]);

/** Both paths read `raw`; they must agree, and the answer is returned for the case's own check. */
async function agreed(raw: Buffer | string): Promise<ImipReply | ImipRejection> {
  const ours = await parseImipReply(raw);
  expect(ours).toEqual(await parseImipReplyWithIcalJs(raw));
  return ours;
}

const leader = 'wc.leader@police.example.org';

describe('the reply parser reads what the ical.js path read', () => {
  it.each<[string, ReplyMessage, Partial<ImipReply> | Pick<ImipRejection, 'rejected'>]>([
    [
      'Exchange without ORGANIZER, base64, CRLF',
      { calendar: utf8(exchangeReply), charset: 'utf-8', method: 'REPLY' },
      { uid: corpusUid, sequence: 1, attendee: leader, partstat: 'ACCEPTED', attendeeName: '王小明' },
    ],
    [
      'Exchange as Big5 (Outlook in Taiwan), base64',
      { calendar: big5(exchangeReply), charset: 'big5', method: 'REPLY' },
      { uid: corpusUid, attendee: leader, partstat: 'ACCEPTED', attendeeName: '王小明' },
    ],
    [
      'Exchange as Big5, quoted-printable',
      { calendar: big5(exchangeReply), charset: 'big5', method: 'REPLY', encoding: 'quoted-printable' },
      { attendeeName: '王小明', partstat: 'ACCEPTED' },
    ],
    [
      'Outlook delegate, quoted-printable UTF-8, SENT-BY folded inside its quotes',
      { calendar: utf8(outlookDelegateReply), charset: 'utf-8', method: 'REPLY', encoding: 'quoted-printable' },
      { sentBy: 'secretary@police.example.org', attendeeName: '王, 小明（組長）', partstat: 'TENTATIVE', sequence: 2 },
    ],
    [
      'Google, alternative part without a method parameter',
      { calendar: utf8(googleReply), charset: 'UTF-8' },
      { partstat: 'TENTATIVE', attendee: leader, attendeeName: leader },
    ],
    [
      'Apple iCloud, LF line ends, attachment, tab fold, urn:uuid with EMAIL=',
      { calendar: utf8(appleIcloudReply), charset: 'utf-8', method: 'REPLY', layout: 'attachment', encoding: 'quoted-printable' },
      { attendee: leader, partstat: 'DECLINED', sequence: 0, attendeeName: '王小明' },
    ],
    [
      'a UTF-8 BOM before BEGIN:VCALENDAR',
      { calendar: bom(utf8(exchangeReply)), charset: 'utf-8', method: 'REPLY' },
      { uid: corpusUid, partstat: 'ACCEPTED' },
    ],
    [
      'an .ics file as application/octet-stream, no charset',
      { calendar: utf8(googleReply), layout: 'octet-stream' },
      { partstat: 'TENTATIVE' },
    ],
    [
      'the whole message one text/calendar part, 8bit',
      { calendar: utf8(appleIcloudReply), layout: 'single', encoding: '8bit' },
      { partstat: 'DECLINED' },
    ],
    [
      'RECURRENCE-ID, no SEQUENCE, RFC 6868 quotes in CN, no final line end',
      { calendar: utf8(recurrenceReply), charset: 'utf-8', method: 'REPLY' },
      { recurrenceId: '2026-03-25T14:00:00', sequence: 0, attendeeName: '"阿明" 王' },
    ],
    ['a delegation', { calendar: utf8(delegatedReply), method: 'REPLY' }, { rejected: 'unsupported-partstat' }],
    ['a part method= that is not the METHOD', { calendar: utf8(googleReply), method: 'REQUEST' }, { rejected: 'method-mismatch' }],
    ['two senders', { calendar: utf8(googleReply), from: 'a@police.example.org, b@police.example.org' }, { rejected: 'several-from' }],
    ['a group as sender', { calendar: utf8(googleReply), from: 'Team: a@police.example.org;' }, { rejected: 'no-from' }],
    ['no calendar at all', { calendar: utf8('not a calendar'), charset: 'utf-8' }, { rejected: 'unparsable-calendar' }],
    ['an empty calendar part', { calendar: utf8('  \r\n'), charset: 'utf-8' }, { rejected: 'unparsable-calendar' }],
    ['two VCALENDARs', { calendar: utf8(`${googleReply}${googleReply}`), charset: 'utf-8' }, { rejected: 'unparsable-calendar' }],
    ['a component that does not end', { calendar: utf8(googleReply.replace('END:VCALENDAR', '')) }, { rejected: 'unparsable-calendar' }],
    [
      'a Message-ID without angle brackets',
      { calendar: utf8(googleReply), messageId: 'CAFx1234@mail.gmail.com' },
      { messageId: '<CAFx1234@mail.gmail.com>' },
    ],
  ])('%s', async (_label, message, expected) => {
    expect(await agreed(replyMessage({ messageId: '<reply-1@police.example.org>', ...message }))).toMatchObject(expected);
  });

  const base: ReplySpec = {
    uid: corpusUid,
    sequence: 1,
    attendee: leader,
    partstat: 'ACCEPTED',
    from: leader,
    organizer: 'safetynet@social.example.org',
  };
  it.each<[string, () => Promise<Buffer>]>([
    ['Outlook-style (Nodemailer, base64)', () => outlookReply({ ...base, attendeeName: '王小明' })],
    ['Apple-style (Nodemailer, quoted-printable attachment)', () => appleReply({ ...base, partstat: 'DECLINED', attendeeUrn: true })],
    [
      'Gmail-style (text/calendar and application/ics)',
      () => gmailReply({ ...base, partstat: 'TENTATIVE', sentBy: 'secretary@police.example.org' }),
    ],
    ['without ORGANIZER and SEQUENCE', () => outlookReply({ ...base, noOrganizer: true, sequence: null })],
    ['a COUNTER', () => outlookReply({ ...base, method: 'COUNTER' })],
  ])('%s, as the tests build them', async (_label, make) => {
    await agreed(await make());
  });

  it('agrees on generated replies: any folding, line ends, case, parameter order, quoting and escapes', async () => {
    await fc.assert(
      fc.asyncProperty(generatedReply, async ({ calendar, message }) => {
        const raw = replyMessage({ ...message, calendar });
        await agreed(raw);
      }),
      { numRuns: 400 },
    );
  });

  it('reads the attendee after a quoted name that ends in an escape and a colon, where ical.js read from inside the quotes', async () => {
    const lines = ['BEGIN:VCALENDAR', 'METHOD:REPLY', 'BEGIN:VEVENT', 'UID:a', `ATTENDEE;PARTSTAT=ACCEPTED;CN="\\;:":mailto:${leader}`];
    const calendar = [...lines, 'END:VEVENT', 'END:VCALENDAR'].join('\r\n');
    const raw = replyMessage({ calendar: utf8(calendar), charset: 'utf-8', method: 'REPLY', messageId: '<m1@police.example.org>' });
    expect(await parseImipReply(raw)).toMatchObject({ uid: 'a', attendee: leader, partstat: 'ACCEPTED' });
    // Why the generated names avoid this: the oracle's reading, which the property would compare with.
    expect(await parseImipReplyWithIcalJs(raw)).toMatchObject({ attendee: `":mailto:${leader}` });
  });

  it('generated replies are answers often enough that the agreement above is not only on refusals', async () => {
    const samples = fc.sample(generatedReply, { numRuns: 200, seed: 13 });
    const results = await Promise.all(samples.map(({ calendar, message }) => parseImipReply(replyMessage({ ...message, calendar }))));
    expect(results.filter((r) => !('rejected' in r)).length).toBeGreaterThan(40);
  });
});

describe('reading iCalendar content lines', () => {
  it('unfolds CRLF and LF continuations, removing one space or tab', () => {
    const [calendar] = readCalendar('BEGIN:VCALENDAR\r\nX-A:one\r\n  two\n\tthree\r\nEND:VCALENDAR');
    expect(calendar!.properties).toEqual([{ name: 'x-a', params: new Map(), value: 'one twothree' }]);
  });

  it('reads quoted parameter values holding : ; and , and the value after them', () => {
    const [calendar] = readCalendar(
      'BEGIN:VCALENDAR\r\nATTENDEE;CN="Doe; John: Jr, III";SENT-BY="mailto:a@b.example";PARTSTAT=ACCEPTED:mailto:c@d.example\r\nEND:VCALENDAR\r\n',
    );
    const attendee = calendar!.properties[0]!;
    expect(Object.fromEntries(attendee.params)).toEqual({
      cn: 'Doe; John: Jr, III',
      'sent-by': 'mailto:a@b.example',
      partstat: 'ACCEPTED',
    });
    expect(attendee.value).toBe('mailto:c@d.example');
  });

  it('keeps the first of several quoted values, and decodes RFC 6868 carets', () => {
    const [calendar] = readCalendar(`BEGIN:VCALENDAR\nX-P;DELEGATED-TO="mailto:a@x","mailto:b@x";CN=^'A^'^n^^:v\nEND:VCALENDAR`);
    expect(Object.fromEntries(calendar!.properties[0]!.params)).toEqual({ 'delegated-to': 'mailto:a@x', cn: '"A"\n^' });
  });

  it('unescapes TEXT as RFC 5545 §3.3.11 says, leaving other backslashes', () => {
    expect(unescapeText('a\\,b\\;c\\\\d\\ne\\Nf\\x')).toBe('a,b;c\\d\ne\nf\\x');
    expect(unescapeText('\\\\n')).toBe('\\n');
  });

  it('nests components and keeps their order', () => {
    const [calendar] = readCalendar(
      'BEGIN:VCALENDAR\nBEGIN:VTIMEZONE\nTZID:X\nEND:VTIMEZONE\nbegin:vevent\nUID:1\nEND:VEVENT\nEND:VCALENDAR\n',
    );
    expect(calendar!.components.map((c) => c.name)).toEqual(['vtimezone', 'vevent']);
    expect(calendar!.components[1]!.properties[0]).toMatchObject({ name: 'uid', value: '1' });
  });

  it.each([
    ['a line without a colon', 'BEGIN:VCALENDAR\nnonsense\nEND:VCALENDAR'],
    ['a quoted value that does not close', 'BEGIN:VCALENDAR\nX;CN="open:v\nEND:VCALENDAR'],
    ['a parameter without =', 'BEGIN:VCALENDAR\nX;CN:v\nEND:VCALENDAR'],
    ['a property before any component', 'UID:1\nBEGIN:VCALENDAR\nEND:VCALENDAR'],
    ['a component that does not end', 'BEGIN:VCALENDAR\nBEGIN:VEVENT\nEND:VEVENT'],
    ['an END with nothing open', 'BEGIN:VCALENDAR\nEND:VCALENDAR\nEND:VCALENDAR'],
  ])('refuses %s', (_label, text) => {
    expect(() => readCalendar(text)).toThrow(CalendarSyntaxError);
  });
});

// ---------------------------------------------------------------------------------------------
// Generated replies. Well-formed content lines (RFC 5545 §3.1) with everything a client may vary;
// malformed lines are the table above's business, where the two readers need not fail alike.

type NameCase = 'upper' | 'lower' | 'title';
const nameCase = fc.constantFrom<NameCase>('upper', 'lower', 'title');
/** Names are case-insensitive (RFC 5545 §3.1); clients write them upper case, not all of them. */
const cased = (kind: NameCase, name: string) =>
  kind === 'upper' ? name : kind === 'lower' ? name.toLowerCase() : name[0] + name.slice(1).toLowerCase();
const cjk = fc.constantFrom('王', '小', '明', '嘉', '義', '縣', '（', '）', '：', '，', '會', '議');
const textChars = fc.oneof(
  fc.constantFrom('a', 'Z', '0', ' ', '-', '.', '@', ':', ';', ',', '\\', '\n', '"', '^', '/', '\t'),
  cjk,
  fc.constantFrom('é', '😀'),
);
const freeText = fc.array(textChars, { maxLength: 24 }).map((chars) => chars.join(''));
/** TEXT as a client writes it: \ ; , and line breaks escaped. */
const escapeText = (value: string) => value.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\n/g, value.length % 2 ? '\\n' : '\\N');
/** RFC 6868: carets for ^, " and line breaks. */
const careted = (value: string) => value.replace(/\^/g, '^^').replace(/"/g, "^'").replace(/\n/g, '^n');
/** A parameter value (RFC 5545 §3.2 + RFC 6868): quoted when it must be, carets for " and line breaks. */
const paramValue = (value: string, quote: boolean) => {
  const text = careted(value);
  return quote || /[:;,]/.test(text) ? `"${text}"` : text;
};
/**
 * Where the oracle is wrong: ical.js finds a property's value by adding the last parameter's length
 * *after* it unescaped \\ \; \, \n in it (which RFC 5545 does not do in parameters), so with k such
 * escapes it looks for the ":" k characters before the closing quote, and a colon there starts the
 * value inside the quotes: ATTENDEE;CN="\;:":mailto:a@b reads as `":mailto:a@b`. Our reader reads
 * mailto:a@b (the case after the generated replies' property). Generated names avoid that, or the property fails
 * by chance (about one reply in 11,000: seed 221111243).
 */
const icalJsMisreadsAfter = (name: string) => {
  const text = careted(name);
  const escapes = text.match(/\\[\\;,nN]/g)?.length ?? 0;
  return escapes > 0 && text.slice(-escapes).includes(':');
};
const paramText = freeText.filter((name) => !icalJsMisreadsAfter(name));
const address = fc.constantFrom(leader, 'WC.Leader@Police.Example.org', 'secretary@police.example.org', 'x@y.example');
const mailto = fc.tuple(fc.constantFrom('mailto:', 'MAILTO:', 'MailTo:'), address).map(([scheme, a]) => `${scheme}${a}`);

const attendeeLine = fc
  .record({
    kind: fc.oneof({ arbitrary: fc.constant('mailto'), weight: 6 }, fc.constantFrom('urn', 'bare', 'empty')),
    value: mailto,
    email: fc.option(address, { nil: undefined }),
    partstat: fc.option(
      fc.oneof(
        { arbitrary: fc.constantFrom('ACCEPTED', 'DECLINED', 'TENTATIVE', 'accepted', 'Tentative'), weight: 6 },
        fc.constantFrom('NEEDS-ACTION', 'DELEGATED', 'X-FOO', ''),
      ),
      { nil: undefined, freq: 10 },
    ),
    cn: fc.option(paramText, { nil: undefined }),
    quoteCn: fc.boolean(),
    sentBy: fc.option(mailto, { nil: undefined }),
    delegatedTo: fc.option(fc.array(mailto, { minLength: 1, maxLength: 2 }), { nil: undefined }),
    extra: fc.subarray(['CUTYPE=INDIVIDUAL', 'ROLE=REQ-PARTICIPANT', 'RSVP=TRUE', 'X-NUM-GUESTS=0', 'LANGUAGE=zh-TW']),
    order: fc.func(fc.integer()),
    names: nameCase,
  })
  .map((a) => {
    const params: string[] = [...a.extra];
    if (a.partstat !== undefined) params.push(`${cased(a.names, 'PARTSTAT')}=${a.partstat}`);
    if (a.cn !== undefined) params.push(`CN=${paramValue(a.cn, a.quoteCn)}`);
    if (a.email !== undefined) params.push(`EMAIL=${paramValue(a.email, a.quoteCn)}`);
    if (a.sentBy !== undefined) params.push(`${cased(a.names, 'SENT-BY')}="${a.sentBy}"`);
    if (a.delegatedTo !== undefined) params.push(`DELEGATED-TO=${a.delegatedTo.map((d) => `"${d}"`).join(',')}`);
    const sorted = params
      .map((p, i) => [a.order(i), p] as const)
      .sort((x, y) => x[0] - y[0])
      .map(([, p]) => p);
    const value =
      a.kind === 'mailto' ? a.value : a.kind === 'urn' ? 'urn:uuid:5f0c8f3e-2b7d-4c55-9a51-1a8e3f1f6f2a' : a.kind === 'bare' ? leader : '';
    return `${cased(a.names, 'ATTENDEE')}${sorted.map((p) => `;${p}`).join('')}:${value}`;
  });

const calendarModel = fc.record({
  method: fc.oneof({ arbitrary: fc.constantFrom('REPLY', 'reply'), weight: 8 }, fc.constantFrom('REQUEST', 'CANCEL', 'COUNTER', '')),
  partMethod: fc.option(fc.oneof({ arbitrary: fc.constantFrom('REPLY', 'reply'), weight: 4 }, fc.constant('REQUEST')), { nil: undefined }),
  uid: fc.option(fc.oneof(fc.constant(corpusUid), freeText), { nil: undefined, freq: 10 }),
  sequence: fc.option(
    fc.oneof(
      { arbitrary: fc.nat({ max: 20 }).map(String), weight: 6 },
      fc.constantFrom('-1', '1x', 'x', '', ' 3', '99999999999999999999', '2.5'),
    ),
    { nil: undefined },
  ),
  recurrenceId: fc.option(
    fc.constantFrom(
      'RECURRENCE-ID:20260325T140000',
      'RECURRENCE-ID:20260325T060000Z',
      'RECURRENCE-ID;VALUE=DATE:20260325',
      'RECURRENCE-ID;TZID=Asia/Taipei:20260325T140000',
    ),
    { nil: undefined, freq: 3 },
  ),
  attendees: fc.oneof(
    { arbitrary: attendeeLine.map((line) => [line]), weight: 8 },
    fc.array(attendeeLine, { minLength: 2, maxLength: 2 }),
    fc.constant<string[]>([]),
  ),
  organizer: fc.option(
    fc.tuple(paramText, mailto).map(([cn, to]) => `ORGANIZER;CN=${paramValue(cn, false)}:${to}`),
    { nil: undefined },
  ),
  comment: fc.option(
    freeText.map((t) => `COMMENT;LANGUAGE=zh-TW:${escapeText(t)}`),
    { nil: undefined },
  ),
  extras: fc.subarray([
    'DTSTAMP:20260310T020000Z',
    'DTSTART;TZID=Asia/Taipei:20260325T140000',
    'SUMMARY:強化兒少保護跨網絡合作會議',
    'X-MICROSOFT-CDO-OWNERAPPTID:-1954820342',
    'REQUEST-STATUS:2.0;Success',
    'DESCRIPTION:',
  ]),
  timezone: fc.boolean(),
  events: fc.oneof({ arbitrary: fc.constant(1), weight: 10 }, fc.constantFrom(0, 2)),
  order: fc.func(fc.integer()),
  names: nameCase,
});

const layout = fc.record({
  lineEnd: fc.constantFrom('\r\n', '\n'),
  /** Where long lines are cut (RFC 5545 says 75 octets; clients cut anywhere) and with what. */
  foldEvery: fc.option(fc.integer({ min: 1, max: 80 }), { nil: undefined }),
  foldWith: fc.constantFrom(' ', '\t'),
  bom: fc.boolean(),
  trailing: fc.constantFrom('', '\r\n', '\n', '\r\n\r\n', '  '),
});

const generatedReply = fc
  .record({
    model: calendarModel,
    layout,
    mime: fc.record({
      layout: fc.constantFrom<Layout>('alternative', 'attachment', 'octet-stream', 'single'),
      encoding: fc.constantFrom<TransferEncoding>('base64', 'quoted-printable', '8bit'),
      charset: fc.constantFrom<string | undefined>('utf-8', 'UTF-8', undefined),
      from: fc.constantFrom(
        leader,
        `王小明 <${leader}>`,
        `"Leader, WC" <${leader}>`,
        `=?UTF-8?B?546L5bCP5piO?= <${leader}>`,
        'secretary@police.example.org',
      ),
      messageId: fc.constantFrom<string | undefined>('<m1@police.example.org>', 'm2@police.example.org', undefined),
    }),
  })
  .map(({ model: m, layout: l, mime }) => {
    const event = [
      ...(m.uid === undefined ? [] : [`${cased(m.names, 'UID')}:${escapeText(m.uid)}`]),
      ...(m.sequence === undefined ? [] : [`${cased(m.names, 'SEQUENCE')}:${m.sequence}`]),
      ...(m.recurrenceId === undefined ? [] : [m.recurrenceId]),
      ...m.attendees,
      ...(m.organizer === undefined ? [] : [m.organizer]),
      ...(m.comment === undefined ? [] : [m.comment]),
      ...m.extras,
    ]
      .map((line, i) => [m.order(i), line] as const)
      .sort((x, y) => x[0] - y[0])
      .map(([, line]) => line);
    const vevent = [`${cased(m.names, 'BEGIN')}:${cased(m.names, 'VEVENT')}`, ...event, 'END:VEVENT'];
    const lines = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//Generated//Reply//EN',
      ...(m.method === '' ? [] : [`${cased(m.names, 'METHOD')}:${m.method}`]),
      ...(m.timezone
        ? [
            'BEGIN:VTIMEZONE',
            'TZID:Asia/Taipei',
            'BEGIN:STANDARD',
            'DTSTART:19700101T000000',
            'TZOFFSETFROM:+0800',
            'TZOFFSETTO:+0800',
            'END:STANDARD',
            'END:VTIMEZONE',
          ]
        : []),
      ...Array.from({ length: m.events }, () => vevent).flat(),
      'END:VCALENDAR',
    ];
    const folded = lines.map((line) => fold(line, l.foldEvery, l.foldWith, l.lineEnd));
    const text = folded.join(l.lineEnd) + l.trailing;
    const bytes = utf8(text);
    const message: Omit<ReplyMessage, 'calendar'> = {
      layout: mime.layout,
      encoding: mime.encoding,
      from: mime.from,
      ...(mime.charset === undefined ? {} : { charset: mime.charset }),
      ...(mime.messageId === undefined ? {} : { messageId: mime.messageId }),
      // mailparser gave the method= parameter of any part; postal-mime gives it for text/calendar and
      // application/ics only, where RFC 6047 defines it. An .ics under application/octet-stream
      // with a method= parameter is the one place the two paths differ, on purpose.
      ...(m.partMethod === undefined || mime.layout === 'octet-stream' ? {} : { method: m.partMethod }),
    };
    return { text, calendar: l.bom ? bom(bytes) : bytes, message };
  });

/** Cuts a content line every `every` characters (whole code points), as a client folds it. */
function fold(line: string, every: number | undefined, foldWith: string, lineEnd: string): string {
  if (!every) return line;
  const chars = Array.from(line);
  const pieces: string[] = [];
  for (let i = 0; i < chars.length; i += every) pieces.push(chars.slice(i, i + every).join(''));
  return pieces.join(`${lineEnd}${foldWith}`);
}
