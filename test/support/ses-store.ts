// Reads back what the SES emulator received (GET /store), the real bytes we sent through SES,
// and parses every calendar part with ical.js, an independent parser (Mozilla's, Thunderbird's).
import ICAL from 'ical.js';
import { simpleParser, type ParsedMail } from 'mailparser';

export type StoredEmail = {
  messageId: string;
  from: string;
  destination: { to: string[] };
  subject: string;
  body: { text?: string; html?: string };
  attachments: Array<{ content: string; contentType: string; filename?: string; headerLines?: Array<{ key: string; line: string }> }>;
  at: number;
  /** The raw message as SES received it (base64), recorded by the local stack's emulator front. */
  raw?: string;
};

export async function storedEmails(sesEndpoint: string): Promise<StoredEmail[]> {
  const response = await fetch(`${sesEndpoint}/store`);
  const body = (await response.json()) as { emails: StoredEmail[] };
  return body.emails;
}

export async function clearStore(sesEndpoint: string): Promise<void> {
  await fetch(`${sesEndpoint}/clear-store`, { method: 'POST' });
}

export type ParsedCalendar = { method: string; event: ICAL.Event; vevent: ICAL.Component; vcalendar: ICAL.Component };

/** The calendar part that SES received, parsed with ical.js with its VTIMEZONEs registered. */
export function calendarOf(email: StoredEmail): ParsedCalendar {
  const part = email.attachments.find((a) => a.contentType.startsWith('text/calendar'));
  if (!part) throw new Error(`no text/calendar part in "${email.subject}"`);
  const vcalendar = new ICAL.Component(ICAL.parse(Buffer.from(part.content, 'base64').toString('utf8')) as unknown[]);
  for (const vtimezone of vcalendar.getAllSubcomponents('vtimezone')) {
    ICAL.TimezoneService.register(new ICAL.Timezone(vtimezone));
  }
  const vevent = vcalendar.getFirstSubcomponent('vevent');
  if (!vevent) throw new Error('no VEVENT');
  return { method: String(vcalendar.getFirstPropertyValue('method')), event: new ICAL.Event(vevent), vevent, vcalendar };
}

export function utcStart(parsed: ParsedCalendar): string {
  return parsed.event.startDate.toJSDate().toISOString();
}

/** The message exactly as SES received it, parsed with mailparser. */
export async function rawMessageOf(email: StoredEmail): Promise<{ raw: string; parsed: ParsedMail }> {
  if (!email.raw) throw new Error(`the emulator kept no raw bytes for "${email.subject}"`);
  const raw = Buffer.from(email.raw, 'base64').toString('utf8');
  return { raw, parsed: await simpleParser(raw) };
}
