// The secretariat's follow-up views: minutes status per meeting, open and overdue action items
// across series, overdue minutes and overdue outcome follow-up forms. Lists that show minutes
// content (action items) are audited like any read.
import { todayInTaipei, Temporal } from '../../core/calendar/local-date.ts';
import { itemOverdue, minutesOverdue } from '../../core/minutes/minutes-deadline.ts';
import { minutesDeadlineDay } from '../../core/notices/minutes-deadline-day.ts';
import type { MinutesState } from '../../core/minutes/minutes-lifecycle.ts';
import type { ActionItemRecord, FollowUpFormRecord, MinutesActor } from '../../core/minutes/minutes-record.ts';
import { listOccurrences } from '../../adapters/dynamodb/occurrence-store.ts';
import { loadOfficeCalendar } from '../../adapters/dynamodb/calendar-store.ts';
import type { OfficeCalendar } from '../../core/calendar/office-calendar.ts';
import {
  listMinutesHeads,
  listSeriesActionItems,
  queryOpenActionItems,
  queryOwedFollowUpForms,
  recordAudit,
} from '../../adapters/dynamodb/minutes-store.ts';
import type { MinutesContext } from './minutes-context.ts';

export type MinutesStatusRow = {
  seriesId: string;
  slotKey: string;
  date: string;
  chairUnitId: string;
  state: MinutesState | 'none';
  version: number;
  dueDate: string;
  overdue: boolean;
  updatedAt?: string;
};

export type MinutesStatusQuery = {
  seriesId?: string;
  /** YYYY-MM-DD, default a year before today. */
  since?: string;
  /** The office calendar a caller already reads (it may still be loading), so a request reads it once. */
  calendar?: Promise<OfficeCalendar>;
};

/**
 * Every meeting held (not cancelled) since `since`, with its minutes' state and deadline. This is
 * the query the daily minutes-due and minutes-overdue reminders run on. The deadline is the working
 * day the chair's notices state, so a meeting is overdue here from the same day as in their mail.
 */
export async function minutesStatus(context: MinutesContext, query: MinutesStatusQuery = {}): Promise<MinutesStatusRow[]> {
  const today = todayOf(context);
  const since = query.since ?? Temporal.PlainDate.from(today).subtract({ years: 1 }).toString();
  const series = context.config.series.filter((s) => !query.seriesId || s.id === query.seriesId);
  const calendar = await (query.calendar ?? loadOfficeCalendar(context.table));
  const rows = await Promise.all(
    series.map(async (definition) => {
      const [occurrences, heads] = await Promise.all([
        listOccurrences(context.table, definition.id),
        listMinutesHeads(context.table, definition.id),
      ]);
      const headOf = new Map(heads.map((h) => [h.slotKey, h]));
      return occurrences
        .filter((o) => o.status === 'scheduled' && o.date <= today && o.date >= since)
        .map((o): MinutesStatusRow => {
          const head = headOf.get(o.slotKey);
          const dueDate = minutesDeadlineDay(o.date, definition, calendar);
          return {
            seriesId: o.seriesId,
            slotKey: o.slotKey,
            date: o.date,
            chairUnitId: o.chairUnitId,
            state: head?.state ?? 'none',
            version: head?.version ?? 0,
            dueDate,
            overdue: minutesOverdue(head?.state, dueDate, today),
            ...(head ? { updatedAt: head.updatedAt } : {}),
          };
        });
    }),
  );
  return rows.flat().sort((a, b) => a.date.localeCompare(b.date) || a.seriesId.localeCompare(b.seriesId));
}

export async function listActionItems(
  context: MinutesContext,
  actor: MinutesActor,
  which: 'open' | 'overdue',
): Promise<ActionItemRecord[]> {
  const items = await queryOpenActionItems(context.table, which === 'overdue' ? todayOf(context) : undefined);
  await recordAudit(context.table, { at: context.now().toISOString(), actor, action: 'list-action-items', count: items.length });
  return items;
}

export type OverdueReport = { minutes: MinutesStatusRow[]; actionItems: ActionItemRecord[]; followUpForms: FollowUpFormRecord[] };

export async function overdueReport(context: MinutesContext, actor: MinutesActor): Promise<OverdueReport> {
  const today = todayOf(context);
  const [status, actionItems, followUpForms] = await Promise.all([
    minutesStatus(context),
    queryOpenActionItems(context.table, today),
    queryOwedFollowUpForms(context.table, today),
  ]);
  const report = {
    minutes: status.filter((row) => row.overdue),
    actionItems: actionItems.filter((item) => itemOverdue(item.dueDate, today)),
    followUpForms: followUpForms.filter((form) => itemOverdue(form.dueDate, today)),
  };
  await recordAudit(context.table, {
    at: context.now().toISOString(),
    actor,
    action: 'list-overdue',
    count: report.minutes.length + report.actionItems.length + report.followUpForms.length,
  });
  return report;
}

/**
 * The open action items a series carries into its next meeting: those of approved (or
 * distributed) minutes not yet done, oldest due first. Drafts are left out: the secretariat has
 * not yet checked them, and the list goes out in invitations.
 */
export async function openActionItems(table: MinutesContext['table'], seriesId: string): Promise<ActionItemRecord[]> {
  const items = await listSeriesActionItems(table, seriesId);
  return items
    .filter((item) => item.status === 'open' && (item.minutesState === 'approved' || item.minutesState === 'distributed'))
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.slotKey.localeCompare(b.slotKey) || a.index - b.index);
}

function todayOf(context: MinutesContext): string {
  return todayInTaipei(Temporal.Instant.fromEpochMilliseconds(context.now().getTime())).toString();
}
