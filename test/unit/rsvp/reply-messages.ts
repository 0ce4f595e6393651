// Builds iMIP REPLY messages the way real calendar clients lay them out, with ical-generator for the
// calendar and Nodemailer's MailComposer for the MIME, so the parser is tested against messages
// shaped like Outlook's, Apple Mail's and Gmail's rather than against hand-written strings.
//   Outlook: multipart/alternative (text/plain, text/html, text/calendar; method=REPLY), no attachment.
//   Apple:   multipart/mixed (text/plain, text/calendar; method=REPLY attachment iCal-….ics),
//            ATTENDEE with CUTYPE and an EMAIL parameter; iCloud accounts use a urn:uuid value.
//   Gmail:   MailComposer's icalEvent layout (text/calendar in the alternative plus application/ics).
import ical, { ICalAttendeeStatus, ICalAttendeeType, ICalCalendarMethod } from 'ical-generator';
import ICAL from 'ical.js';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { Temporal } from 'temporal-polyfill';
import { tzlib_get_ical_block } from 'timezones-ical-library';

export type ReplySpec = {
  uid: string;
  /** null: the REPLY carries no SEQUENCE line. */
  sequence?: number | null;
  attendee: string;
  attendeeName?: string;
  partstat: 'ACCEPTED' | 'DECLINED' | 'TENTATIVE' | 'NEEDS-ACTION' | null;
  from: string;
  organizer: string;
  /** METHOD of the VCALENDAR; REPLY unless a test says otherwise. */
  method?: string;
  /** The MIME part's method= parameter; the calendar's METHOD unless a test says otherwise. */
  partMethod?: string;
  /** More ATTENDEE lines, which a REPLY must not have. */
  extraAttendees?: string[];
  /** Apple iCloud style: the ATTENDEE value is a urn:uuid and the address is only in EMAIL=. */
  attendeeUrn?: boolean;
  /** Leave the UID out. */
  noUid?: boolean;
  /** Leave ORGANIZER out, as Exchange does in the REPLYs it sends (the message still goes to `organizer`). */
  noOrganizer?: boolean;
  /** SENT-BY on the ATTENDEE: a delegate (e.g. a secretary) answering from the attendee's calendar, as Outlook writes it. */
  sentBy?: string;
  /** Extra header lines (e.g. SES receipt verdicts). */
  headers?: Record<string, string>;
  start?: string;
};

const defaultStart = '2026-03-25T14:00[Asia/Taipei]';

export function replyCalendar(spec: ReplySpec, style: 'outlook' | 'apple' | 'gmail'): string {
  const method = spec.method ?? 'REPLY';
  const calendar = ical({
    method: ICalCalendarMethod.REPLY,
    prodId:
      style === 'outlook'
        ? { company: 'Microsoft Corporation', product: 'Outlook 16.0 MIMEDIR', language: 'EN' }
        : style === 'apple'
          ? '//Apple Inc.//macOS 14.4//EN'
          : { company: 'Google Inc', product: 'Google Calendar 70.9054', language: 'EN' },
  });
  calendar.timezone({ name: null, generator: (tz: string) => tzlib_get_ical_block(tz)[0] ?? null });
  // temporal-polyfill itself, which ical-generator knows, rather than the product's own Temporal.
  const start = Temporal.ZonedDateTime.from(spec.start ?? defaultStart);
  const event = calendar.createEvent({
    id: spec.uid,
    sequence: spec.sequence ?? 0,
    stamp: new Date('2026-03-10T02:00:00Z'),
    start,
    end: start.add({ hours: 2 }),
    timezone: 'Asia/Taipei',
    summary:
      style === 'outlook'
        ? `${spec.partstat === 'DECLINED' ? '已拒絕' : '已接受'}: 強化兒少保護跨網絡合作會議`
        : '強化兒少保護跨網絡合作會議',
    organizer: { name: '嘉義縣政府社會局', email: spec.organizer },
  });
  event.createAttendee({
    email: style === 'outlook' ? spec.attendee.toUpperCase() : spec.attendee,
    ...(style === 'apple' ? { mailto: spec.attendee, type: ICalAttendeeType.INDIVIDUAL } : {}),
    name: spec.attendeeName ?? '回覆者',
    ...(spec.partstat ? { status: spec.partstat as ICalAttendeeStatus } : {}),
  });
  for (const extra of spec.extraAttendees ?? []) event.createAttendee({ email: extra, status: ICalAttendeeStatus.ACCEPTED });

  // Variants ical-generator does not write are made with ical.js, an independent iCalendar library.
  const vcalendar = new ICAL.Component(ICAL.parse(calendar.toString()) as unknown[]);
  vcalendar.updatePropertyWithValue('method', method);
  const vevent = vcalendar.getFirstSubcomponent('vevent')!;
  if (spec.sequence === null) vevent.removeAllProperties('sequence');
  if (spec.noUid) vevent.removeAllProperties('uid');
  if (spec.noOrganizer) vevent.removeAllProperties('organizer');
  if (spec.sentBy) vevent.getFirstProperty('attendee')!.setParameter('sent-by', `mailto:${spec.sentBy}`);
  if (style === 'outlook') vevent.addPropertyWithValue('x-microsoft-cdo-ownerapptid', '-1954820342');
  if (spec.attendeeUrn) {
    const attendee = vevent.getFirstProperty('attendee')!;
    attendee.setValue('urn:uuid:5f0c8f3e-2b7d-4c55-9a51-1a8e3f1f6f2a');
    attendee.setParameter('email', spec.attendee);
  }
  return vcalendar.toString();
}

export async function outlookReply(spec: ReplySpec): Promise<Buffer> {
  const content = replyCalendar(spec, 'outlook');
  const method = spec.partMethod ?? spec.method ?? 'REPLY';
  return new MailComposer({
    from: { name: spec.attendeeName ?? '回覆者', address: spec.from },
    to: spec.organizer,
    subject: `已接受: 【開會通知】115年3月25日（星期三）下午2時 強化兒少保護跨網絡合作會議`,
    text: '\r\n',
    html: '<html><body><p>&nbsp;</p></body></html>',
    alternatives: [{ contentType: `text/calendar; charset="utf-8"; method=${method}`, content, contentTransferEncoding: 'base64' }],
    headers: { 'Thread-Topic': '強化兒少保護跨網絡合作會議', ...spec.headers },
  })
    .compile()
    .build();
}

export async function appleReply(spec: ReplySpec): Promise<Buffer> {
  const content = replyCalendar(spec, 'apple');
  const method = spec.partMethod ?? spec.method ?? 'REPLY';
  return new MailComposer({
    from: { name: spec.attendeeName ?? '回覆者', address: spec.from },
    to: spec.organizer,
    subject: '邀請已拒絕: 強化兒少保護跨網絡合作會議',
    text: '回覆者 已拒絕你的邀請。',
    attachments: [
      {
        filename: 'iCal-20260310-100000.ics',
        content,
        contentType: `text/calendar; charset=utf-8; method=${method}; name=iCal-20260310-100000.ics`,
        contentDisposition: 'attachment',
        contentTransferEncoding: 'quoted-printable',
      },
    ],
    ...(spec.headers ? { headers: spec.headers } : {}),
  })
    .compile()
    .build();
}

export async function gmailReply(spec: ReplySpec): Promise<Buffer> {
  const content = replyCalendar(spec, 'gmail');
  return new MailComposer({
    from: spec.from,
    to: spec.organizer,
    subject: 'Accepted: 強化兒少保護跨網絡合作會議',
    text: 'Invitation from Google Calendar',
    html: '<p>Invitation from Google Calendar</p>',
    icalEvent: { method: spec.partMethod ?? spec.method ?? 'REPLY', content },
    ...(spec.headers ? { headers: spec.headers } : {}),
  })
    .compile()
    .build();
}

/** A message with no calendar at all (a person typing "I'll come" instead of pressing a button). */
export async function plainReply(spec: Pick<ReplySpec, 'from' | 'organizer'>): Promise<Buffer> {
  return new MailComposer({ from: spec.from, to: spec.organizer, subject: 'Re: 開會通知', text: '會準時出席，謝謝。' }).compile().build();
}
