// Distribution: approved minutes become readable by every invited contact, and each is queued a
// notice carrying a personal read link (signed when the notice is sent), never the minutes text.
// Idempotent: the notice per contact is queued once whatever happens, so distributing again after
// a failure only queues what is missing, and nobody is mailed twice.
import type { Notice } from '../../core/notices/notice.ts';
import type { MinutesHead } from '../../core/minutes/minutes-record.ts';
import { getMinutesHead, recordAudit } from '../../adapters/dynamodb/minutes-store.ts';
import { queueNotice } from '../../adapters/dynamodb/outbox-store.ts';
import { countyNow, type MinutesContext, type OccurrenceAccess } from './minutes-context.ts';
import { changeMinutesState } from './write-minutes.ts';

export type Distribution = { head: MinutesHead; recipients: number; queued: number; alreadyDistributed: boolean };

export async function distributeMinutes(
  context: MinutesContext,
  access: OccurrenceAccess,
  expectedVersion?: number,
): Promise<Distribution> {
  const { occurrence, series } = access;
  let head = await getMinutesHead(context.table, occurrence.seriesId, occurrence.slotKey);
  const alreadyDistributed = head?.state === 'distributed';
  if (alreadyDistributed && head) {
    await recordAudit(context.table, {
      at: context.now().toISOString(),
      seriesId: head.seriesId,
      slotKey: head.slotKey,
      actor: access.actor,
      action: 'distribute',
      version: head.version,
      state: head.state,
    });
  } else {
    head = await changeMinutesState(context, access, 'distribute', expectedVersion);
  }
  // Who is invited now: a contact removed since the meeting is sent nothing, one added is sent a link.
  const recipients = (await countyNow(context)).recipients(series);
  const dueAt = context.now().toISOString();
  let queued = 0;
  for (const recipient of recipients) {
    const notice: Notice = {
      seriesId: occurrence.seriesId,
      slotKey: occurrence.slotKey,
      kind: 'minutes-distributed',
      variant: 'read',
      sequence: 0,
      recipient,
      dueAt,
    };
    if (await queueNotice(context.table, notice)) queued++;
  }
  return { head, recipients: recipients.length, queued, alreadyDistributed };
}
