// The annual plan in the forms a secretariat uses: a table like the seed's (序號, 辦理日期 as
// 2/21(二)), CSV for Excel, JSON for other tools, and iCalendar for a shared calendar. None of
// them carries case details.
import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { taipeiVtimezone } from '../calendar/taipei-vtimezone.ts';
import type { CountyConfig, SeriesDefinition } from '../series/county-config.ts';
import { rocClockTime, rocTableDate } from '../calendar/roc-date.ts';
import { Temporal, TAIPEI } from '../calendar/local-date.ts';
import { meetingTime } from '../invitations/meeting-time.ts';
import type { PlannedMeeting } from './annual-plan.ts';

export type PlanFormat = 'table' | 'csv' | 'json' | 'ics';

type PlanRow = { number: string; date: string; time: string; chair: string; venue: string; remarks: string };

function rows(config: CountyConfig, meetings: readonly PlannedMeeting[]): PlanRow[] {
  let held = 0;
  return meetings.map((m) => {
    const cancelled = m.status === 'cancelled';
    if (!cancelled) held += 1;
    const remarks = [
      cancelled ? '取消' : '',
      m.adHoc ? '臨時加開' : '',
      m.provisional ? '日期暫定（辦公日曆未公布）' : '',
      m.needsDecision ? '遇休假日，待決定' : '',
      m.placementNote ?? '',
      m.stored ? '' : '（預定）',
    ].filter(Boolean);
    return {
      // 序號 counts the meetings that take place, as the seed's plan does.
      number: cancelled ? '—' : String(held),
      date: rocTableDate(Temporal.PlainDate.from(m.date)),
      time: rocClockTime(Temporal.PlainTime.from(m.start)),
      chair: config.units.find((u) => u.id === m.chairUnitId)?.name.zh ?? m.chairUnitId,
      venue: config.venues.find((v) => v.id === m.venueId)?.name.zh ?? m.venueId,
      remarks: remarks.join('；'),
    };
  });
}

const headings: Record<keyof PlanRow, string> = {
  number: '序號',
  date: '辦理日期',
  time: '時間',
  chair: '主持單位',
  venue: '地點',
  remarks: '備註',
};

export function formatPlan(
  format: PlanFormat,
  config: CountyConfig,
  series: SeriesDefinition,
  year: number,
  meetings: readonly PlannedMeeting[],
): string {
  switch (format) {
    case 'table':
      return planTable(config, series, year, meetings);
    case 'csv':
      return planCsv(config, meetings);
    case 'json':
      return `${JSON.stringify({ series: series.id, name: series.name, year, meetings }, null, 2)}\n`;
    case 'ics':
      return planCalendar(config, series, meetings);
  }
}

function planTable(config: CountyConfig, series: SeriesDefinition, year: number, meetings: readonly PlannedMeeting[]): string {
  const table = rows(config, meetings);
  const keys = Object.keys(headings) as Array<keyof PlanRow>;
  const cells = [keys.map((k) => headings[k]), ...table.map((row) => keys.map((k) => row[k]))];
  // East Asian characters take two columns in a terminal.
  const width = (text: string) =>
    [...text].reduce(
      (w, ch) => w + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1),
      0,
    );
  const widths = keys.map((_, i) => Math.max(...cells.map((row) => width(row[i] ?? ''))));
  const line = (row: string[]) =>
    row
      .map((cell, i) => cell + ' '.repeat((widths[i] ?? 0) - width(cell)))
      .join('  ')
      .trimEnd();
  const title = `${series.name.zh} ${year - 1911}年度（${year}）會議期程`;
  return [title, line(cells[0]!), ...cells.slice(1).map(line)].join('\n') + '\n';
}

function planCsv(config: CountyConfig, meetings: readonly PlannedMeeting[]): string {
  const table = rows(config, meetings);
  const keys = Object.keys(headings) as Array<keyof PlanRow>;
  const quote = (text: string) => (/[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
  const lines = [keys.map((k) => headings[k]), ...table.map((row) => keys.map((k) => row[k]))].map((row) => row.map(quote).join(','));
  // The BOM makes Excel, which most secretariats open CSV with, read UTF-8 instead of Big5.
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

function planCalendar(config: CountyConfig, series: SeriesDefinition, meetings: readonly PlannedMeeting[]): string {
  // PUBLISH: a plan to look at or subscribe to, with no attendees and so no RSVP buttons.
  const calendar = ical({
    method: ICalCalendarMethod.PUBLISH,
    name: series.name.zh,
    prodId: { company: 'safetynet-meetings', product: 'annual-plan', language: 'ZH-TW' },
  });
  calendar.timezone({ name: null, generator: taipeiVtimezone });
  for (const m of meetings) {
    const { start, end } = meetingTime(m);
    const venue = config.venues.find((v) => v.id === m.venueId);
    calendar.createEvent({
      id: m.stored ? m.uid : `${series.id}-${m.slotKey}@plan.safetynet-meetings`,
      sequence: m.sequence,
      start,
      end,
      timezone: TAIPEI,
      summary: series.name.zh,
      location: venue ? [venue.name.zh, venue.address].filter(Boolean).join(' ') : m.venueId,
      description: `主持單位：${config.units.find((u) => u.id === m.chairUnitId)?.name.zh ?? m.chairUnitId}${m.provisional ? '\n日期暫定（辦公日曆未公布）' : ''}`,
      status: m.status === 'cancelled' ? ICalEventStatus.CANCELLED : m.provisional ? ICalEventStatus.TENTATIVE : ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
}
