// Every change to minutes: a save (new content), a lifecycle step, or the secretariat's follow-up.
// Each is checked by the pure core first (may this person take this step now? is the content
// valid?), then written as a new version with a conditional write on the version the person
// started from. The loser of a race gets 409 and nothing of theirs is stored.
import { todayInTaipei, Temporal } from '../../core/calendar/local-date.ts';
import { transition, type MinutesEvent, type MinutesState, type MinutesWriter } from '../../core/minutes/minutes-lifecycle.ts';
import { checkMinutes } from '../../core/minutes/minutes-rules.ts';
import type { FollowUpRequest, MinutesContent } from '../../core/minutes/minutes-schema.ts';
import type { MinutesHead } from '../../core/minutes/minutes-record.ts';
import { getMinutesHead, writeMinutes } from '../../adapters/dynamodb/minutes-store.ts';
import { countyNow, type MinutesContext, type OccurrenceAccess } from './minutes-context.ts';
import { MinutesError } from './minutes-error.ts';

export type SaveRequest = {
  expectedVersion: number;
  minutes: MinutesContent;
  /** Save and hand to the secretariat in one step. */ submit?: boolean;
};

export async function saveMinutes(context: MinutesContext, access: OccurrenceAccess, request: SaveRequest): Promise<MinutesHead> {
  const writer = writerOf(access);
  const { occurrence } = access;
  if (occurrence.status === 'cancelled') throw new MinutesError('meeting-cancelled', 'the meeting was cancelled; it has no minutes');
  const today = todayInTaipei(Temporal.Instant.fromEpochMilliseconds(context.now().getTime())).toString();
  if (today < occurrence.date) throw new MinutesError('meeting-not-held', 'minutes can be written from the day of the meeting');

  const previous = await getMinutesHead(context.table, occurrence.seriesId, occurrence.slotKey);
  expectVersion(previous, request.expectedVersion);
  let step = allowed(transition(previous?.state, 'save', writer));
  if (request.submit) step = allowed(transition(step, 'submit', writer));
  const problems = checkMinutes(request.minutes, {
    // The committee members and units as they are now, not as deployed.
    config: (await countyNow(context)).config,
    series: access.series,
    meetingDate: occurrence.date,
    purpose: step === 'draft' ? 'draft' : 'submit',
  });
  if (problems.length > 0)
    throw new MinutesError(
      'invalid-minutes',
      'the minutes are not valid',
      problems.map((p) => `${p.path}: ${p.message}`),
      undefined,
      problems,
    );
  return commit(context, access, previous, request.submit ? 'submit' : 'save', step, request.minutes);
}

export async function changeMinutesState(
  context: MinutesContext,
  access: OccurrenceAccess,
  event: Extract<MinutesEvent, 'submit' | 'return' | 'approve' | 'distribute'>,
  expectedVersion?: number,
): Promise<MinutesHead> {
  const { occurrence } = access;
  const previous = await getMinutesHead(context.table, occurrence.seriesId, occurrence.slotKey);
  if (expectedVersion !== undefined) expectVersion(previous, expectedVersion);
  const state = allowed(transition(previous?.state, event, writerOf(access)));
  if (!previous) throw new MinutesError('not-found', 'no minutes have been written for this meeting');
  if (event === 'submit') {
    const problems = checkMinutes(previous.minutes, {
      config: (await countyNow(context)).config,
      series: access.series,
      meetingDate: occurrence.date,
      purpose: 'submit',
    });
    if (problems.length > 0)
      throw new MinutesError(
        'invalid-minutes',
        'the minutes are not complete',
        problems.map((p) => `${p.path}: ${p.message}`),
        undefined,
        problems,
      );
  }
  return commit(context, access, previous, event, state, previous.minutes);
}

/** The secretariat marks action items done or follow-up forms received, as a new version. */
export async function followUpMinutes(context: MinutesContext, access: OccurrenceAccess, request: FollowUpRequest): Promise<MinutesHead> {
  const { occurrence } = access;
  const previous = await getMinutesHead(context.table, occurrence.seriesId, occurrence.slotKey);
  if (request.expectedVersion !== undefined) expectVersion(previous, request.expectedVersion);
  const state = allowed(transition(previous?.state, 'follow-up', writerOf(access)));
  if (!previous) throw new MinutesError('not-found', 'no minutes have been written for this meeting');
  const minutes: MinutesContent = structuredClone(previous.minutes);
  const problems: string[] = [];
  for (const change of request.actionItems ?? []) {
    const item = minutes.actionItems[change.index];
    if (item) item.status = change.status;
    else problems.push(`actionItems.${change.index}: no such action item`);
  }
  for (const change of request.followUpForms ?? []) {
    const form = minutes.placementReview?.followUpForms.find((f) => f.placementType === change.placementType);
    if (form) form.status = change.status;
    else problems.push(`followUpForms.${change.placementType}: no such follow-up form`);
  }
  if (problems.length > 0) throw new MinutesError('invalid-minutes', 'nothing to follow up there', problems);
  return commit(context, access, previous, 'follow-up', state, minutes);
}

async function commit(
  context: MinutesContext,
  access: OccurrenceAccess,
  previous: MinutesHead | undefined,
  event: MinutesEvent,
  state: MinutesState,
  minutes: MinutesContent,
): Promise<MinutesHead> {
  const at = context.now().toISOString();
  const { occurrence, actor } = access;
  const next: MinutesHead = {
    seriesId: occurrence.seriesId,
    slotKey: occurrence.slotKey,
    state,
    version: (previous?.version ?? 0) + 1,
    minutes,
    meetingDate: occurrence.date,
    chairUnitId: occurrence.chairUnitId,
    updatedAt: at,
    updatedBy: actor,
    submittedAt: event === 'submit' ? at : previous?.submittedAt,
    approvedAt: event === 'approve' ? at : previous?.approvedAt,
    distributedAt: event === 'distribute' ? at : previous?.distributedAt,
  };
  const outcome = await writeMinutes(context.table, {
    previous,
    next,
    event,
    audit: { at, seriesId: next.seriesId, slotKey: next.slotKey, actor, action: event, version: next.version, state: next.state },
  });
  if (outcome === 'conflict') {
    throw new MinutesError(
      'version-conflict',
      'someone else changed these minutes at the same time; reload and try again',
      [],
      (await getMinutesHead(context.table, next.seriesId, next.slotKey))?.version,
    );
  }
  return next;
}

function writerOf(access: OccurrenceAccess): MinutesWriter {
  if (access.actor.kind === 'invitee')
    throw new MinutesError('not-chair', 'only the chair of the meeting or the secretariat may change its minutes');
  return access.actor.kind;
}

function expectVersion(head: MinutesHead | undefined, expected: number): void {
  const current = head?.version ?? 0;
  if (current !== expected) {
    throw new MinutesError(
      'version-conflict',
      `the minutes are at version ${current}, not ${expected}: someone saved in between; reload and try again`,
      [],
      current,
    );
  }
}

function allowed(result: ReturnType<typeof transition>): MinutesState {
  if (!result.ok) throw new MinutesError('not-allowed-now', result.reason);
  return result.state;
}
