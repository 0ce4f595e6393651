// What the secretariat sees first (總覽): the next meetings, each with its chair and how many of
// those invited have answered, and what needs their attention now. It returns data, never text;
// console/home-page.ts words it.
//
// Primary course:
//   1. Read the county as it is now (configuration and roster changes) and every series' meetings.
//   2. Take the next scheduled meetings from today (Taipei), and the answers to each.
//   3. Gather the alerts: notices that could not be sent, calendar replies from people nobody
//      invited to a meeting still ahead, minutes (and action items, follow-up
//      forms) past their due date, meetings the planner could not place, invitations still
//      unanswered from three working days before their meeting (office calendar and closures),
//      next year's office calendar still missing from November on, and placeholders (（待填）,
//      example.org) that meetings still use.
// Nothing here is written, and nothing read is minutes content: counts and meeting names only.
import { todayInTaipei, Temporal } from '../../core/calendar/local-date.ts';
import type { Occurrence } from '../../core/planning/occurrence.ts';
import { workingDaysBefore } from '../../core/calendar/working-days.ts';
import type { CountyConfig } from '../../core/series/county-config.ts';
import type { CountyView } from '../../core/series/county-view.ts';
import { findPlaceholders, placeholderLabels, type Placeholder } from '../../core/series/placeholders.ts';
import { itemOverdue } from '../../core/minutes/minutes-deadline.ts';
import type { MeetingTable } from '../../adapters/dynamodb/meeting-table.ts';
import { listOccurrences } from '../../adapters/dynamodb/occurrence-store.ts';
import { listRsvps } from '../../adapters/dynamodb/rsvp-store.ts';
import { listFailed } from '../../adapters/dynamodb/outbox-store.ts';
import { loadOfficeCalendar } from '../../adapters/dynamodb/calendar-store.ts';
import { queryOpenActionItems, queryOwedFollowUpForms } from '../../adapters/dynamodb/minutes-store.ts';
import { loadCountyView } from '../load-county-view.ts';
import { minutesStatus } from '../minutes/minutes-views.ts';
import { heldReplies } from '../secretariat/held-replies.ts';
import { recipientName } from '../../core/notices/recipient-name.ts';

export type OverviewContext = { table: MeetingTable; config: CountyConfig; now: () => Date };

export type UpcomingMeeting = {
  seriesId: string;
  seriesName: string;
  slotKey: string;
  /** YYYY-MM-DD and HH:MM, Taipei. */
  date: string;
  start: string;
  venueName: string;
  chairUnitName: string;
  /** Planned without the year's office calendar: the date may still move. */
  provisional: boolean;
  adHoc: boolean;
  /** Contacts invited now. */
  invited: number;
  /** Of those, how many answered, and how. */
  accepted: number;
  declined: number;
  tentative: number;
  /** Answers given to an earlier version of the meeting (before a change): they may no longer hold. */
  earlierVersion: number;
};

export type MeetingRef = { seriesId: string; seriesName: string; slotKey: string; date: string };

export type PlaceholderInUse = {
  /** What the placeholder belongs to, in the secretariat's words: a contact, a venue, a series. */
  what: 'contact' | 'venue' | 'series' | 'secretariat' | 'unit';
  /** Its name as configured (which may itself be the placeholder). */
  name: string;
  /** Why it is one, each once (zh-TW short labels from placeholders.ts, or the series' fields to confirm). */
  reasons: string[];
  /** The configuration fields, e.g. units[0].contacts[1].email. */
  paths: string[];
};

export type OverviewAlert =
  | { kind: 'failed-notices'; failed: number; unknown: number }
  /** Calendar replies from people not invited, about meetings still to come (held-replies.ts). */
  | { kind: 'held-replies'; replies: number; meetings: MeetingRef[] }
  | { kind: 'overdue-minutes'; meetings: Array<MeetingRef & { dueDate: string }> }
  | { kind: 'overdue-follow-up'; actionItems: number; followUpForms: number }
  | { kind: 'needs-decision'; meetings: MeetingRef[] }
  | { kind: 'unanswered-invitations'; meetings: Array<MeetingRef & { start: string; invited: number; unanswered: string[] }> }
  | { kind: 'office-calendar-missing'; year: number }
  | { kind: 'placeholders-in-use'; items: PlaceholderInUse[] };

export type ConsoleOverview = { today: string; upcoming: UpcomingMeeting[]; alerts: OverviewAlert[] };

/** How many meetings the overview lists. */
export const upcomingCount = 8;

/**
 * From this many working days before a meeting, invitees who have not answered are worth a phone
 * call: notices go out at least three days ahead, and a unit that has not answered by then may not
 * have the invitation at all (a wrong address, a spam folder).
 */
export const unansweredWorkingDays = 3;

/** From this month on, next year's office calendar should be in (the DGPA publishes it mid-year). */
const calendarDueMonth = 11;

export async function consoleOverview(context: OverviewContext): Promise<ConsoleOverview> {
  const { table } = context;
  const today = todayInTaipei(Temporal.Instant.fromEpochMilliseconds(context.now().getTime()));
  const todayText = today.toString();
  const view = await loadCountyView(table, context.config);
  // Read once, for the unanswered-invitation window here and the minutes deadlines in minutesStatus.
  const calendarLoad = loadOfficeCalendar(table);

  const [meetingsBySeries, failed, officeCalendar, minutes, overdueActions, overdueForms, held] = await Promise.all([
    Promise.all(view.series.map(async (series) => ({ series, occurrences: await listOccurrences(table, series.id) }))),
    listFailed(table),
    calendarLoad,
    minutesStatus(context, { calendar: calendarLoad }),
    queryOpenActionItems(table, todayText),
    queryOwedFollowUpForms(table, todayText),
    heldReplies(context),
  ]);

  const future = meetingsBySeries
    .flatMap(({ occurrences }) => occurrences)
    .filter((o) => o.status === 'scheduled' && o.date >= todayText)
    .sort((a, b) => a.date.localeCompare(b.date) || a.start.localeCompare(b.start) || a.seriesId.localeCompare(b.seriesId));
  const upcoming = await Promise.all(future.slice(0, upcomingCount).map((o) => upcomingMeeting(table, view, o)));

  const alerts: OverviewAlert[] = [];
  const failedCount = failed.filter((item) => item.status === 'failed').length;
  const unknownCount = failed.filter((item) => item.status === 'unknown').length;
  if (failedCount + unknownCount > 0) alerts.push({ kind: 'failed-notices', failed: failedCount, unknown: unknownCount });
  const heldAhead = held.filter((reply) => reply.upcoming && !reply.dealtWith);
  if (heldAhead.length > 0) {
    const meetings = new Map(
      heldAhead.map((r) => [
        `${r.seriesId}/${r.slotKey}`,
        { seriesId: r.seriesId, seriesName: r.seriesName, slotKey: r.slotKey, date: r.meetingDate },
      ]),
    );
    alerts.push({
      kind: 'held-replies',
      replies: heldAhead.length,
      meetings: [...meetings.values()].sort((a, b) => a.date.localeCompare(b.date)),
    });
  }

  const overdueMinutes = minutes.filter((row) => row.overdue);
  if (overdueMinutes.length > 0)
    alerts.push({
      kind: 'overdue-minutes',
      meetings: overdueMinutes.map((row) => ({ ...meetingRef(view, row), dueDate: row.dueDate })),
    });
  const actionItems = overdueActions.filter((item) => itemOverdue(item.dueDate, todayText)).length;
  const followUpForms = overdueForms.filter((form) => itemOverdue(form.dueDate, todayText)).length;
  if (actionItems + followUpForms > 0) alerts.push({ kind: 'overdue-follow-up', actionItems, followUpForms });

  const undecided = future.filter((o) => o.needsDecision);
  if (undecided.length > 0) alerts.push({ kind: 'needs-decision', meetings: undecided.map((o) => meetingRef(view, o)) });

  const soon = future.filter((o) => {
    const from = workingDaysBefore(officeCalendar, Temporal.PlainDate.from(o.date), unansweredWorkingDays);
    return Temporal.PlainDate.compare(today, from) >= 0;
  });
  const unanswered = (await Promise.all(soon.map((o) => unansweredOf(table, view, o)))).filter((m) => m.unanswered.length > 0);
  if (unanswered.length > 0) alerts.push({ kind: 'unanswered-invitations', meetings: unanswered });

  if (today.month >= calendarDueMonth && !officeCalendar.loadedYears().includes(today.year + 1))
    alerts.push({ kind: 'office-calendar-missing', year: today.year + 1 });

  const placeholders = placeholdersInUse(view, future);
  if (placeholders.length > 0) alerts.push({ kind: 'placeholders-in-use', items: placeholders });

  return { today: todayText, upcoming, alerts };
}

async function upcomingMeeting(table: MeetingTable, view: CountyView, occurrence: Occurrence): Promise<UpcomingMeeting> {
  const series = view.findSeries(occurrence.seriesId);
  const invited = new Set(view.recipients(occurrence.seriesId).map((i) => i.contactId));
  const answers = (await listRsvps(table, occurrence.seriesId, occurrence.slotKey)).filter((a) => invited.has(a.contactId));
  const current = answers.filter((a) => a.sequence >= occurrence.sequence);
  return {
    seriesId: occurrence.seriesId,
    seriesName: series?.name.zh ?? occurrence.seriesId,
    slotKey: occurrence.slotKey,
    date: occurrence.date,
    start: occurrence.start,
    venueName: view.venue(occurrence.venueId)?.name.zh ?? occurrence.venueId,
    chairUnitName: view.unitName(occurrence.chairUnitId),
    provisional: occurrence.provisional,
    adHoc: occurrence.adHoc,
    invited: invited.size,
    accepted: current.filter((a) => a.answer === 'accept').length,
    declined: current.filter((a) => a.answer === 'decline').length,
    tentative: current.filter((a) => a.answer === 'tentative').length,
    earlierVersion: answers.length - current.length,
  };
}

/** Who is invited now and has not answered this version of the meeting, by name (never by address). */
async function unansweredOf(table: MeetingTable, view: CountyView, occurrence: Occurrence) {
  const invitees = view.recipients(occurrence.seriesId);
  const answered = new Set(
    (await listRsvps(table, occurrence.seriesId, occurrence.slotKey))
      .filter((a) => a.sequence >= occurrence.sequence)
      .map((a) => a.contactId),
  );
  return {
    ...meetingRef(view, occurrence),
    start: occurrence.start,
    invited: invitees.length,
    unanswered: invitees.filter((i) => !answered.has(i.contactId)).map((i) => i.name),
  };
}

function meetingRef(view: CountyView, meeting: { seriesId: string; slotKey: string; date: string }): MeetingRef {
  return {
    seriesId: meeting.seriesId,
    seriesName: view.findSeries(meeting.seriesId)?.name.zh ?? meeting.seriesId,
    slotKey: meeting.slotKey,
    date: meeting.date,
  };
}

/**
 * Placeholders that coming meetings would use: contacts of units a series with a coming meeting
 * invites (or chairs), venues of coming meetings, fields of such series still to be confirmed, and
 * the secretariat's own mailbox (every notice's sender). Placeholders of things no coming meeting
 * uses are for validate-config, not for today's alerts.
 */
function placeholdersInUse(view: CountyView, future: readonly Occurrence[]): PlaceholderInUse[] {
  const config = view.config;
  const activeSeries = new Set(future.map((o) => o.seriesId));
  const usedVenues = new Set(future.map((o) => o.venueId));
  const usedUnits = new Set<string>();
  for (const series of config.series.filter((s) => activeSeries.has(s.id)))
    for (const unitId of series.invitedUnitIds) usedUnits.add(unitId);
  for (const o of future) usedUnits.add(o.chairUnitId);

  // One entry per contact, venue or series, however many of its fields are placeholders.
  const found = new Map<string, PlaceholderInUse>();
  const add = (what: PlaceholderInUse['what'], key: string, name: string, placeholder: Placeholder) => {
    const entry = found.get(`${what}:${key}`) ?? { what, name, reasons: [], paths: [] };
    const reason = placeholder.kind && placeholder.kind !== 'series-fields' ? placeholderLabels[placeholder.kind] : placeholder.reason;
    if (!entry.reasons.includes(reason)) entry.reasons.push(reason);
    entry.paths.push(placeholder.path);
    found.set(`${what}:${key}`, entry);
  };
  for (const placeholder of findPlaceholders(config)) {
    const contact = /^units\[(\d+)\]\.contacts\[(\d+)\]/.exec(placeholder.path);
    const unit = /^units\[(\d+)\]/.exec(placeholder.path);
    const venue = /^venues\[(\d+)\]/.exec(placeholder.path);
    const series = /^series\[(\d+)\]/.exec(placeholder.path);
    if (contact) {
      const owner = config.units[Number(contact[1])];
      const person = owner?.contacts[Number(contact[2])];
      if (owner && person && usedUnits.has(owner.id)) add('contact', person.id, recipientName(owner.name.zh, person.name), placeholder);
    } else if (unit) {
      const owner = config.units[Number(unit[1])];
      if (owner && usedUnits.has(owner.id)) add('unit', owner.id, owner.name.zh, placeholder);
    } else if (venue) {
      const place = config.venues[Number(venue[1])];
      if (place && usedVenues.has(place.id)) add('venue', place.id, place.name.zh, placeholder);
    } else if (series) {
      const definition = config.series[Number(series[1])];
      if (definition && activeSeries.has(definition.id)) add('series', definition.id, definition.name.zh, placeholder);
    } else if (placeholder.path.startsWith('secretariat') && future.length > 0) {
      add('secretariat', 'secretariat', config.secretariat.name.zh, placeholder);
    }
  }
  return [...found.values()];
}
