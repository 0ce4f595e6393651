// The ORACLE for functions/core/rsvp/imip-reply.ts: the reply parser as it was before issue 13
// (mailparser for the MIME, ical.js for the calendar), kept word for word apart from this comment
// and the imports, so the differential tests can check that postal-mime and our own iCalendar reader
// read the same answer from every reply. Not used by the product.
import ICAL from 'ical.js';
import { simpleParser, type Attachment, type ParsedMail } from 'mailparser';
import {
  maxReplyBytes,
  normalizeAddress,
  partstats,
  type ImipPartstat,
  type ImipRejection,
  type ImipReply,
} from '../../../functions/core/rsvp/imip-answer.ts';

export async function parseImipReplyWithIcalJs(raw: Buffer | string): Promise<ImipReply | ImipRejection> {
  const size = typeof raw === 'string' ? Buffer.byteLength(raw) : raw.length;
  if (size > maxReplyBytes) return { rejected: 'too-large' };

  let mail: ParsedMail;
  try {
    mail = await simpleParser(raw, { skipHtmlToText: true, skipTextToHtml: true, skipTextLinks: true, skipImageLinks: true });
  } catch {
    return { rejected: 'unreadable-message' };
  }

  const verdict = receiptVerdict(mail);
  if (verdict) return verdict;

  const fromAddresses = (mail.from?.value ?? []).filter((entry) => entry.address);
  if (fromAddresses.length === 0) return { rejected: 'no-from' };
  if (fromAddresses.length > 1) return { rejected: 'several-from' };
  const from = normalizeAddress(fromAddresses[0]!.address!);

  const part = calendarPart(mail.attachments);
  if (!part) return { rejected: 'no-calendar-part' };

  let vcalendar: ICAL.Component;
  try {
    const parsed: unknown = ICAL.parse(decode(part.content, charsetOf(part)));
    // A file holding several VCALENDARs parses to an array of them; a REPLY is one.
    if (!Array.isArray(parsed) || Array.isArray(parsed[0])) return { rejected: 'unparsable-calendar', detail: 'not one VCALENDAR' };
    vcalendar = new ICAL.Component(parsed as unknown[]);
  } catch {
    return { rejected: 'unparsable-calendar' };
  }
  if (vcalendar.name !== 'vcalendar') return { rejected: 'unparsable-calendar', detail: 'not a VCALENDAR' };

  const method = textValue(vcalendar.getFirstPropertyValue('method'))?.toUpperCase();
  if (!method) return { rejected: 'no-method' };
  if (method !== 'REPLY') return { rejected: 'wrong-method', detail: shortDetail(method) };
  const partMethod = methodParameter(part)?.toUpperCase();
  if (partMethod && partMethod !== method) return { rejected: 'method-mismatch', detail: `${shortDetail(partMethod)} ≠ ${method}` };

  const events = vcalendar.getAllSubcomponents('vevent');
  if (events.length === 0) return { rejected: 'no-event' };
  if (events.length > 1) return { rejected: 'several-events', detail: String(events.length) };
  const vevent = events[0]!;

  const uid = textValue(vevent.getFirstPropertyValue('uid'))?.trim();
  if (!uid) return { rejected: 'no-uid' };

  const attendees = vevent.getAllProperties('attendee');
  if (attendees.length === 0) return { rejected: 'no-attendee' };
  if (attendees.length > 1) return { rejected: 'several-attendees', detail: String(attendees.length) };
  const attendeeProperty = attendees[0]!;
  const attendee = attendeeAddress(attendeeProperty);
  if (!attendee) return { rejected: 'no-attendee-address' };

  const partstat = textValue(attendeeProperty.getParameter('partstat'))?.toUpperCase();
  if (!partstat || !(partstats as readonly string[]).includes(partstat)) {
    return { rejected: 'unsupported-partstat', detail: partstat ? shortDetail(partstat) : 'missing' };
  }

  const sequenceValue = vevent.getFirstPropertyValue('sequence');
  const sequence = sequenceValue === null ? 0 : Number(sequenceValue);
  if (!Number.isSafeInteger(sequence) || sequence < 0) return { rejected: 'bad-sequence' };

  const recurrenceId = vevent.getFirstPropertyValue('recurrence-id');
  const reply: ImipReply = { uid, sequence, attendee, partstat: partstat as ImipPartstat, from };
  if (recurrenceId !== null) reply.recurrenceId = String(recurrenceId);
  const sentBy = textValue(attendeeProperty.getParameter('sent-by'));
  if (sentBy && normalizeAddress(sentBy).includes('@')) reply.sentBy = normalizeAddress(sentBy);
  const name = textValue(attendeeProperty.getParameter('cn'))
    ?.replace(/\p{Cc}+/gu, ' ')
    .trim();
  if (name) reply.attendeeName = name.slice(0, 120);
  if (mail.messageId) reply.messageId = mail.messageId;
  return reply;
}

/**
 * The calendar part: a text/calendar part first (the one in multipart/alternative, where Outlook and
 * Gmail put it, or Apple Mail's attachment), then an application/ics or *.ics attachment (Gmail and
 * Nodemailer add one beside the text/calendar part with the same content).
 */
function calendarPart(attachments: readonly Attachment[]): Attachment | undefined {
  const contentType = (a: Attachment) => a.contentType.toLowerCase();
  return (
    attachments.find((a) => contentType(a) === 'text/calendar') ??
    attachments.find((a) => contentType(a) === 'application/ics' || /\.ics$/i.test(a.filename ?? ''))
  );
}

function structuredParams(attachment: Attachment): Record<string, string> {
  const header = attachment.headers.get('content-type');
  if (header && typeof header === 'object' && 'params' in header && typeof header.params === 'object')
    return header.params as Record<string, string>;
  return {};
}

function methodParameter(attachment: Attachment): string | undefined {
  return structuredParams(attachment).method?.trim();
}

function charsetOf(attachment: Attachment): string {
  return structuredParams(attachment).charset?.trim() || 'utf-8';
}

function decode(content: Buffer, charset: string): string {
  try {
    return new TextDecoder(charset).decode(content);
  } catch {
    return content.toString('utf8');
  }
}

/** `mailto:` value, or the EMAIL parameter Apple's CalDAV clients add when the value is a urn:uuid. */
function attendeeAddress(property: ICAL.Property): string | undefined {
  const value = textValue(property.getFirstValue());
  if (value && /^mailto:/i.test(value.trim())) {
    const address = normalizeAddress(value);
    if (address.includes('@')) return address;
  }
  const email = textValue(property.getParameter('email'));
  if (email) {
    const address = normalizeAddress(email);
    if (address.includes('@')) return address;
  }
  if (value && !/^[a-z][a-z0-9+.-]*:/i.test(value.trim()) && value.includes('@')) return normalizeAddress(value);
  return undefined;
}

/**
 * SES's receipt verdicts, when the message came through SES (the S3 action keeps its headers): a
 * message SES found to carry a virus, or whose From domain's DMARC check failed, is not an answer
 * from that domain. Without these headers (a local .eml) nothing is decided here.
 */
function receiptVerdict(mail: ParsedMail): ImipRejection | undefined {
  const lines = mail.headerLines;
  const valueOf = (line: string) => line.slice(line.indexOf(':') + 1).trim();
  if (lines.some((h) => h.key === 'x-ses-virus-verdict' && /^fail\b/i.test(valueOf(h.line)))) return { rejected: 'failed-virus-check' };
  const dmarcFailed = lines.some((h) => {
    if (h.key !== 'authentication-results') return false;
    const value = valueOf(h.line).replace(/\r?\n[ \t]*/g, ' ');
    return /^amazonses\.com\s*;/i.test(value) && /\bdmarc\s*=\s*fail\b/i.test(value);
  });
  return dmarcFailed ? { rejected: 'failed-dmarc' } : undefined;
}

function textValue(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
  if (typeof value === 'number') return String(value);
  return undefined;
}

/** A value from the message shown in a rejection: short, one line, and never an address. */
function shortDetail(value: string): string {
  const flat = value.replace(/\p{Cc}+/gu, ' ').slice(0, 40);
  return flat.includes('@') ? '(unexpected value)' : flat;
}
