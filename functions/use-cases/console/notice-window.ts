// Whether a change comes too late for the notices: they are due three days ahead, and a person
// reads them on working days. The planner's preview flags a meeting less than three calendar days
// away; the console also flags one less than three working days away (a Friday change for a
// Tuesday meeting reaches people on Monday at best), counted as the overview counts its
// unanswered invitations, on the county's office calendar with its closures.
//
// Primary course:
//   1. Read the office calendar (the bundled years, the imported ones, the closures).
//   2. For each meeting the change touches, before and after, find the day three working days
//      before it; today on or after that day is short notice.
//   3. Return the preview with its flags raised where they are due; nothing else changes.
import { Temporal, todayInTaipei } from '../../core/calendar/local-date.ts';
import type { MeetingTable } from '../../adapters/dynamodb/meeting-table.ts';
import { readOfficeCalendar } from '../../adapters/dynamodb/calendar-store.ts';
import type { PlanPreview } from '../secretariat/plan-preview.ts';
import { unansweredWorkingDays } from './console-overview.ts';
import { workingDaysBefore } from '../../core/calendar/working-days.ts';

/** Working days a notice needs before the meeting: the same three the overview warns at. */
export const noticeWorkingDays = unansweredWorkingDays;

export async function withWorkingDayNotice(table: MeetingTable, preview: PlanPreview, now: Temporal.Instant): Promise<PlanPreview> {
  if (preview.meetings.length === 0) return preview;
  const { calendar } = await readOfficeCalendar(table);
  const today = todayInTaipei(now);
  const tooLate = (date: string) =>
    Temporal.PlainDate.compare(today, workingDaysBefore(calendar, Temporal.PlainDate.from(date), noticeWorkingDays)) >= 0;
  const meetings = preview.meetings.map((m) => {
    const nearest = [m.after.date, ...(m.before ? [m.before.date] : [])].sort()[0]!;
    // A date already past is the use case's to refuse; only upcoming days are counted here.
    return m.shortNotice || nearest < today.toString() || !tooLate(nearest) ? m : { ...m, shortNotice: true };
  });
  return { ...preview, meetings, shortNotice: meetings.some((m) => m.shortNotice) };
}
