// One notice of each kind, as a police squad leader receives it: text, HTML and calendar, kept as
// golden files under test/unit/notices/golden/ that a person has read as the recipient. A change in
// what people receive shows up as a diff of these files and is read again before it is committed.
//
// DTSTAMP (the moment of rendering), the signed tokens and the VTIMEZONE block (a library's data,
// not our wording) are masked. `UPDATE_GOLDEN=1 npx vitest run test/unit/notices/golden-notices.test.ts`
// rewrites them; a missing file is written on the first run.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { renderChairChangeDigest, renderNotice, type RenderedNotice } from '../../../functions/core/invitations/render-notice.ts';
import type { Occurrence } from '../../../functions/core/planning/occurrence.ts';
import { answerLinks, contextFor, county, documentLink, march, minutesLink, now, series, squadLeader, toldOf } from './notice-fixtures.ts';

const goldenDir = join(import.meta.dirname, 'golden');

/** Moved a day later to the 朴子 centre, because of a room clash: sequence 1. */
const moved: Occurrence = { ...march, sequence: 1, date: '2026-03-26', venueId: 'puzi-center' };
/** Then cancelled for a typhoon: sequence 2. */
const cancelled: Occurrence = { ...moved, sequence: 2, status: 'cancelled' };

const notices: Record<string, () => RenderedNotice> = {
  invitation: () =>
    renderNotice(
      'invitation',
      contextFor(march, {
        links: { ...answerLinks(march), document: documentLink },
        openActionItems: [{ description: '（個案內容）', ownerUnitId: 'social-child-protection', dueDate: '2026-03-20' }],
      }),
    ),
  update: () =>
    renderNotice(
      'invitation',
      contextFor(moved, { told: toldOf(march), changeReason: '民雄中心會議室當日另有活動', links: answerLinks(moved) }),
    ),
  cancellation: () => renderNotice('cancellation', contextFor(cancelled, { told: toldOf(moved), changeReason: '颱風停止上班' })),
  // The dispatcher raises the leaver's SEQUENCE above what they hold; the meeting goes on.
  uninvitation: () => renderNotice('cancellation', contextFor({ ...march, sequence: 1 }, { told: toldOf(march), variant: 'removed' })),
  reminder: () => renderNotice('reminder', contextFor(moved, { variant: '1' })),
  'chair-duty': () => renderNotice('chair-duty', contextFor(march, { links: { minutes: minutesLink('chair') }, deadline: '2026-04-08' })),
  // To the squad told of its chair duty for 3/25, before the invitations: moved to 3/26 at 朴子.
  'chair-duty-update': () => renderNotice('chair-duty-update', contextFor(moved, { changeReason: '民雄中心會議室當日另有活動' })),
  'minutes-due': () => renderNotice('minutes-due', contextFor(march, { links: { minutes: minutesLink('chair') }, deadline: '2026-04-08' })),
  'minutes-overdue': () =>
    renderNotice('minutes-overdue', contextFor(march, { links: { minutes: minutesLink('chair') }, deadline: '2026-04-08' })),
  'minutes-distributed': () => renderNotice('minutes-distributed', contextFor(march, { links: { minutes: minutesLink('invitee') } })),
  // To the squad, which owes the foster forms decided at the March panel, on the day they are due.
  'follow-up-due': () =>
    renderNotice(
      'follow-up-due',
      contextFor(march, {
        series: county.series.find((s) => s.id === 'placement-review-panel')!,
        variant: 'foster-due',
        now: new Date('2026-07-08T01:00:00Z'),
        followUp: { unitId: 'police-women-children', placementType: 'foster', dueDate: '2026-07-08' },
      }),
    ),
  'chair-change-digest': () =>
    renderChairChangeDigest({
      county,
      recipient: squadLeader,
      day: '2026-03-04',
      entries: [
        {
          seriesId: series.id,
          slotKey: '2026-04',
          date: '2026-04-22',
          start: '14:00',
          fromUnitId: 'health-bureau',
          toUnitId: 'police-women-children',
          cause: 'cancellation',
          cancelledDate: '2026-03-25',
        },
        {
          seriesId: series.id,
          slotKey: '2026-05',
          date: '2026-05-27',
          start: '14:00',
          fromUnitId: 'police-women-children',
          toUnitId: 'education-department',
          cause: 'cancellation',
          cancelledDate: '2026-03-25',
        },
      ],
    }),
};

/** Signed tokens (payload.signature, base64url) and DTSTAMP change with keys and clocks. */
function mask(text: string): string {
  return text
    .replace(/[\w-]{16,}\.[\w-]{16,}/g, '[token]')
    .replace(/^DTSTAMP:\d{8}T\d{6}Z\r?$/gm, 'DTSTAMP:[masked]')
    .replace(/BEGIN:VTIMEZONE\r?\n[\s\S]*?END:VTIMEZONE\r?\n/, 'BEGIN:VTIMEZONE\r\n[Asia/Taipei, masked]\r\nEND:VTIMEZONE\r\n');
}

/** One tag a line, so a diff of the HTML shows which paragraph or button changed. */
function readableHtml(html: string): string {
  return `${html.replace(/(<\/p>|<\/table>|<br>|<hr[^>]*>|<\/div>|<\/head>)/g, '$1\n')}\n`;
}

function golden(name: string, actual: string): void {
  const file = join(goldenDir, name);
  if (process.env.UPDATE_GOLDEN || !existsSync(file)) {
    mkdirSync(goldenDir, { recursive: true });
    writeFileSync(file, actual);
  }
  expect(actual, `${name} differs from its golden file; read the diff, then UPDATE_GOLDEN=1`).toBe(readFileSync(file, 'utf8'));
}

function parseCalendar(content: string) {
  const vcalendar = new ICAL.Component(ICAL.parse(content) as unknown[]);
  for (const vtimezone of vcalendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(new ICAL.Timezone(vtimezone));
  const vevent = vcalendar.getFirstSubcomponent('vevent')!;
  return {
    method: String(vcalendar.getFirstPropertyValue('method')),
    vevent,
    event: new ICAL.Event(vevent),
    attendees: vevent.getAllProperties('attendee').map((a) => String(a.getFirstValue()).toLowerCase()),
    status: vevent.getFirstPropertyValue('status'),
    description: String(vevent.getFirstPropertyValue('description') ?? ''),
  };
}

describe('golden notices: what a squad leader receives, one of each kind', () => {
  for (const [name, render] of Object.entries(notices)) {
    it(name, () => {
      const notice = render();
      golden(`${name}.txt`, mask(`Subject: ${notice.subject}\n\n${notice.text}`));
      golden(`${name}.html`, mask(readableHtml(notice.html)));
      if (notice.calendar) golden(`${name}.ics`, mask(notice.calendar.content));
      else expect(existsSync(join(goldenDir, `${name}.ics`)), 'a notice without a calendar has no .ics').toBe(false);
    });
  }
});

describe('their calendars, read back with ical.js', () => {
  const everyone = contextFor(march).attendees.map((a) => `mailto:${a.email.toLowerCase()}`);
  const me = `mailto:${squadLeader.email.toLowerCase()}`;

  it('the invitation: REQUEST at SEQUENCE 0, every invitee with RSVP, CONFIRMED, 14:00 Taipei', () => {
    const cal = parseCalendar(notices.invitation!().calendar!.content);
    expect(cal.method).toBe('REQUEST');
    expect(cal.event.sequence).toBe(0);
    expect(cal.attendees).toEqual(everyone);
    expect(cal.vevent.getAllProperties('attendee').every((a) => a.getParameter('rsvp') === 'TRUE')).toBe(true);
    expect(cal.status).toBe('CONFIRMED');
    expect(cal.event.startDate.toJSDate().toISOString()).toBe('2026-03-25T06:00:00.000Z');
  });

  it('the update: REQUEST at SEQUENCE 1 on the new day', () => {
    const cal = parseCalendar(notices.update!().calendar!.content);
    expect([cal.method, cal.event.sequence, cal.status]).toEqual(['REQUEST', 1, 'CONFIRMED']);
    expect(cal.attendees).toEqual(everyone);
    expect(cal.event.startDate.toJSDate().toISOString()).toBe('2026-03-26T06:00:00.000Z');
    expect(cal.event.location).toContain('朴子');
  });

  it('the cancellation: CANCEL at SEQUENCE 2 with STATUS:CANCELLED, to every invitee', () => {
    const cal = parseCalendar(notices.cancellation!().calendar!.content);
    expect([cal.method, cal.event.sequence, cal.status]).toEqual(['CANCEL', 2, 'CANCELLED']);
    expect(cal.attendees).toEqual(everyone);
  });

  it('the uninvitation: CANCEL naming only the removed person, and no STATUS at all (RFC 5546 §3.2.5)', () => {
    const cal = parseCalendar(notices.uninvitation!().calendar!.content);
    expect([cal.method, cal.event.sequence]).toEqual(['CANCEL', 1]);
    expect(cal.attendees).toEqual([me]);
    expect(cal.vevent.hasProperty('status')).toBe(false);
    expect(cal.event.uid).toBe(march.uid);
  });

  it('no DESCRIPTION carries a link, and each has the English date with its month', () => {
    for (const name of ['invitation', 'update', 'cancellation', 'uninvitation']) {
      const notice = notices[name]!();
      const cal = parseCalendar(notice.calendar!.content);
      expect(cal.description, name).not.toMatch(/https?:/);
      expect(cal.description, name).toMatch(/When: (Wednesday 25|Thursday 26) March 2026, 14:00–16:00/);
      // The text part does carry the personal links the DESCRIPTION leaves out.
      if (name === 'invitation' || name === 'update') expect(notice.text).toMatch(/出席：https:\/\/\S+answer=accept/);
    }
  });

  it('only the notices that change a calendar carry one', () => {
    const withCalendar = Object.entries(notices)
      .filter(([, render]) => render().calendar)
      .map(([name]) => name);
    expect(withCalendar).toEqual(['invitation', 'update', 'cancellation', 'uninvitation']);
    expect(now.toISOString()).toBe('2026-03-04T01:30:00.000Z');
  });
});
