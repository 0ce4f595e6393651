// One meeting as the secretariat's meeting page shows it: every invited unit and contact with their
// answer (出席, 不克出席 or 未回覆, and who attends for them), the notices sent to each person with
// their delivery state, the change history with its reasons, and the minutes with their action
// items. Read only; names come from the county as it is now.
import type { CountyConfig } from '../../core/series/county-config.ts';
import type { NoticeKind } from '../../core/notices/notice.ts';
import { Temporal, todayInTaipei } from '../../core/calendar/local-date.ts';
import { rocTableDate } from '../../core/calendar/roc-date.ts';
import { countyView } from '../../core/series/county-view.ts';
import { minutesOverdue } from '../../core/minutes/minutes-deadline.ts';
import { minutesDueDay } from '../minutes/minutes-due-day.ts';
import { minutesStateNames, type MinutesState } from '../../core/minutes/minutes-lifecycle.ts';
import type { ActionItem } from '../../core/minutes/minutes-schema.ts';
import { auditTime, type SecretariatAction } from '../../core/audit/secretariat-action.ts';
import type { MeetingTable } from '../../adapters/dynamodb/meeting-table.ts';
import { listOccurrences } from '../../adapters/dynamodb/occurrence-store.ts';
import { readOverrides } from '../../adapters/dynamodb/override-store.ts';
import { listRsvps } from '../../adapters/dynamodb/rsvp-store.ts';
import { listOutbox, type OutboxStatus } from '../../adapters/dynamodb/outbox-store.ts';
import { listRosterChanges } from '../../adapters/dynamodb/roster-store.ts';
import { getMinutesHead, recordAudit } from '../../adapters/dynamodb/minutes-store.ts';
import { listMeetingActions } from '../../adapters/dynamodb/secretariat-action-store.ts';
import { findSeries } from './request-checks.ts';
import { findMeeting, type Actor } from './change-occurrence.ts';
import { explainSendError, noticeKindLabels } from './failed-notices.ts';
import { noticeDays } from './plan-preview.ts';

export type AnswerState = 'attending' | 'not-attending' | 'tentative' | 'no-answer';

const answerTexts: Record<AnswerState, string> = {
  attending: '出席',
  'not-attending': '不克出席',
  tentative: '暫定',
  'no-answer': '未回覆',
};

const deliveryTexts: Record<OutboxStatus, string> = {
  pending: '待寄送',
  sent: '已寄出',
  failed: '寄送失敗',
  unknown: '結果不明',
  superseded: '已由較新的通知取代，未寄出',
};

export type NoticeSent = {
  kind: NoticeKind;
  kindText: string;
  /** The version of the meeting it told of. */
  sequence: number;
  status: OutboxStatus;
  statusText: string;
  dueAt: string;
  sentAt?: string;
  /** Why it was not sent, in zh-TW, for failed and unknown ones. */
  why?: string;
};

export type ContactDetail = {
  contactId: string;
  name: string;
  title?: string;
  answer: AnswerState;
  answerText: string;
  /** The answer was given to an earlier version of the meeting (before a move): ask again. */
  answerOutdated?: boolean;
  /** Who attends for the unit (代理出席), when not the contact. */
  attendeeName?: string;
  note?: string;
  answeredAt?: string;
  notices: NoticeSent[];
};

export type MeetingDetail = {
  seriesId: string;
  seriesName: string;
  slotKey: string;
  status: 'scheduled' | 'cancelled';
  date: string;
  /** 3/25(三) */
  dateText: string;
  start: string;
  venueId: string;
  venueName: string;
  chairUnitId: string;
  chairUnitName: string;
  /** The chair is an acting chair (代理主持) for this meeting. */
  actingChair: boolean;
  adHoc: boolean;
  provisional: boolean;
  placementNote?: string;
  /** The iCalendar SEQUENCE: how many times invitees were told of a change. */
  sequence: number;
  /** It is less than three days away: changes now come too late for the notice period. */
  withinNoticePeriod: boolean;
  answered: { attending: number; notAttending: number; noAnswer: number };
  units: Array<{ unitId: string; unitName: string; chair: boolean; contacts: ContactDetail[] }>;
  /** People who are no longer on a roster but were sent notices about this meeting. */
  formerContacts: Array<{ contactId: string; name: string; unitId: string; notices: NoticeSent[] }>;
  /** The secretariat's tasks on this meeting, oldest first, with their reasons and who was told. */
  history: SecretariatAction[];
  minutes: {
    state: MinutesState | 'none';
    stateText: string;
    version: number;
    dueDate: string;
    overdue: boolean;
    actionItems: ActionItem[];
  };
};

/**
 * One meeting's detail for the meeting page.
 * 1. Validate the series and the meeting (its date or slot).
 * 2. Load its answers, its notices, its audit trail, its minutes and the roster, at once.
 * 3. Record the read of the minutes' action items (minutes are confidential: every read is audited).
 * 4. Return them arranged by unit and contact, in zh-TW words.
 */
export async function meetingDetail(
  table: MeetingTable,
  config: CountyConfig,
  request: { seriesId: string; occurrence: string; actor: Actor; now: Temporal.Instant },
): Promise<MeetingDetail> {
  const series = findSeries(config, request.seriesId);
  const occurrence = findMeeting(series, await listOccurrences(table, series.id), request.occurrence);
  const slotKey = occurrence.slotKey;
  const [rsvps, outbox, roster, head, history, overrides] = await Promise.all([
    listRsvps(table, series.id, slotKey),
    listOutbox(table, series.id, slotKey),
    listRosterChanges(table),
    getMinutesHead(table, series.id, slotKey),
    listMeetingActions(table, { seriesId: series.id, slotKey }),
    readOverrides(table, series.id),
  ]);
  const view = countyView(config, roster);
  const today = todayInTaipei(request.now);
  if (head)
    await recordAudit(table, {
      at: auditTime(request.now.epochMilliseconds),
      seriesId: series.id,
      slotKey,
      actor: { kind: 'secretariat', subject: request.actor.id, via: request.actor.via ?? 'unknown' },
      action: 'read',
      version: head.version,
      state: head.state,
    });

  const noticesOf = (contactId: string): NoticeSent[] =>
    outbox
      .filter((item) => item.recipient.contactId === contactId)
      .sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.sequence - b.sequence)
      .map((item) => ({
        kind: item.kind,
        kindText: noticeKindLabels[item.kind],
        sequence: item.sequence,
        status: item.status,
        statusText: deliveryTexts[item.status],
        dueAt: item.dueAt,
        ...(item.sentAt ? { sentAt: item.sentAt } : {}),
        ...(item.status === 'failed' || item.status === 'unknown' ? { why: explainSendError(item.status, item.lastError) } : {}),
      }));

  const answered = { attending: 0, notAttending: 0, noAnswer: 0 };
  const units = series.invitedUnitIds.map((unitId) => ({
    unitId,
    unitName: view.unitName(unitId),
    chair: unitId === occurrence.chairUnitId,
    contacts: (view.unit(unitId)?.contacts ?? []).map((contact): ContactDetail => {
      const rsvp = rsvps.find((r) => r.contactId === contact.id);
      const answer: AnswerState = !rsvp
        ? 'no-answer'
        : rsvp.answer === 'accept'
          ? 'attending'
          : rsvp.answer === 'decline'
            ? 'not-attending'
            : 'tentative';
      if (answer === 'attending') answered.attending++;
      else if (answer === 'not-attending') answered.notAttending++;
      else answered.noAnswer++;
      return {
        contactId: contact.id,
        name: contact.name,
        ...(contact.title ? { title: contact.title } : {}),
        answer,
        answerText: answerTexts[answer],
        ...(rsvp && rsvp.sequence < occurrence.sequence ? { answerOutdated: true } : {}),
        ...(rsvp?.attendeeName ? { attendeeName: rsvp.attendeeName } : {}),
        ...(rsvp?.note ? { note: rsvp.note } : {}),
        ...(rsvp ? { answeredAt: rsvp.at } : {}),
        notices: noticesOf(contact.id),
      };
    }),
  }));
  const current = new Set(units.flatMap((u) => u.contacts.map((c) => c.contactId)));
  const former = new Map<string, { contactId: string; name: string; unitId: string }>();
  for (const item of outbox)
    if (!current.has(item.recipient.contactId))
      former.set(item.recipient.contactId, {
        contactId: item.recipient.contactId,
        name: item.recipient.name,
        unitId: item.recipient.unitId,
      });

  const state = head?.state ?? 'none';
  // The working day the chair's notices state, not a calendar-day count that may land on a Sunday.
  const dueDate = await minutesDueDay(table, occurrence.date, series);
  const override = overrides.find((o) => o.override.slotKey === slotKey)?.override;
  return {
    seriesId: series.id,
    seriesName: series.name.zh,
    slotKey,
    status: occurrence.status,
    date: occurrence.date,
    dateText: rocTableDate(Temporal.PlainDate.from(occurrence.date)),
    start: occurrence.start,
    venueId: occurrence.venueId,
    venueName: view.venue(occurrence.venueId)?.name.zh ?? occurrence.venueId,
    chairUnitId: occurrence.chairUnitId,
    chairUnitName: view.unitName(occurrence.chairUnitId),
    actingChair: override?.actingChair === true && override.chairUnitId === occurrence.chairUnitId,
    adHoc: occurrence.adHoc,
    provisional: occurrence.provisional,
    ...(occurrence.placementNote ? { placementNote: occurrence.placementNote } : {}),
    sequence: occurrence.sequence,
    withinNoticePeriod: Temporal.PlainDate.from(occurrence.date).since(today).days < noticeDays,
    answered,
    units,
    formerContacts: [...former.values()].map((c) => ({ ...c, notices: noticesOf(c.contactId) })),
    history,
    minutes: {
      state,
      stateText: minutesStateNames[state],
      version: head?.version ?? 0,
      dueDate,
      overdue: occurrence.status === 'scheduled' && minutesOverdue(head?.state, dueDate, today.toString()),
      actionItems: head?.minutes.actionItems ?? [],
    },
  };
}
