// Mark a held reply dealt with (非受邀者的回覆 → 已處理): the officer has called or written to the
// person, or added them to a unit, and says so in a reason. The reply stays listed for the record
// (it expires on its own), but 總覽 no longer raises it.
//   1. Load the held reply the officer saw (meeting and id: a hash of the address).
//   2. Validate: it exists, a reason.
//   3. Mark it in one transaction with the audit record (task deal-with-held-reply, on the meeting's
//      history). The record names the reply by id and answer, never by address: the trail is read
//      by more people than the mailboxes are.
//   4. Tell: nobody is mailed.
// Confirmed twice (the back button), the second time finds it already dealt with and returns the
// first record: nothing is written again. A newer answer from the same person, arrived in between,
// is refused as a conflict: the officer should see it first.
import { randomUUID } from 'node:crypto';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { auditTime, type SecretariatAction } from '../../core/audit/secretariat-action.ts';
import { transactIf } from '../../adapters/dynamodb/meeting-table.ts';
import { actionPuts } from '../../adapters/dynamodb/secretariat-action-store.ts';
import { dealtWithUpdate } from '../../adapters/dynamodb/held-reply-store.ts';
import { conflictError, SecretariatInputError } from './secretariat-input-error.ts';
import { requireReason } from './request-checks.ts';
import { heldReplies, type HeldReplyRow } from './held-replies.ts';
import type { TaskContext } from './tasks.ts';

export type HeldReplyRequest = { seriesId: string; slotKey: string; id: string; reason: string };

export type DealtWithHeldReply = {
  reply: HeldReplyRow;
  auditId: string;
  reason: string;
  alreadyDone: boolean;
  /** The audit record written now; absent when it was already dealt with. */
  action?: SecretariatAction;
};

/** The held reply a request names, as the console lists it; a clear error when there is none. */
export async function findHeldReply(ctx: TaskContext, request: Omit<HeldReplyRequest, 'reason'>): Promise<HeldReplyRow> {
  const rows = await heldReplies({ table: ctx.table, config: ctx.config, now: () => new Date(ctx.now.epochMilliseconds) });
  const reply = rows.find((r) => r.seriesId === request.seriesId && r.slotKey === request.slotKey && r.id === request.id);
  if (!reply)
    throw new SecretariatInputError({
      code: 'no-such-held-reply',
      field: 'id',
      status: 404,
      message: '找不到這則回覆；它可能已過保存期限。請回到「非受邀者的回覆」重新整理',
    });
  return reply;
}

export async function previewDealWithHeldReply(ctx: TaskContext, request: HeldReplyRequest): Promise<HeldReplyRow> {
  const reply = await findHeldReply(ctx, request);
  requireReason(request.reason);
  return reply;
}

export async function dealWithHeldReply(ctx: TaskContext, request: HeldReplyRequest): Promise<DealtWithHeldReply> {
  const reply = await findHeldReply(ctx, request);
  if (reply.dealtWith) return { reply, auditId: reply.dealtWith.auditId, reason: reply.dealtWith.reason, alreadyDone: true };
  const reason = requireReason(request.reason);
  const action: SecretariatAction = {
    id: randomUUID(),
    at: auditTime(ctx.now.epochMilliseconds),
    task: 'deal-with-held-reply',
    actor: { subject: ctx.actor.id, via: ctx.actor.via ?? 'unknown', ...(ctx.actor.name ? { name: ctx.actor.name } : {}) },
    reason,
    scope: 'meeting',
    meetings: [{ seriesId: reply.seriesId, slotKey: reply.slotKey }],
    changes: [],
  };
  const refused = await transactIf(() =>
    ctx.table.client.send(
      new TransactWriteCommand({
        TransactItems: [dealtWithUpdate(ctx.table, reply, { at: action.at, auditId: action.id, reason }), ...actionPuts(ctx.table, action)],
      }),
    ),
  );
  if (refused) {
    const now = await findHeldReply(ctx, request);
    if (now.dealtWith) return { reply: now, auditId: now.dealtWith.auditId, reason: now.dealtWith.reason, alreadyDone: true };
    throw conflictError('id', '這位回覆者剛又回覆了一次，請回到清單重新整理後再處理');
  }
  return {
    reply: { ...reply, dealtWith: { at: action.at, auditId: action.id, reason } },
    auditId: action.id,
    reason,
    alreadyDone: false,
    action,
  };
}
