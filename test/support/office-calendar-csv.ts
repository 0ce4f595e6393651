// A whole year of the DGPA office calendar (政府行政機關辦公日曆表) as the secretariat downloads it:
// UTF-8 with a BOM, CRLF, header 西元日期,星期,是否放假,備註, one row per day, weekends off, plus
// the weekday days off given. Built day by day with Temporal, so the weekdays are right.
import { Temporal } from '../../functions/core/calendar/local-date.ts';
import { weekdayChar } from '../../functions/core/calendar/roc-date.ts';

export function calendarCsv(year: number, daysOff: Record<string, string> = {}): Uint8Array {
  const rows = ['西元日期,星期,是否放假,備註'];
  for (let day = Temporal.PlainDate.from({ year, month: 1, day: 1 }); day.year === year; day = day.add({ days: 1 })) {
    const key = day.toString().replaceAll('-', '');
    const label = daysOff[key];
    const off = label !== undefined || day.dayOfWeek >= 6;
    rows.push(`${key},${weekdayChar(day)},${off ? 2 : 0},${label ?? ''}`);
  }
  return new TextEncoder().encode(`\uFEFF${rows.join('\r\n')}\r\n`);
}
