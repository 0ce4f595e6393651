// Every message read back from the SES emulator as the bytes SES received, parsed with mailparser
// (part tree, method=) and ical.js (the calendar object), through invitation, move and cancel.
import { describe, expect, it } from 'vitest';
import { useEmbeddedStack } from '../support/embedded-stack.ts';
import { calendarOf, clearStore, rawMessageOf, storedEmails, utcStart, type StoredEmail } from '../support/ses-store.ts';
import { caseConference, config, officeCalendar, taipeiMorning } from '../support/planning-fixtures.ts';
import { runCronCycle } from '../../lib/local-stack/cron-cycle.ts';
import { getOccurrence } from '../../functions/adapters/dynamodb/occurrence-store.ts';
import { changeOccurrence } from '../../functions/use-cases/secretariat/change-occurrence.ts';
import { seriesRecipients } from '../../functions/core/notices/recipients.ts';

const stack = useEmbeddedStack();
const now = taipeiMorning('2026-03-09');
const recipients = seriesRecipients(config, caseConference);
const chairUnit = 'health-bureau'; // the rotation's chair for March 2026
const chairContact = config.units.find((u) => u.id === chairUnit)!.contacts[0]!;

async function caseConferenceMail(tag: string): Promise<StoredEmail[]> {
  return (await storedEmails(stack().sesEndpoint)).filter((e) => e.subject.includes(caseConference.name.zh) && e.subject.includes(tag));
}

async function checkCalendarMessage(email: StoredEmail, method: 'REQUEST' | 'CANCEL', uid: string, sequence: number) {
  const { raw, parsed } = await rawMessageOf(email);
  // Part tree: multipart/mixed ⊃ multipart/alternative (text/plain, text/html, text/calendar) + application/ics.
  expect(parsed.headers.get('content-type')).toMatchObject({ value: 'multipart/mixed' });
  expect(parsed.text).toContain(caseConference.name.zh);
  expect(parsed.html).toBeTruthy();
  const calendarPart = parsed.attachments.find((a) => a.contentType === 'text/calendar');
  const icsAttachment = parsed.attachments.find((a) => a.contentType === 'application/ics');
  expect(calendarPart?.partId).toBe('1.3');
  expect(icsAttachment).toMatchObject({ partId: '2', filename: 'invite.ics' });
  const partType = calendarPart!.headers.get('content-type') as { params: Record<string, string> };
  // RFC 6047: the part's method= equals the object's METHOD, or Exchange rejects it.
  expect(partType.params.method).toBe(method);
  expect(raw).not.toMatch(/^Bcc:/im);

  const cal = calendarOf(email);
  expect(cal.method).toBe(method);
  expect(cal.event.uid).toBe(uid);
  expect(cal.event.sequence).toBe(sequence);
  expect(String(cal.vevent.getFirstProperty('dtstamp')!.toICALString())).toMatch(/^DTSTAMP:\d{8}T\d{6}Z$/);
  expect(cal.vcalendar.getAllSubcomponents('vtimezone').map((tz) => tz.getFirstPropertyValue('tzid'))).toContain('Asia/Taipei');
  const organizer = cal.vevent.getFirstProperty('organizer')!;
  expect(String(organizer.getFirstValue()).toLowerCase()).toBe(`mailto:${config.secretariat.mailbox}`);
  expect(parsed.from?.value[0]?.address).toBe(config.secretariat.mailbox);

  const to = parsed.to && !Array.isArray(parsed.to) ? parsed.to.value[0]?.address : undefined;
  const attendees = cal.vevent.getAllProperties('attendee');
  expect(attendees).toHaveLength(recipients.length);
  const me = attendees.find((a) => String(a.getFirstValue()).toLowerCase() === `mailto:${to}`);
  expect(me, 'the recipient is an ATTENDEE').toBeDefined();
  if (method === 'REQUEST') expect(me!.getParameter('rsvp')).toBe('TRUE');
  const chair = attendees.find((a) => String(a.getFirstValue()).toLowerCase() === `mailto:${chairContact.email}`);
  expect(chair!.getParameter('role')).toBe('CHAIR');
  if (method === 'CANCEL') expect(cal.vevent.getFirstPropertyValue('status')).toBe('CANCELLED');
  return cal;
}

describe('invitations that calendar clients accept', () => {
  it('sends one REQUEST per invited contact, right in every detail', async () => {
    await runCronCycle(new Date(now.epochMilliseconds));
    const march = (await getOccurrence(stack().table, caseConference.id, '2026-03'))!;
    const emails = await caseConferenceMail('開會通知');
    expect(emails.map((e) => e.destination.to.join()).length).toBe(recipients.length);
    for (const email of emails) {
      const cal = await checkCalendarMessage(email, 'REQUEST', march.uid, 0);
      expect(utcStart(cal)).toBe('2026-03-25T06:00:00.000Z'); // 14:00 Asia/Taipei
      expect(cal.event.location).toContain('嘉義縣民雄鄉江厝店29之4號');
      // The body is zh-TW first with the formal ROC date, then English; no case details.
      const { parsed } = await rawMessageOf(email);
      expect(parsed.text!.indexOf('115年3月25日（星期三）下午2時')).toBeLessThan(parsed.text!.indexOf('English'));
      expect(parsed.text).toContain('本通知不含個案資料');
      // Signed accept and decline links, in both the text and the HTML part.
      expect(parsed.text).toMatch(/出席：http:\/\/127\.0\.0\.1:3000\/c\/chiayi-county\/rsvp\/[\w-]+\.[\w-]+\?answer=accept/);
      expect(parsed.html).toMatch(/href="http:\/\/127\.0\.0\.1:3000\/c\/chiayi-county\/rsvp\/[^"]+answer=decline"/);
    }
  });

  it('sends every invitee an update with the same UID and SEQUENCE+1 when the meeting moves, once', async () => {
    await clearStore(stack().sesEndpoint);
    const before = (await getOccurrence(stack().table, caseConference.id, '2026-03'))!;
    await changeOccurrence(stack().table, config, officeCalendar, {
      kind: 'move',
      seriesId: caseConference.id,
      occurrence: '2026-03-25',
      date: '2026-03-26',
      reason: '會議室衝突',
      actor: { id: 't' },
      now,
    });
    await runCronCycle(new Date(now.epochMilliseconds));
    const updates = await caseConferenceMail('會議異動');
    expect(updates).toHaveLength(recipients.length);
    for (const email of updates) {
      const cal = await checkCalendarMessage(email, 'REQUEST', before.uid, before.sequence + 1);
      expect(cal.event.startDate.toJSDate().toISOString()).toBe('2026-03-26T06:00:00.000Z');
    }
    const again = await runCronCycle(new Date(now.epochMilliseconds));
    expect(again.dispatched.filter((d) => d.outcome === 'sent')).toEqual([]);
  });

  it('sends every invitee a CANCEL with a higher SEQUENCE on a typhoon day, once', async () => {
    await clearStore(stack().sesEndpoint);
    const before = (await getOccurrence(stack().table, caseConference.id, '2026-03'))!;
    await changeOccurrence(stack().table, config, officeCalendar, {
      kind: 'cancel',
      seriesId: caseConference.id,
      occurrence: '2026-03',
      reason: '颱風停止上班',
      actor: { id: 't' },
      now,
    });
    await runCronCycle(new Date(now.epochMilliseconds));
    const cancellations = await caseConferenceMail('會議取消');
    expect(cancellations).toHaveLength(recipients.length);
    for (const email of cancellations) {
      const cal = await checkCalendarMessage(email, 'CANCEL', before.uid, before.sequence + 1);
      expect(cal.vevent.getAllSubcomponents('valarm')).toEqual([]);
    }
    const again = await runCronCycle(new Date(now.epochMilliseconds));
    expect(again.dispatched.filter((d) => d.outcome === 'sent')).toEqual([]);
  });
});
