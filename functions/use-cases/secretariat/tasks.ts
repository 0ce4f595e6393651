// The secretariat's tasks, one function each, as the console, the JSON API and the command line
// call them: the same context (who, when, which county), a request with a reason, a result of
// data (never text), and errors that carry a code, the field at fault and a zh-TW message
// (SecretariatInputError). Every task validates everything before its first write and is audited:
// who, when, why, what changed (before → after), who was told.
//
// Each scheduling task has a preview beside it: the same validation, what would change and who
// would be told, and whether a meeting is less than three days away; nothing is written. The
// console's confirmation step shows it.
//
// The work is done by the use case each function names; this module only gives them one shape.
import type { CountyConfig } from '../../core/series/county-config.ts';
import type { Temporal } from '../../core/calendar/local-date.ts';
import type { MeetingTable } from '../../adapters/dynamodb/meeting-table.ts';
import { readOfficeCalendar } from '../../adapters/dynamodb/calendar-store.ts';
import { changeOccurrence, previewOccurrenceChange, type Actor, type ChangeResult, type OccurrenceChange } from './change-occurrence.ts';
import {
  declareClosure,
  previewDeclareClosure,
  previewRemoveClosure,
  removeClosure,
  type DeclareClosureResult,
  type RemoveClosureResult,
} from './change-closure.ts';
import { importOfficeCalendar, previewOfficeCalendarImport, type ImportCalendarResult } from './import-office-calendar.ts';
import { changeRoster, previewRosterChange, type RosterEdit, type RosterResult } from './change-roster.ts';
import { retryFailedNotices, retryNotice, type RetryNoticeResult } from './failed-notices.ts';
import { issueChairLink, revokeChairLink, type IssuedChairLink, type RevokedChairLink } from './chair-link.ts';
import { decideMinutes, type MinutesDecisionResult } from './minutes-decisions.ts';
import type { PlanPreview } from './plan-preview.ts';

export type { Actor } from './change-occurrence.ts';
export type { PlanPreview } from './plan-preview.ts';
export { SecretariatInputError } from './secretariat-input-error.ts';

/** Who acts, when, in which county; the link key only for the chair's minutes link. */
export type TaskContext = {
  table: MeetingTable;
  config: CountyConfig;
  actor: Actor;
  now: Temporal.Instant;
  /** The county's link-signing key and where its links point (…/c/<county>). */
  links?: { signingKey: Uint8Array; baseUrl: string };
};

/** One meeting, named by its date (2026-03-25) or its slot (2026-03), and why it is changed. */
export type MeetingRequest = { seriesId: string; occurrence: string; reason: string };

async function calendarOf(ctx: TaskContext) {
  return (await readOfficeCalendar(ctx.table)).calendar;
}

type Change = OccurrenceChange extends infer C ? (C extends unknown ? Omit<C, 'actor' | 'now'> : never) : never;

async function change(ctx: TaskContext, request: Change): Promise<ChangeResult> {
  return changeOccurrence(ctx.table, ctx.config, await calendarOf(ctx), { ...request, actor: ctx.actor, now: ctx.now });
}

async function preview(ctx: TaskContext, request: Change): Promise<PlanPreview> {
  return previewOccurrenceChange(ctx.table, ctx.config, await calendarOf(ctx), {
    ...request,
    actor: ctx.actor,
    now: ctx.now,
  });
}

// ---- One meeting ------------------------------------------------------------------------------

export type MoveRequest = MeetingRequest & { date: string; start?: string; force?: boolean };

/**
 * Move a meeting to another day (and time).
 * 1. Load the series' meetings, overrides and the office calendar.
 * 2. Validate: a real date, not past, a working day unless `force` confirms a day off, a meeting
 *    that has not taken place, a reason.
 * 3. Write the override and the audit record in one transaction.
 * 4. Tell: re-plan, so every invitee gets the updated invitation; record who.
 */
export async function moveMeeting(ctx: TaskContext, request: MoveRequest): Promise<ChangeResult> {
  return change(ctx, { kind: 'move', ...request });
}
export async function previewMoveMeeting(ctx: TaskContext, request: MoveRequest): Promise<PlanPreview> {
  return preview(ctx, { kind: 'move', ...request });
}

/**
 * Cancel one meeting (a typhoon day) in a single step.
 * 1. Load the series' meetings and overrides.
 * 2. Validate: a meeting not yet held and not already cancelled, a reason.
 * 3. Write the override and the audit record in one transaction.
 * 4. Tell: re-plan, so every invitee gets the cancellation (and, under keep-turn, later chairs move
 *    and both units hear of it); record who.
 */
export async function cancelMeeting(ctx: TaskContext, request: MeetingRequest): Promise<ChangeResult> {
  return change(ctx, { kind: 'cancel', ...request });
}
export async function previewCancelMeeting(ctx: TaskContext, request: MeetingRequest): Promise<PlanPreview> {
  return preview(ctx, { kind: 'cancel', ...request });
}

/**
 * Reinstate a meeting the secretariat cancelled.
 * 1. Load the series' meetings and overrides.
 * 2. Validate: a meeting not yet held, cancelled by the secretariat (not by a configuration
 *    change), a reason.
 * 3. Write the override (no longer cancelled) and the audit record in one transaction.
 * 4. Tell: re-plan, so every invitee gets the invitation again; record who.
 */
export async function reinstateMeeting(ctx: TaskContext, request: MeetingRequest): Promise<ChangeResult> {
  return change(ctx, { kind: 'reinstate', ...request });
}
export async function previewReinstateMeeting(ctx: TaskContext, request: MeetingRequest): Promise<PlanPreview> {
  return preview(ctx, { kind: 'reinstate', ...request });
}

export type VenueRequest = MeetingRequest & { venueId: string };

/**
 * Hold a meeting at another venue.
 * 1. Load the series' meetings and overrides.
 * 2. Validate: a configured venue, a meeting not yet held, a reason.
 * 3. Write the override and the audit record in one transaction.
 * 4. Tell: re-plan, so every invitee gets the updated invitation; record who.
 */
export async function changeMeetingVenue(ctx: TaskContext, request: VenueRequest): Promise<ChangeResult> {
  return change(ctx, { kind: 'venue', ...request });
}
export async function previewChangeMeetingVenue(ctx: TaskContext, request: VenueRequest): Promise<PlanPreview> {
  return preview(ctx, { kind: 'venue', ...request });
}

export type SwapRequest = MeetingRequest & { other: string };

/**
 * Swap the chairs of two meetings of a rotating series.
 * 1. Load the series' meetings and overrides.
 * 2. Validate: two different meetings, neither held, cancelled nor ad hoc; a reason.
 * 3. Write both overrides and the audit record in one transaction (never half a swap).
 * 4. Tell: re-plan, so both meetings' invitees get the update and both units the chair change;
 *    record who.
 */
export async function swapMeetingChairs(ctx: TaskContext, request: SwapRequest): Promise<ChangeResult> {
  return change(ctx, { kind: 'swap-chairs', ...request });
}
export async function previewSwapMeetingChairs(ctx: TaskContext, request: SwapRequest): Promise<PlanPreview> {
  return preview(ctx, { kind: 'swap-chairs', ...request });
}

export type ActingChairRequest = MeetingRequest & { unitId: string };

/**
 * Appoint an acting chair (代理主持) for one meeting: another invited unit chairs it; the rotation
 * goes on unchanged. Naming the unit whose turn it is gives the meeting back to the rotation.
 * 1. Load the series' meetings and overrides.
 * 2. Validate: an invited unit other than the current chair, a meeting not yet held nor cancelled,
 *    a rotating series (or an ad-hoc session), a reason.
 * 3. Write the override and the audit record in one transaction.
 * 4. Tell: re-plan, so invitees get the update and both units the chair change; record who.
 */
export async function appointActingChair(ctx: TaskContext, request: ActingChairRequest): Promise<ChangeResult> {
  return change(ctx, { kind: 'acting-chair', ...request });
}
export async function previewAppointActingChair(ctx: TaskContext, request: ActingChairRequest): Promise<PlanPreview> {
  return preview(ctx, { kind: 'acting-chair', ...request });
}

export type SessionRequest = { seriesId: string; date: string; start?: string; durationMinutes?: number; force?: boolean; reason: string };

/**
 * Add an ad-hoc session (視個案需求彈性召開) to a series that allows them.
 * 1. Load the series' meetings, overrides and the office calendar.
 * 2. Validate: ad-hoc sessions allowed, a real date, not past, a working day unless `force`, no
 *    session at that date and time yet, a reason.
 * 3. Write the override and the audit record in one transaction.
 * 4. Tell: re-plan, so the session is created and invitees are invited at the usual lead time (at
 *    once if it is nearer); record who.
 */
export async function addAdHocSession(ctx: TaskContext, request: SessionRequest): Promise<ChangeResult> {
  return change(ctx, { kind: 'add-ad-hoc', ...request });
}
export async function previewAddAdHocSession(ctx: TaskContext, request: SessionRequest): Promise<PlanPreview> {
  return preview(ctx, { kind: 'add-ad-hoc', ...request });
}

// ---- The county ---------------------------------------------------------------------------------

export type ClosureRequest = { date: string; reason: string };

/**
 * Declare a closure (停止上班) for one day.
 * 1. Load the office calendar and every series.
 * 2. Validate: a real date, today or later, a reason.
 * 3. Write the closure and the audit record in one transaction.
 * 4. Tell: re-plan every series, so the day's meetings move and their invitees are told; record who.
 */
export async function declareOfficeClosure(ctx: TaskContext, request: ClosureRequest): Promise<DeclareClosureResult> {
  return declareClosure(ctx.table, ctx.config, { ...request, actor: ctx.actor, now: ctx.now });
}
export async function previewDeclareOfficeClosure(ctx: TaskContext, request: ClosureRequest): Promise<PlanPreview> {
  return previewDeclareClosure(ctx.table, ctx.config, { ...request, actor: ctx.actor, now: ctx.now });
}

/**
 * Remove a closure (withdrawn, or entered by mistake), valid or not.
 * 1. Load the closures in force and every series.
 * 2. Validate: a closure in force that day, a reason.
 * 3. Withdraw it with the audit record in one transaction.
 * 4. Tell: re-plan every series, so the day's meetings go back and their invitees are told; record who.
 */
export async function removeOfficeClosure(ctx: TaskContext, request: ClosureRequest): Promise<RemoveClosureResult> {
  return removeClosure(ctx.table, ctx.config, { ...request, actor: ctx.actor, now: ctx.now });
}
export async function previewRemoveOfficeClosure(ctx: TaskContext, request: ClosureRequest): Promise<PlanPreview> {
  return previewRemoveClosure(ctx.table, ctx.config, { ...request, actor: ctx.actor, now: ctx.now });
}

export type CalendarUpload = { fileName: string; bytes: Uint8Array; reason: string };

/**
 * Import a year's office calendar from the uploaded DGPA CSV (bytes as uploaded), then re-plan.
 * 1. Validate the whole file (each problem named by line, in zh-TW), a year not past, a reason.
 * 2. Load the calendar and every series.
 * 3. Write the year and the audit record in one transaction.
 * 4. Tell: re-plan every series, so meetings on its days off move and their invitees are told;
 *    record who.
 */
export async function importCalendarFile(ctx: TaskContext, upload: CalendarUpload): Promise<ImportCalendarResult> {
  return importOfficeCalendar(ctx.table, ctx.config, { ...upload, actor: ctx.actor, now: ctx.now });
}
export async function previewImportCalendarFile(ctx: TaskContext, upload: CalendarUpload): Promise<PlanPreview> {
  return previewOfficeCalendarImport(ctx.table, ctx.config, { ...upload, actor: ctx.actor, now: ctx.now });
}

// ---- Contacts -----------------------------------------------------------------------------------

type Edit<K extends RosterEdit['kind']> = Omit<Extract<RosterEdit, { kind: K }>, 'kind'>;

async function roster(ctx: TaskContext, edit: RosterEdit): Promise<RosterResult> {
  return changeRoster(ctx.table, ctx.config, await calendarOf(ctx), edit, ctx.actor, ctx.now);
}
async function rosterPreview(ctx: TaskContext, edit: RosterEdit): Promise<PlanPreview> {
  return previewRosterChange(ctx.table, ctx.config, await calendarOf(ctx), edit, ctx.actor, ctx.now);
}

/**
 * Add a contact to a unit (or correct one's name, title or address).
 * 1. Load the roster and the series that invite the unit.
 * 2. Validate: the unit, a well-formed contact, an id not used by another unit, a reason.
 * 3. Write the roster change and the audit record in one transaction.
 * 4. Tell: re-plan those series, so the newcomer gets the invitations already out; record who.
 */
export async function addContact(ctx: TaskContext, request: Edit<'add'>): Promise<RosterResult> {
  return roster(ctx, { kind: 'add', ...request });
}
export async function previewAddContact(ctx: TaskContext, request: Edit<'add'>): Promise<PlanPreview> {
  return rosterPreview(ctx, { kind: 'add', ...request });
}

/**
 * Remove a contact from a unit.
 * 1. Load the roster and the series that invite the unit.
 * 2. Validate: a contact of the unit, not its last one, a reason.
 * 3. Write the removal, the check that another contact stays, and the audit record in one transaction.
 * 4. Tell: re-plan those series, so the leaver gets cancellations of the meetings they hold; record who.
 */
export async function removeContact(ctx: TaskContext, request: Edit<'remove'>): Promise<RosterResult> {
  return roster(ctx, { kind: 'remove', ...request });
}
export async function previewRemoveContact(ctx: TaskContext, request: Edit<'remove'>): Promise<PlanPreview> {
  return rosterPreview(ctx, { kind: 'remove', ...request });
}

/**
 * Re-add a contact removed from a unit earlier, as they were.
 * 1. Load the roster and the series that invite the unit.
 * 2. Validate: a contact removed from this unit, not back already, its id not taken elsewhere, a reason.
 * 3. Write the re-addition (only if still removed) and the audit record in one transaction.
 * 4. Tell: re-plan those series, so they get the invitations already out; record who.
 */
export async function readdContact(ctx: TaskContext, request: Edit<'readd'>): Promise<RosterResult> {
  return roster(ctx, { kind: 'readd', ...request });
}
export async function previewReaddContact(ctx: TaskContext, request: Edit<'readd'>): Promise<PlanPreview> {
  return rosterPreview(ctx, { kind: 'readd', ...request });
}

// ---- Notices, links, minutes --------------------------------------------------------------------

/**
 * Send a failed notice again (or one of unknown outcome, once the officer confirms it did not arrive).
 * 1. Load the notice and its meeting.
 * 2. Validate: it failed or its outcome is unknown (then confirmed), its meeting not past, a reason.
 * 3. Put it back in the queue with the audit record in one transaction.
 * 4. Tell: the dispatcher sends it on its next round; the recipient is recorded.
 */
export async function retryFailedNotice(
  ctx: TaskContext,
  request: { noticeId: string; reason: string; confirmNotReceived?: boolean },
): Promise<RetryNoticeResult> {
  return retryNotice(ctx.table, ctx.config, { ...request, actor: ctx.actor, now: ctx.now });
}

/**
 * Send every failed notice again (those of unknown outcome need a confirmation each).
 * 1. Load the notices that failed. 2. Validate each as retryFailedNotice does. 3. Requeue each with
 * its audit record. 4. Tell: each recipient on the dispatcher's next round.
 */
export async function retryAllFailedNotices(ctx: TaskContext, request: { reason: string }) {
  return retryFailedNotices(ctx.table, ctx.config, { ...request, actor: ctx.actor, now: ctx.now });
}

export type ChairLinkRequest = MeetingRequest & { contactId?: string };

/**
 * Issue a chair's minutes link for one meeting.
 * 1. Load the meeting and the roster.
 * 2. Validate: a meeting that is not cancelled, a contact of its chair unit, a reason.
 * 3. Sign the link (nothing stored but the audit record).
 * 4. Tell: nobody is mailed; the officer hands the returned link over.
 */
export async function issueChairMinutesLink(ctx: TaskContext, request: ChairLinkRequest): Promise<IssuedChairLink> {
  if (!ctx.links) throw new Error('issuing a chair link needs the county link key (TaskContext.links)');
  return issueChairLink(ctx.table, ctx.config, ctx.links, { ...request, actor: ctx.actor, now: ctx.now });
}

/**
 * Revoke the minutes links a chair's contact holds.
 * 1. Load the meeting and the roster.
 * 2. Validate: a meeting that is not cancelled, a named contact of its chair unit, a reason.
 * 3. Raise the contact's link version: every minutes link they hold stops working; audit it.
 * 4. Tell: nobody is mailed; issue a new link when one is needed.
 */
export async function revokeChairMinutesLink(ctx: TaskContext, request: ChairLinkRequest): Promise<RevokedChairLink> {
  return revokeChairLink(ctx.table, ctx.config, { ...request, actor: ctx.actor, now: ctx.now });
}

export type MinutesRequest = MeetingRequest & { expectedVersion?: number };

/**
 * Approve submitted minutes (核定).
 * 1. Load the meeting and its minutes.
 * 2. Validate: minutes submitted by the chair, at the version read, a reason.
 * 3. Write the new state with the minutes' audit record; record the decision and its reason.
 * 4. Tell: nobody yet; distributing them tells every invitee.
 */
export async function approveMinutes(ctx: TaskContext, request: MinutesRequest): Promise<MinutesDecisionResult> {
  return decideMinutes(ctx.table, ctx.config, { ...request, decision: 'approve', actor: ctx.actor, now: ctx.now });
}

/**
 * Return submitted minutes to the chair for correction (退回修正).
 * 1. Load the meeting and its minutes.
 * 2. Validate: minutes submitted by the chair, at the version read, a reason (what to correct).
 * 3. Write the new state (draft) with the minutes' audit record; record the decision and its reason.
 * 4. Tell: the chair sees the draft again through their link.
 */
export async function returnMinutes(ctx: TaskContext, request: MinutesRequest): Promise<MinutesDecisionResult> {
  return decideMinutes(ctx.table, ctx.config, { ...request, decision: 'return', actor: ctx.actor, now: ctx.now });
}

/**
 * Distribute approved minutes (分送).
 * 1. Load the meeting, its minutes and who is invited now.
 * 2. Validate: approved (or distributed: only what is missing is queued), a reason.
 * 3. Write the new state with the minutes' audit record; record the decision and its reason.
 * 4. Tell: a read-link notice to every invited contact, once each; record who.
 */
export async function distributeMinutesToInvitees(ctx: TaskContext, request: MinutesRequest): Promise<MinutesDecisionResult> {
  return decideMinutes(ctx.table, ctx.config, { ...request, decision: 'distribute', actor: ctx.actor, now: ctx.now });
}
