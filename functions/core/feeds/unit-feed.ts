// A network unit's subscribable calendar: every meeting the unit is invited to, from a year back
// on, as one METHOD:PUBLISH object that Outlook, Google and Apple Calendar poll. It is a view, not a
// message: the invitation mails stay authoritative (they carry the answer buttons), and the feed
// carries nothing that a leaked URL must not show: no case details, no personal answer links, no
// minutes, no online-meeting link (only the mail has it). The same stored meetings always give the
// same bytes, so the ETag only changes when a meeting does: DTSTAMP is the meeting's last change,
// never the moment of the request.
import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { taipeiVtimezone } from '../calendar/taipei-vtimezone.ts';
import type { CountyConfig, SeriesDefinition } from '../series/county-config.ts';
import type { Occurrence } from '../planning/occurrence.ts';
import { TAIPEI, Temporal, todayInTaipei } from '../calendar/local-date.ts';
import { meetingTime } from '../invitations/meeting-time.ts';

export type FeedMeeting = { series: SeriesDefinition; occurrence: Occurrence };

export type UnitFeedInput = {
  config: CountyConfig;
  unitId: string;
  /** The unit's meetings; the feed keeps those in its window and orders them. */
  meetings: readonly FeedMeeting[];
  now: Temporal.Instant;
};

/** How often clients are asked to fetch again: Outlook otherwise may never refresh, Google every 12–24 h. */
export const feedRefreshSeconds = 60 * 60;

export const cancelledMark = '【取消】';

/** The first day the feed shows: a year back, so last year's meetings and their cancellations stay visible. */
export function feedWindowStart(now: Temporal.Instant): Temporal.PlainDate {
  return todayInTaipei(now).subtract({ years: 1 });
}

/** The series a unit is invited to: its meetings are the unit's feed. */
export function seriesOfUnit(config: CountyConfig, unitId: string): SeriesDefinition[] {
  return config.series.filter((series) => series.invitedUnitIds.includes(unitId));
}

export function renderUnitFeed(input: UnitFeedInput): string {
  const { config } = input;
  const unit = config.units.find((u) => u.id === input.unitId);
  if (!unit) throw new RangeError(`unknown unit "${input.unitId}"`);
  const from = feedWindowStart(input.now);
  const meetings = input.meetings
    .filter(({ series, occurrence }) => series.invitedUnitIds.includes(unit.id) && occurrence.seriesId === series.id)
    .filter(({ occurrence }) => Temporal.PlainDate.compare(Temporal.PlainDate.from(occurrence.date), from) >= 0)
    .sort((a, b) =>
      `${a.occurrence.date}${a.occurrence.start}${a.occurrence.seriesId}#${a.occurrence.slotKey}`.localeCompare(
        `${b.occurrence.date}${b.occurrence.start}${b.occurrence.seriesId}#${b.occurrence.slotKey}`,
      ),
    );

  const calendar = ical({
    method: ICalCalendarMethod.PUBLISH,
    prodId: { company: 'safetynet-meetings', product: 'safetynet-meetings', language: 'ZH-TW' },
    name: `${unit.name.zh}｜${config.county.name.zh}社會安全網會議`,
    description: '會議通知、改期與取消以電子郵件為準；本行事曆每小時更新，不含個案資料。',
    // REFRESH-INTERVAL;VALUE=DURATION and X-PUBLISHED-TTL.
    ttl: feedRefreshSeconds,
  });
  // No calendar-level time zone name: it would drop the Z from DTSTAMP (imip.md).
  calendar.timezone({ name: null, generator: taipeiVtimezone });

  for (const { series, occurrence } of meetings) {
    const { start, end } = meetingTime(occurrence);
    const cancelled = occurrence.status === 'cancelled';
    const chair = config.units.find((u) => u.id === occurrence.chairUnitId)?.name.zh ?? occurrence.chairUnitId;
    const description = [
      cancelled ? '本場會議已取消。' : '',
      `主持單位：${chair}`,
      occurrence.provisional ? '日期暫定：該年度行政機關辦公日曆表尚未公布，公布後可能調整。' : '',
      '會議通知以電子郵件為準，出席回覆請使用通知信。',
    ].filter(Boolean);
    calendar.createEvent({
      // The occurrence's UID: the same one the invitations carry, so a client that has both merges them.
      id: occurrence.uid,
      sequence: occurrence.sequence,
      stamp: new Date(occurrence.updatedAt),
      start,
      end,
      timezone: TAIPEI,
      summary: `${cancelled ? cancelledMark : ''}${series.name.zh}`,
      location: venueLine(config, occurrence.venueId),
      description: description.join('\n'),
      organizer: { name: config.secretariat.name.zh, email: config.secretariat.mailbox },
      status: cancelled ? ICalEventStatus.CANCELLED : occurrence.provisional ? ICalEventStatus.TENTATIVE : ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
}

/** The venue's name and street address; an online meeting's link stays in the mail. */
function venueLine(config: CountyConfig, venueId: string): string {
  const venue = config.venues.find((v) => v.id === venueId);
  if (!venue) return venueId;
  return venue.address ? `${venue.name.zh}（${venue.address}）` : venue.name.zh;
}
