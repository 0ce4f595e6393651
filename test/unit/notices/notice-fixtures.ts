// One meeting as a police squad leader hears of it: the March 2026 case conference, chaired by
// their own squad, with real signed links (masked in golden files) and the secretariat's contact
// set, as a county has it once its file is filled in.
import type { CountyConfig } from '../../../functions/core/series/county-config.ts';
import type { Occurrence } from '../../../functions/core/planning/occurrence.ts';
import type { NoticeContext, NoticeLinks, ToldMeeting } from '../../../functions/core/invitations/render-notice.ts';
import type { Recipient } from '../../../functions/core/notices/notice.ts';
import { seriesRecipients, unitRecipients } from '../../../functions/core/notices/recipients.ts';
import { meetingTime } from '../../../functions/core/invitations/meeting-time.ts';
import { rsvpLinks } from '../../../functions/core/rsvp/rsvp-links.ts';
import { signMinutesLink } from '../../../functions/use-cases/minutes/minutes-links.ts';
import { caseConference, config as seedConfig } from '../../support/planning-fixtures.ts';

export const county: CountyConfig = {
  ...seedConfig,
  secretariat: { ...seedConfig.secretariat, contact: { name: '林承辦', phone: '(05)362-0900 分機 5123' } },
};
export const series = caseConference;
export const now = new Date('2026-03-04T01:30:00Z');
const key = Buffer.from('golden-notices-test-key-32-bytes');
const baseUrl = 'https://meetings.example.org/c/chiayi-county';

const unit = (id: string) => county.units.find((u) => u.id === id)!;
const venue = (id: string) => county.venues.find((v) => v.id === id)!;

const squad = unit('police-women-children');
/** The squad leader as the outbox holds them: named as every notice names a recipient. */
export const squadLeader: Recipient = unitRecipients(county, squad.id).find((r) => r.contactId === squad.contacts[0]!.id)!;

export const march: Occurrence = {
  seriesId: series.id,
  slotKey: '2026-03',
  uid: 'c0ffee00-0000-4000-8000-000000000325@safetynet-meetings',
  sequence: 0,
  status: 'scheduled',
  date: '2026-03-25',
  start: '14:00',
  durationMinutes: 120,
  venueId: 'minxiong-center',
  chairUnitId: 'police-women-children',
  provisional: false,
  needsDecision: false,
  adHoc: false,
  createdAt: '2026-01-05T00:00:00.000Z',
  updatedAt: '2026-01-05T00:00:00.000Z',
};

export const toldOf = (occurrence: Occurrence): ToldMeeting => ({
  sequence: occurrence.sequence,
  status: occurrence.status,
  date: occurrence.date,
  start: occurrence.start,
  durationMinutes: occurrence.durationMinutes,
  venueId: occurrence.venueId,
  chairUnitId: occurrence.chairUnitId,
});

export function answerLinks(occurrence: Occurrence): NoticeLinks {
  const { start, end } = meetingTime(occurrence);
  return rsvpLinks({
    baseUrl,
    key,
    seriesId: series.id,
    slotKey: occurrence.slotKey,
    contactId: squadLeader.contactId,
    sequence: occurrence.sequence,
    meetingStart: new Date(start.epochMilliseconds),
    meetingEnd: new Date(end.epochMilliseconds),
    now,
  });
}

export function minutesLink(role: 'chair' | 'invitee'): string {
  const grant = { seriesId: series.id, slotKey: '2026-03', contactId: squadLeader.contactId, role, linkVersion: 1, now };
  return signMinutesLink(grant, key, baseUrl).url;
}

/** As functions/use-cases/notice-links.ts signs it: one per person, a token in the path. */
export const documentLink = `${baseUrl}/documents/notice/eyJwdXJwb3NlIjoibm90aWNlLWRvY3VtZW50In0.c2lnbmF0dXJlLW9mLXRoZS1saW5r`;

/** The context the dispatcher gives: every invitee as ATTENDEE, the squad's leader as chair. */
export function contextFor(occurrence: Occurrence, fields: Partial<NoticeContext> = {}): NoticeContext {
  const chairUnit = unit(occurrence.chairUnitId);
  const chairContactId = chairUnit.contacts[0]?.id;
  return {
    county,
    series,
    occurrence,
    venue: venue(occurrence.venueId),
    chairUnit,
    recipient: squadLeader,
    attendees: seriesRecipients(county, series).map((r) => ({ name: r.name, email: r.email, chair: r.contactId === chairContactId })),
    links: {},
    variant: '',
    now,
    ...fields,
  };
}
