// What changed for one person: the meeting as their last calendar message told it, against the
// meeting as it is now. An update names each field that changed, old → new, so a squad leader
// can correct the diary without comparing two mails side by side.
import type { CountyConfig } from '../series/county-config.ts';
import type { Occurrence } from '../planning/occurrence.ts';
import { rocClockTime, rocFormalDateTime } from '../calendar/roc-date.ts';
import { englishMeetingTime } from './english-date.ts';
import { meetingTime } from './meeting-time.ts';
import type { ToldMeeting } from './render-notice.ts';

export type MeetingChange = { field: 'when' | 'venue' | 'chair'; zh: string; en: string };

type Facts = Pick<Occurrence, 'date' | 'start' | 'durationMinutes' | 'venueId' | 'chairUnitId'>;

/** `115年3月25日（星期三）下午2時至4時`: the formal date with the meeting's end. */
export function rocMeetingTime(occurrence: Pick<Occurrence, 'date' | 'start' | 'durationMinutes'>): string {
  const { start, end } = meetingTime(occurrence);
  // 下午2時至4時: the end's 上午/下午 is said once, as a person writes it; 中午12時 keeps its word.
  const [from, to] = [rocClockTime(start.toPlainTime()), rocClockTime(end.toPlainTime())];
  const period = (clock: string) => clock.slice(0, 2);
  const sameDay = end.toPlainDate().equals(start.toPlainDate());
  const until = sameDay && period(from) === period(to) && period(to) !== '中午' ? to.slice(2) : to;
  return `${rocFormalDateTime(start)}至${until}`;
}

export function englishMeetingTimeOf(occurrence: Pick<Occurrence, 'date' | 'start' | 'durationMinutes'>): string {
  const { start, end } = meetingTime(occurrence);
  return englishMeetingTime(start, end);
}

export function meetingChanges(county: CountyConfig, told: ToldMeeting, now: Facts): MeetingChange[] {
  const changes: MeetingChange[] = [];
  if (told.date !== now.date || told.start !== now.start || told.durationMinutes !== now.durationMinutes) {
    changes.push({
      field: 'when',
      zh: `日期時間：原 ${rocMeetingTime(told)} → 新 ${rocMeetingTime(now)}`,
      // The zone once, at the end: both times are Taipei's.
      en: `Date and time: was ${englishMeetingTimeOf(told).replace(' (Asia/Taipei)', '')}; now ${englishMeetingTimeOf(now)}`,
    });
  }
  if (told.venueId !== now.venueId) {
    const [was, is] = [venueName(county, told.venueId), venueName(county, now.venueId)];
    changes.push({ field: 'venue', zh: `地點：原 ${was.zh} → 新 ${is.zh}`, en: `Venue: was ${was.en}; now ${is.en}` });
  }
  if (told.chairUnitId !== now.chairUnitId) {
    const [was, is] = [unitName(county, told.chairUnitId), unitName(county, now.chairUnitId)];
    changes.push({ field: 'chair', zh: `主持單位：原 ${was.zh} → 新 ${is.zh}`, en: `Chair: was ${was.en}; now ${is.en}` });
  }
  return changes;
}

type Names = { zh: string; en: string };

/** A venue or unit removed from the configuration since still has its id, never an empty name. */
export function venueName(county: CountyConfig, id: string): Names {
  const venue = county.venues.find((v) => v.id === id);
  return venue ? { zh: venue.name.zh, en: venue.name.en ?? venue.name.zh } : { zh: id, en: id };
}

export function unitName(county: CountyConfig, id: string): Names {
  const unit = county.units.find((u) => u.id === id);
  return unit ? { zh: unit.name.zh, en: unit.name.en ?? unit.name.zh } : { zh: id, en: id };
}
