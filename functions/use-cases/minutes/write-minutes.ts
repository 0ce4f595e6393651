// Every change to minutes: a save (new content), a lifecycle step, or the secretariat's follow-up.
// Each is checked by the pure core first (may this person take this step now? is the content
// valid?), then written as a new version with a conditional write on the version the person
// started from. The loser of a race gets 409 and nothing of theirs is stored. Every refusal's message
// and problem is zh-TW: the JSON APIs answer with them as they are.
import { todayInTaipei, Temporal } from '../../core/calendar/local-date.ts';
import { transition, type MinutesEvent, type MinutesState, type MinutesWriter } from '../../core/minutes/minutes-lifecycle.ts';
import { checkMinutes, type MinutesProblem } from '../../core/minutes/minutes-rules.ts';
import { problemLine } from '../../core/minutes/minutes-problems.ts';
import { placementTypeNames } from '../../core/minutes/placement-type.ts';
import { rocFormalDate } from '../../core/calendar/roc-date.ts';
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
  if (occurrence.status === 'cancelled') throw new MinutesError('meeting-cancelled', '本場會議已取消，不需會議紀錄');
  const today = todayInTaipei(Temporal.Instant.fromEpochMilliseconds(context.now().getTime())).toString();
  if (today < occurrence.date)
    throw new MinutesError('meeting-not-held', `會議當天 ${rocFormalDate(Temporal.PlainDate.from(occurrence.date))} 起才能填寫紀錄`);

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
      `會議紀錄有 ${problems.length} 處需修正，尚未儲存（見 problems）`,
      problems.map(apiProblem),
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
  if (!previous) throw new MinutesError('not-found', '這場會議還沒有人填寫紀錄');
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
        `會議紀錄尚未完成，有 ${problems.length} 處須補齊才能送出（見 problems）`,
        problems.map(apiProblem),
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
  if (!previous) throw new MinutesError('not-found', '這場會議還沒有人填寫紀錄');
  const minutes: MinutesContent = structuredClone(previous.minutes);
  const problems: string[] = [];
  for (const change of request.actionItems ?? []) {
    const item = minutes.actionItems[change.index];
    if (item) item.status = change.status;
    else problems.push(problemLine(`actionItems.${change.index}`, `紀錄中沒有第 ${change.index + 1} 項待辦事項。`));
  }
  for (const change of request.followUpForms ?? []) {
    const form = minutes.placementReview?.followUpForms.find((f) => f.placementType === change.placementType);
    if (form) form.status = change.status;
    else
      problems.push(
        problemLine(`followUpForms.${change.placementType}`, `紀錄中沒有「${placementTypeNames[change.placementType].zh}」的成效追蹤表。`),
      );
  }
  if (problems.length > 0) throw new MinutesError('invalid-minutes', '要登記的項目不在紀錄中（見 problems）', problems);
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
      '他人同時更新了這份紀錄，您的變更尚未儲存；請重新讀取後再試',
      [],
      (await getMinutesHead(context.table, next.seriesId, next.slotKey))?.version,
    );
  }
  return next;
}

/** A rule's problem as the JSON APIs state it; a unit with no attendance entry yet is named by its id, as the body would name it. */
function apiProblem(problem: MinutesProblem): string {
  return problemLine(`minutes.${problem.path}`, problem.unitId ? `${problem.zh}（單位代號 ${problem.unitId}）` : problem.zh);
}

function writerOf(access: OccurrenceAccess): MinutesWriter {
  if (access.actor.kind === 'invitee') throw new MinutesError('not-chair', '此連結僅供閱覽，只有主持單位或幕僚可以修改紀錄');
  return access.actor.kind;
}

function expectVersion(head: MinutesHead | undefined, expected: number): void {
  const current = head?.version ?? 0;
  if (current !== expected) {
    throw new MinutesError(
      'version-conflict',
      `紀錄目前是第 ${current} 版，不是第 ${expected} 版：他人已於此期間儲存，您的變更尚未儲存；請重新讀取後再試`,
      [],
      current,
    );
  }
}

function allowed(result: ReturnType<typeof transition>): MinutesState {
  if (!result.ok) throw new MinutesError('not-allowed-now', result.reason);
  return result.state;
}
