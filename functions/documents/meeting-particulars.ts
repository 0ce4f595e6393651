// How every document names a meeting's particulars: 115年度第二次強化兒少保護跨網絡合作會議,
// the ROC time of formal text, the venue with its address, who chairs. One place, so the notice,
// the sign-in sheet and the minutes of one meeting never word it differently.
import type { CountyConfig, SeriesDefinition } from '../core/series/county-config.ts';
import type { Occurrence } from '../core/planning/occurrence.ts';
import { meetingTime } from '../core/invitations/meeting-time.ts';
import { rocFormalDateTime, rocYear } from '../core/calendar/roc-date.ts';
import { Temporal } from '../core/calendar/local-date.ts';

/** U+3000, the space of CJK print: one character wide. */
export const fullWidthSpace = '\u3000';

export const unitName = (config: CountyConfig, unitId: string) => config.units.find((u) => u.id === unitId)?.name.zh ?? unitId;

export function venueText(config: CountyConfig, venueId: string): string {
  const venue = config.venues.find((v) => v.id === venueId);
  if (!venue) return venueId;
  const where = venue.onlineUrl ?? venue.address;
  return where ? `${venue.name.zh}（${where}）` : venue.name.zh;
}

export function chairText(config: CountyConfig, series: SeriesDefinition, occurrence: Occurrence): string {
  const unit = config.units.find((u) => u.id === occurrence.chairUnitId);
  const name = unit?.name.zh ?? occurrence.chairUnitId;
  if (series.chair.kind === 'fixed' && series.chair.unitId === occurrence.chairUnitId && series.chair.title) {
    return `${name} ${series.chair.title}`;
  }
  // A rotating chair is the unit's head (科長, 隊長 …): the title of its first contact says which.
  const title = unit?.contacts[0]?.title;
  return title ? `${name} ${title}` : name;
}

export function meetingTimeText(occurrence: Occurrence): string {
  return rocFormalDateTime(meetingTime(occurrence).start);
}

const chineseNumerals = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** 1 → 一, 12 → 十二, 20 → 二十: for 第N次 and numbered items up to 99. */
export function chineseNumber(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 99) return String(n);
  if (n <= 10) return chineseNumerals[n]!;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : chineseNumerals[tens]!}十${ones === 0 ? '' : chineseNumerals[ones]!}`;
}

/**
 * 115年度第二次強化兒少保護跨網絡合作會議: the ROC year of the meeting, its number in the year's plan
 * (序號), or 臨時 for an ad-hoc session without one.
 */
export function meetingName(series: SeriesDefinition, occurrence: Occurrence, meetingNumber?: number): string {
  const year = rocYear(Temporal.PlainDate.from(occurrence.date).year);
  const which = meetingNumber ? `第${chineseNumber(meetingNumber)}次` : occurrence.adHoc ? '臨時' : '';
  return `${year}年度${which}${series.name.zh}`;
}
