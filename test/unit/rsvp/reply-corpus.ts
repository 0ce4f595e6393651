// Calendar replies as real clients write them, byte for byte where it matters (folding, line ends,
// charset, transfer encoding), for the differential tests of imip-reply.ts against the ical.js path.
// Written by hand from replies seen from Exchange/Outlook, Google Calendar and Apple Calendar, with
// our meeting's UID; reply-messages.ts builds the tidier ones with ical-generator and Nodemailer.

export const corpusUid = '6b1f5c1e-8f0c-4d7e-a0a4-1d2f3c4b5a69@safetynet-meetings';
export const organizer = 'safetynet@social.example.org';

/** Exchange 2016 in Taiwan: no ORGANIZER, Windows zone name, long lines folded at 75 octets. */
export const exchangeReply = [
  'BEGIN:VCALENDAR',
  'METHOD:REPLY',
  'PRODID:Microsoft Exchange Server 2010',
  'VERSION:2.0',
  'BEGIN:VTIMEZONE',
  'TZID:Taipei Standard Time',
  'BEGIN:STANDARD',
  'DTSTART:16010101T000000',
  'TZOFFSETFROM:+0800',
  'TZOFFSETTO:+0800',
  'END:STANDARD',
  'BEGIN:DAYLIGHT',
  'DTSTART:16010101T000000',
  'TZOFFSETFROM:+0800',
  'TZOFFSETTO:+0800',
  'END:DAYLIGHT',
  'END:VTIMEZONE',
  'BEGIN:VEVENT',
  'ATTENDEE;PARTSTAT=ACCEPTED;CN=王小明:MAILTO:WC.Leader@Police.Example.org',
  'COMMENT;LANGUAGE=zh-TW:會準時出席\\n',
  `UID:${corpusUid}`,
  'SUMMARY;LANGUAGE=zh-TW:已接受: 【開會通知】115年3月25日（星期三）下午2時 強化兒少保護跨網',
  ' 絡合作會議',
  'DTSTART;TZID=Taipei Standard Time:20260325T140000',
  'DTEND;TZID=Taipei Standard Time:20260325T160000',
  'CLASS:PUBLIC',
  'PRIORITY:5',
  'DTSTAMP:20260310T020000Z',
  'TRANSP:OPAQUE',
  'STATUS:CONFIRMED',
  'SEQUENCE:1',
  'LOCATION;LANGUAGE=zh-TW:嘉義縣政府第一會議室',
  'X-MICROSOFT-CDO-APPT-SEQUENCE:1',
  'X-MICROSOFT-CDO-OWNERAPPTID:-1954820342',
  'X-MICROSOFT-CDO-BUSYSTATUS:BUSY',
  'X-MICROSOFT-CDO-INTENDEDSTATUS:BUSY',
  'X-MICROSOFT-CDO-ALLDAYEVENT:FALSE',
  'X-MICROSOFT-CDO-IMPORTANCE:1',
  'X-MICROSOFT-CDO-INSTTYPE:0',
  'X-MICROSOFT-DONOTFORWARDMEETING:FALSE',
  'X-MICROSOFT-DISALLOW-COUNTER:FALSE',
  'END:VEVENT',
  'END:VCALENDAR',
  '',
].join('\r\n');

/** Outlook desktop answering for a chief from a secretary's mailbox: SENT-BY, quoted CN with a comma. */
export const outlookDelegateReply = [
  'BEGIN:VCALENDAR',
  'PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN',
  'VERSION:2.0',
  'METHOD:REPLY',
  'BEGIN:VEVENT',
  'ATTENDEE;CN="王, 小明（組長）";PARTSTAT=TENTATIVE;SENT-BY="mailto:secretary@police',
  ' .example.org":mailto:wc.leader@police.example.org',
  'COMMENT;LANGUAGE=zh-TW:組長當天上午另有會議\\, 可能晚到\\; 敬請見諒',
  'DTSTAMP:20260310T020000Z',
  'ORGANIZER;CN=嘉義縣政府社會局:mailto:safetynet@social.example.org',
  `UID:${corpusUid}`,
  'SEQUENCE:2',
  'END:VEVENT',
  'END:VCALENDAR',
  '',
].join('\r\n');

/** Google Calendar: UTC times, CN is the address, X-NUM-GUESTS, a fold inside a parameter. */
export const googleReply = [
  'BEGIN:VCALENDAR',
  'PRODID:-//Google Inc//Google Calendar 70.9054//EN',
  'VERSION:2.0',
  'CALSCALE:GREGORIAN',
  'METHOD:REPLY',
  'BEGIN:VEVENT',
  'DTSTART:20260325T060000Z',
  'DTEND:20260325T080000Z',
  'DTSTAMP:20260310T020000Z',
  'ORGANIZER;CN=嘉義縣政府社會局:mailto:safetynet@social.example.org',
  `UID:${corpusUid}`,
  'ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=TENTATIVE;CN=wc.le',
  ' ader@police.example.org;X-NUM-GUESTS=0:mailto:wc.leader@police.example.org',
  'CREATED:20260301T000000Z',
  'DESCRIPTION:',
  'LAST-MODIFIED:20260310T020000Z',
  'LOCATION:嘉義縣政府第一會議室',
  'SEQUENCE:1',
  'STATUS:CONFIRMED',
  'SUMMARY:強化兒少保護跨網絡合作會議',
  'TRANSP:OPAQUE',
  'END:VEVENT',
  'END:VCALENDAR',
  '',
].join('\r\n');

/** Apple Calendar on iCloud: LF line ends, urn:uuid attendee with EMAIL=, REQUEST-STATUS. */
export const appleIcloudReply = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//Apple Inc.//macOS 14.4//EN',
  'METHOD:REPLY',
  'CALSCALE:GREGORIAN',
  'BEGIN:VEVENT',
  'ATTENDEE;CN="王小明";CUTYPE=INDIVIDUAL;EMAIL="wc.leader@police.example.org";PA',
  '\tRTSTAT=DECLINED:urn:uuid:5f0c8f3e-2b7d-4c55-9a51-1a8e3f1f6f2a',
  'DTEND;TZID=Asia/Taipei:20260325T160000',
  'DTSTAMP:20260310T020000Z',
  'DTSTART;TZID=Asia/Taipei:20260325T140000',
  'ORGANIZER;CN="嘉義縣政府社會局";EMAIL="safetynet@social.example.org":mailto:safe',
  ' tynet@social.example.org',
  'REQUEST-STATUS:2.0;Success',
  'SEQUENCE:0',
  'SUMMARY:強化兒少保護跨網絡合作會議',
  `UID:${corpusUid}`,
  'X-APPLE-TRAVEL-ADVISORY-BEHAVIOR:AUTOMATIC',
  'END:VEVENT',
  'END:VCALENDAR',
  '',
].join('\n');

/** One instance of a repeating series answered (RECURRENCE-ID), no SEQUENCE, RFC 6868 in CN. */
export const recurrenceReply = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//Mozilla.org/NONSGML Mozilla Calendar V1.1//EN',
  'METHOD:REPLY',
  'BEGIN:VEVENT',
  'RECURRENCE-ID;TZID=Asia/Taipei:20260325T140000',
  `UID:${corpusUid}`,
  "ATTENDEE;CN=^'阿明^' 王;PARTSTAT=ACCEPTED;ROLE=REQ-PARTICIPANT:mailto:wc.leader@",
  ' police.example.org',
  'DTSTAMP:20260310T020000Z',
  'END:VEVENT',
  'END:VCALENDAR',
].join('\r\n');

/** Delegation: the attendee passed the meeting on; not an answer we record. */
export const delegatedReply = [
  'BEGIN:VCALENDAR',
  'METHOD:REPLY',
  'BEGIN:VEVENT',
  `UID:${corpusUid}`,
  'ATTENDEE;PARTSTAT=DELEGATED;DELEGATED-TO="mailto:deputy@police.example.org":mai',
  ' lto:wc.leader@police.example.org',
  'SEQUENCE:1',
  'END:VEVENT',
  'END:VCALENDAR',
  '',
].join('\r\n');

export type Layout = 'alternative' | 'attachment' | 'octet-stream' | 'single';
export type TransferEncoding = 'base64' | 'quoted-printable' | '8bit';

export type ReplyMessage = {
  calendar: Uint8Array;
  from?: string;
  /** The secretariat mailbox the reply is sent to; `organizer` unless a test says otherwise. */
  to?: string;
  messageId?: string;
  /** The MIME part's charset parameter; omitted when undefined. */
  charset?: string;
  /** The MIME part's method parameter; omitted when undefined. */
  method?: string;
  layout?: Layout;
  encoding?: TransferEncoding;
  headers?: readonly string[];
};

/** A raw message around the calendar bytes, laid out as the clients lay theirs out. */
export function replyMessage(message: ReplyMessage): Buffer {
  const { calendar, layout = 'alternative', encoding = 'base64' } = message;
  const params = [
    message.charset === undefined ? '' : `; charset="${message.charset}"`,
    message.method === undefined ? '' : `; method=${message.method}`,
  ].join('');
  const body = encodeBody(calendar, encoding);
  const head = [
    ...(message.headers ?? []),
    `From: ${message.from ?? '王小明 <wc.leader@police.example.org>'}`,
    `To: ${message.to ?? organizer}`,
    'Subject: =?UTF-8?B?5bey5o6l5Y+XOiDlvLfljJblhZLlsJHkv53orbfot6jntrLntaHlkIjkvZzmnIPorbA=?=',
    ...(message.messageId === undefined ? [] : [`Message-ID: ${message.messageId}`]),
    'Date: Tue, 10 Mar 2026 10:00:00 +0800',
    'MIME-Version: 1.0',
  ];
  const calendarPart = (type: string, disposition = '') =>
    [`Content-Type: ${type}${params}`, ...(disposition ? [disposition] : []), `Content-Transfer-Encoding: ${encoding}`, '', body].join(
      '\r\n',
    );
  const text = ['Content-Type: text/plain; charset="utf-8"', 'Content-Transfer-Encoding: 8bit', '', '回覆者 已接受你的邀請。'].join('\r\n');
  let mime: string;
  if (layout === 'single') {
    mime = [...head, calendarPart('text/calendar')].join('\r\n');
  } else {
    const boundary = '----=_Part_0_1234567890';
    const multipart = layout === 'alternative' ? 'alternative' : 'mixed';
    const part =
      layout === 'alternative'
        ? calendarPart('text/calendar')
        : layout === 'attachment'
          ? calendarPart('text/calendar', 'Content-Disposition: attachment; filename="iCal-20260310-100000.ics"')
          : calendarPart('application/octet-stream', 'Content-Disposition: attachment; filename="invite.ics"');
    mime = [
      ...head,
      `Content-Type: multipart/${multipart}; boundary="${boundary}"`,
      '',
      `--${boundary}`,
      text,
      `--${boundary}`,
      part,
      `--${boundary}--`,
      '',
    ].join('\r\n');
  }
  return Buffer.from(mime, 'utf8');
}

function encodeBody(bytes: Uint8Array, encoding: TransferEncoding): string {
  if (encoding === 'base64')
    return (
      Buffer.from(bytes)
        .toString('base64')
        .match(/.{1,76}/g) ?? []
    ).join('\r\n');
  if (encoding === '8bit') return Buffer.from(bytes).toString('utf8');
  return quotedPrintable(bytes);
}

/**
 * RFC 2045 §6.7: CRLF stays a line break, every other byte outside printable ASCII (a lone LF, the
 * bytes of 王) is =XX, and lines are broken softly (=) before 76 characters, never inside an =XX.
 */
export function quotedPrintable(bytes: Uint8Array): string {
  const lines: string[] = [];
  let line = '';
  const push = (token: string) => {
    if (line.length + token.length > 75) {
      lines.push(`${line}=`);
      line = '';
    }
    line += token;
  };
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i]!;
    if (byte === 0x0d && bytes[i + 1] === 0x0a) {
      // Space or tab at the end of a line would be lost in transport: encode it.
      line = line.replace(/[ \t]$/, (ws) => `=${ws.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
      lines.push(line);
      line = '';
      i++;
    } else if ((byte >= 0x21 && byte <= 0x7e && byte !== 0x3d) || byte === 0x20 || byte === 0x09) {
      push(String.fromCharCode(byte));
    } else {
      push(`=${byte.toString(16).toUpperCase().padStart(2, '0')}`);
    }
  }
  line = line.replace(/[ \t]$/, (ws) => `=${ws.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  lines.push(line);
  return lines.join('\r\n');
}

/**
 * Big5 bytes for a string, from the table of the platform's own Big5 decoder (ICU): Node has no
 * Big5 encoder, and an independent table keeps the test from trusting the code it checks.
 */
export function big5(text: string): Uint8Array {
  const table = big5Table();
  const bytes: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code < 0x80) bytes.push(code);
    else {
      const pair = table.get(char);
      if (!pair) throw new Error(`no Big5 code for ${char}`);
      bytes.push(...pair);
    }
  }
  return Uint8Array.from(bytes);
}

let table: Map<string, [number, number]> | undefined;
function big5Table(): Map<string, [number, number]> {
  if (table) return table;
  table = new Map();
  const decoder = new TextDecoder('big5');
  // Lead bytes A1–F9 are standard Big5; HKSCS extensions below A1 are left out so each character
  // gets the code Taiwanese Outlook would use.
  for (let lead = 0xa1; lead <= 0xf9; lead++) {
    for (const trail of [...range(0x40, 0x7e), ...range(0xa1, 0xfe)]) {
      const char = decoder.decode(Uint8Array.from([lead, trail]));
      if (char.length === 1 && char !== '\ufffd' && !table.has(char)) table.set(char, [lead, trail]);
    }
  }
  return table;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}
