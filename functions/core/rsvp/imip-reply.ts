// Reads the iMIP REPLY a calendar client sends back when someone presses Accept or Decline
// (RFC 6047, RFC 5546 §3.2.3): raw e-mail → postal-mime → our iCalendar reader. No I/O and no
// judgement about who may answer: that needs the stored occurrence and the county as it is now
// (record-rsvp.ts). ORGANIZER is not required: Exchange leaves it out of the REPLYs it sends, and the
// UID already names the meeting.
// Every rejection is a code plus, at most, a short non-personal detail (a METHOD or PARTSTAT value),
// so it can be logged as it is: a rejection never carries an address.
//
// postal-mime rather than mailparser: it has no dependencies and decodes charsets (Big5 from Outlook
// in Taiwan among them) with TextDecoder, where mailparser brought libmime's iconv tables and HTML
// converters, 1 MB of the reply Lambda. The calendar is read by icalendar-reader.ts rather than
// ical.js (76 KB); test/unit/rsvp/icalendar-reader.test.ts checks both against the old path.
import PostalMime, { addressParser, type Attachment, type Email } from 'postal-mime';
import { CalendarSyntaxError, readCalendar, unescapeText, type CalendarComponent, type CalendarProperty } from './icalendar-reader.ts';
import { maxReplyBytes, normalizeAddress, partstats, type ImipPartstat, type ImipRejection, type ImipReply } from './imip-answer.ts';

export * from './imip-answer.ts';

export async function parseImipReply(raw: Buffer | string): Promise<ImipReply | ImipRejection> {
  const size = typeof raw === 'string' ? Buffer.byteLength(raw) : raw.length;
  if (size > maxReplyBytes) return { rejected: 'too-large' };

  let mail: Email;
  try {
    mail = await PostalMime.parse(raw);
  } catch {
    return { rejected: 'unreadable-message' };
  }

  const verdict = receiptVerdict(mail);
  if (verdict) return verdict;

  const fromAddresses = senders(mail);
  if (fromAddresses.length === 0) return { rejected: 'no-from' };
  if (fromAddresses.length > 1) return { rejected: 'several-from' };
  const from = normalizeAddress(fromAddresses[0]!);

  const part = calendarPart(mail.attachments);
  if (!part) return { rejected: 'no-calendar-part' };

  let roots: CalendarComponent[];
  try {
    roots = readCalendar(calendarText(part));
  } catch (error) {
    if (error instanceof CalendarSyntaxError) return { rejected: 'unparsable-calendar' };
    throw error;
  }
  // A file holding several VCALENDARs is not one REPLY.
  if (roots.length > 1) return { rejected: 'unparsable-calendar', detail: 'not one VCALENDAR' };
  const vcalendar = roots[0];
  if (vcalendar?.name !== 'vcalendar') return { rejected: 'unparsable-calendar', detail: 'not a VCALENDAR' };

  const method = textOf(first(vcalendar, 'method'))?.toUpperCase();
  if (!method) return { rejected: 'no-method' };
  if (method !== 'REPLY') return { rejected: 'wrong-method', detail: shortDetail(method) };
  // postal-mime gives the part's method= parameter upper case and trimmed.
  const partMethod = part.method;
  if (partMethod && partMethod !== method) return { rejected: 'method-mismatch', detail: `${shortDetail(partMethod)} ≠ ${method}` };

  const events = vcalendar.components.filter((component) => component.name === 'vevent');
  if (events.length === 0) return { rejected: 'no-event' };
  if (events.length > 1) return { rejected: 'several-events', detail: String(events.length) };
  const vevent = events[0]!;

  const uid = textOf(first(vevent, 'uid'))?.trim();
  if (!uid) return { rejected: 'no-uid' };

  const attendees = vevent.properties.filter((property) => property.name === 'attendee');
  if (attendees.length === 0) return { rejected: 'no-attendee' };
  if (attendees.length > 1) return { rejected: 'several-attendees', detail: String(attendees.length) };
  const attendeeProperty = attendees[0]!;
  const attendee = attendeeAddress(attendeeProperty);
  if (!attendee) return { rejected: 'no-attendee-address' };

  const partstat = textParam(attendeeProperty, 'partstat')?.toUpperCase();
  if (!partstat || !(partstats as readonly string[]).includes(partstat)) {
    return { rejected: 'unsupported-partstat', detail: partstat ? shortDetail(partstat) : 'missing' };
  }

  const sequence = sequenceOf(first(vevent, 'sequence'));
  if (!Number.isSafeInteger(sequence) || sequence < 0) return { rejected: 'bad-sequence' };

  const reply: ImipReply = { uid, sequence, attendee, partstat: partstat as ImipPartstat, from };
  const recurrenceIdProperty = first(vevent, 'recurrence-id');
  if (recurrenceIdProperty) {
    const recurrenceId = recurrenceIdOf(recurrenceIdProperty);
    if (recurrenceId === undefined) return { rejected: 'unparsable-calendar', detail: 'RECURRENCE-ID' };
    reply.recurrenceId = recurrenceId;
  }
  // SENT-BY is a cal-address: its value is not TEXT, so backslashes stay.
  const sentBy = attendeeProperty.params.get('sent-by');
  if (sentBy && normalizeAddress(sentBy).includes('@')) reply.sentBy = normalizeAddress(sentBy);
  const name = textParam(attendeeProperty, 'cn')
    ?.replace(/\p{Cc}+/gu, ' ')
    .trim();
  if (name) reply.attendeeName = name.slice(0, 120);
  const messageId = messageIdOf(mail);
  if (messageId) reply.messageId = messageId;
  return reply;
}

/**
 * The calendar part: a text/calendar part first (the one in multipart/alternative, where Outlook and
 * Gmail put it, or Apple Mail's attachment), then an application/ics or *.ics attachment (Gmail and
 * Nodemailer add one beside the text/calendar part with the same content).
 */
function calendarPart(attachments: readonly Attachment[]): Attachment | undefined {
  return (
    attachments.find((a) => a.mimeType === 'text/calendar') ??
    attachments.find((a) => a.mimeType === 'application/ics' || /\.ics$/i.test(a.filename ?? ''))
  );
}

/**
 * postal-mime has already decoded text/calendar and application/ics parts from their charset
 * (charset=big5 too) to UTF-8; an .ics file under another type (application/octet-stream) is
 * bytes, read as UTF-8, which is what RFC 5545 §3.1.4 says a calendar is by default.
 */
function calendarText(part: Attachment): string {
  const { content } = part;
  if (typeof content === 'string') return content;
  return new TextDecoder().decode(content);
}

/** Every address in the From field: a REPLY has exactly one sender. */
function senders(mail: Email): string[] {
  const field = mail.headers.find((header) => header.key === 'from');
  if (!field?.value) return [];
  return addressParser(field.value)
    .map((entry) => entry.address)
    .filter((address): address is string => Boolean(address));
}

/** `<id@host>`, as mailparser gave it (angle brackets added when the sender left them out). */
function messageIdOf(mail: Email): string | undefined {
  const id = mail.messageId?.trim();
  if (!id) return undefined;
  return `${id.startsWith('<') ? '' : '<'}${id}${id.endsWith('>') ? '' : '>'}`;
}

/** `mailto:` value, or the EMAIL parameter Apple's CalDAV clients add when the value is a urn:uuid. */
function attendeeAddress(property: CalendarProperty): string | undefined {
  // ATTENDEE is a cal-address (a URI), not TEXT: its value is read as written.
  const value = property.value;
  if (value && /^mailto:/i.test(value.trim())) {
    const address = normalizeAddress(value);
    if (address.includes('@')) return address;
  }
  const email = textParam(property, 'email');
  if (email) {
    const address = normalizeAddress(email);
    if (address.includes('@')) return address;
  }
  if (value && !/^[a-z][a-z0-9+.-]*:/i.test(value.trim()) && value.includes('@')) return normalizeAddress(value);
  return undefined;
}

/**
 * SEQUENCE is an INTEGER. Read as ical.js read it (parseInt, and 0 when no number starts the value),
 * so a reply that was taken before is taken still; a negative or huge one is refused by the caller.
 */
function sequenceOf(property: CalendarProperty | undefined): number {
  if (!property) return 0;
  const parsed = Number.parseInt(property.value, 10);
  return Number.isNaN(parsed) ? 0 : parsed;
}

/**
 * RECURRENCE-ID as ical.js wrote it: `2026-03-25T14:00:00`, `…Z` in UTC, `2026-03-25` for a DATE.
 * Our meetings never repeat and nothing reads it further; a value that is no date at all (ical.js
 * threw on it, out of the parser) is refused as an unparsable calendar.
 */
function recurrenceIdOf(property: CalendarProperty): string | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z?))?$/.exec(property.value.trim());
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second, utc] = match;
  const date = `${year}-${month}-${day}`;
  return hour === undefined ? date : `${date}T${hour}:${minute}:${second}${utc}`;
}

/**
 * SES's receipt verdicts, when the message came through SES (the S3 action keeps its headers): a
 * message SES found to carry a virus, or whose From domain's DMARC check failed, is not an answer
 * from that domain. Without these headers (a local .eml) nothing is decided here.
 */
function receiptVerdict(mail: Email): ImipRejection | undefined {
  const { headers } = mail;
  if (headers.some((h) => h.key === 'x-ses-virus-verdict' && /^fail\b/i.test(h.value.trim()))) return { rejected: 'failed-virus-check' };
  const dmarcFailed = headers.some((h) => {
    if (h.key !== 'authentication-results') return false;
    const value = h.value.replace(/\s+/g, ' ').trim();
    return /^amazonses\.com\s*;/i.test(value) && /\bdmarc\s*=\s*fail\b/i.test(value);
  });
  return dmarcFailed ? { rejected: 'failed-dmarc' } : undefined;
}

function first(component: CalendarComponent, name: string): CalendarProperty | undefined {
  return component.properties.find((property) => property.name === name);
}

/** A TEXT property's value, unescaped. */
function textOf(property: CalendarProperty | undefined): string | undefined {
  return property ? unescapeText(property.value) : undefined;
}

/** A parameter read as ical.js reads every parameter it has no type for: as TEXT, unescaped. */
function textParam(property: CalendarProperty, name: string): string | undefined {
  const value = property.params.get(name);
  return value === undefined ? undefined : unescapeText(value);
}

/** A value from the message shown in a rejection: short, one line, and never an address. */
function shortDetail(value: string): string {
  const flat = value.replace(/\p{Cc}+/gu, ' ').slice(0, 40);
  return flat.includes('@') ? '(unexpected value)' : flat;
}
