// The foundation's promise: the March 2026 case conference is planned in DynamoDB Local, its
// invitations go through SES (the emulator) with a text/calendar REQUEST part, and a second cron
// cycle creates nothing and sends nothing.
import { describe, expect, it } from 'vitest';
import { useEmbeddedStack } from '../support/embedded-stack.ts';
import { calendarOf, storedEmails, utcStart } from '../support/ses-store.ts';
import { runCronCycle } from '../../lib/local-stack/cron-cycle.ts';
import { listOccurrences } from '../../functions/adapters/dynamodb/occurrence-store.ts';
import { OfficeCalendar } from '../../functions/core/calendar/office-calendar.ts';
import { bundledCalendarYears } from '../../functions/core/calendar/bundled-calendar.ts';
import { Temporal } from '../../functions/core/calendar/local-date.ts';
import { loadCountyConfigFile } from '../../functions/adapters/config/county-config-file.ts';

const stack = useEmbeddedStack();
const now = new Date('2026-03-09T01:00:00Z'); // 2026-03-09 09:00 Asia/Taipei
const caseConference = 'child-protection-case-conference';

describe('one meeting, end to end', () => {
  it('plans the March case conference and invites every contact of the six invited units', async () => {
    const config = loadCountyConfigFile();
    const series = config.series.find((s) => s.id === caseConference)!;
    const contacts = series.invitedUnitIds.flatMap((id) => config.units.find((u) => u.id === id)!.contacts.map((c) => c.email));

    const cycle = await runCronCycle(now);

    const occurrences = await listOccurrences(stack().table, caseConference);
    const march = occurrences.find((o) => o.slotKey === '2026-03');
    expect(march).toMatchObject({ date: '2026-03-25', start: '14:00', status: 'scheduled', sequence: 0 });

    const sentForMarch = cycle.dispatched.filter(
      (d) => d.outcome === 'sent' && d.item.kind === 'invitation' && d.item.seriesId === caseConference && d.item.slotKey === '2026-03',
    );
    expect(sentForMarch.map((d) => d.item.recipient.email).sort()).toEqual([...contacts].sort());

    const emails = (await storedEmails(stack().sesEndpoint)).filter(
      (e) => e.subject.includes('強化兒少保護跨網絡合作會議') && e.subject.includes('開會通知'),
    );
    expect(emails.map((e) => e.destination.to.join()).length).toBe(contacts.length);
    const calendar = OfficeCalendar.from(bundledCalendarYears());
    for (const email of emails) {
      const parsed = calendarOf(email);
      expect(parsed.method).toBe('REQUEST');
      expect(parsed.event.uid).toBe(march!.uid);
      // 14:00 in Asia/Taipei is 06:00 UTC, on a working day of the office calendar.
      expect(utcStart(parsed)).toBe('2026-03-25T06:00:00.000Z');
      expect(calendar.isWorkingDay(Temporal.PlainDate.from('2026-03-25'))).toBe(true);
      const part = email.attachments.find((a) => a.contentType.startsWith('text/calendar'))!;
      expect(part.contentType).toBe('text/calendar');
    }
  });

  it('creates no second occurrence and sends no second e-mail when the same cycle runs again', async () => {
    const before = await listOccurrences(stack().table, caseConference);
    const mailBefore = (await storedEmails(stack().sesEndpoint)).length;

    const again = await runCronCycle(now);

    expect(again.plans.flatMap((p) => p.created)).toEqual([]);
    expect(again.dispatched.filter((d) => d.outcome === 'sent')).toEqual([]);
    expect(await listOccurrences(stack().table, caseConference)).toEqual(before);
    expect((await storedEmails(stack().sesEndpoint)).length).toBe(mailBefore);
  });
});
