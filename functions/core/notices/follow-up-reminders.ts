// The unit that owes outcome follow-up forms (成效追蹤表) is reminded of them (issue 10 §4): once a
// few working days before the due date, so there is time to write them, and once on the due date
// if they are still owed. Each is one notice per (panel meeting, placement type, moment, contact):
// repeating the daily run queues nothing new (the outbox keeps the identity), and a form received
// in between is never reminded of, because only forms still owed are given here and the
// dispatcher checks again at send time.
import type { CountyConfig } from '../series/county-config.ts';
import type { WorkingDayCalendar } from '../planning/holiday-policy.ts';
import type { OwedFollowUp } from '../invitations/render-notice.ts';
import { Temporal, todayInTaipei } from '../calendar/local-date.ts';
import { noticeTime, type Notice } from './notice.ts';
import { unitRecipients } from './recipients.ts';
import { workingDaysBefore } from '../calendar/working-days.ts';

/** A form still owed, and the panel meeting (series and slot) whose minutes decided it. */
export type OwedForm = OwedFollowUp & { seriesId: string; slotKey: string };

/** How many working days ahead the first reminder goes. */
export const followUpReminderWorkingDays = 3;

/**
 * Past the due date the reminder of the day is still sent for a few days, so a daily run that did
 * not happen (an outage, a typhoon day) does not lose it; older debts are the secretariat's to chase.
 */
const lateDays = 7;

export type FollowUpReminderVariant = 'ahead' | 'due';

/** The variant names the placement type and the moment; no '#', which separates a notice's identity. */
export function followUpReminderVariant(placementType: string, moment: FollowUpReminderVariant): string {
  return `${placementType}-${moment}`;
}

export function parseFollowUpReminderVariant(variant: string): { placementType: string; moment: FollowUpReminderVariant } | undefined {
  const match = /^(.+)-(ahead|due)$/.exec(variant);
  return match ? { placementType: match[1]!, moment: match[2] as FollowUpReminderVariant } : undefined;
}

export function followUpReminders(
  config: CountyConfig,
  owed: readonly OwedForm[],
  calendar: Pick<WorkingDayCalendar, 'isWorkingDay'>,
  now: Temporal.Instant,
): Notice[] {
  const today = todayInTaipei(now);
  const notices: Notice[] = [];
  for (const form of owed) {
    const due = Temporal.PlainDate.from(form.dueDate);
    const moment = reminderMoment(today, due, calendar);
    if (!moment) continue;
    for (const recipient of unitRecipients(config, form.unitId)) {
      notices.push({
        seriesId: form.seriesId,
        slotKey: form.slotKey,
        kind: 'follow-up-due',
        variant: followUpReminderVariant(form.placementType, moment),
        sequence: 0,
        recipient,
        dueAt: noticeTime(now),
      });
    }
  }
  return notices;
}

/**
 * Which reminder is due today, if any: 'due' from the due date (for a week), 'ahead' from the
 * working day `followUpReminderWorkingDays` working days before it until the day before.
 */
function reminderMoment(
  today: Temporal.PlainDate,
  due: Temporal.PlainDate,
  calendar: Pick<WorkingDayCalendar, 'isWorkingDay'>,
): FollowUpReminderVariant | undefined {
  const compare = Temporal.PlainDate.compare(today, due);
  if (compare >= 0) return today.since(due).days <= lateDays ? 'due' : undefined;
  return Temporal.PlainDate.compare(today, workingDaysBefore(calendar, due, followUpReminderWorkingDays)) >= 0 ? 'ahead' : undefined;
}
