// Reading one meeting's minutes. The audit record is written before the minutes are returned: if
// it cannot be written, nobody reads them.
import { mayRead } from '../../core/minutes/minutes-lifecycle.ts';
import type { MinutesHead, MinutesVersion } from '../../core/minutes/minutes-record.ts';
import { getMinutesHead, listMinutesVersions, recordAudit } from '../../adapters/dynamodb/minutes-store.ts';
import type { MinutesContext, OccurrenceAccess } from './minutes-context.ts';
import { MinutesError } from './minutes-error.ts';

export async function readMinutes(context: MinutesContext, access: OccurrenceAccess): Promise<MinutesHead | undefined> {
  const { occurrence, actor } = access;
  const head = await getMinutesHead(context.table, occurrence.seriesId, occurrence.slotKey);
  if (!mayRead(head?.state, actor.kind)) throw new MinutesError('not-distributed', '本次會議紀錄尚未分送');
  await recordAudit(context.table, {
    at: context.now().toISOString(),
    seriesId: occurrence.seriesId,
    slotKey: occurrence.slotKey,
    actor,
    action: 'read',
    version: head?.version ?? 0,
    state: head?.state ?? 'none',
  });
  return head;
}

/** Every version ever saved, for the secretariat: one audit record for the whole history. */
export async function readMinutesHistory(context: MinutesContext, access: OccurrenceAccess): Promise<MinutesVersion[]> {
  if (access.actor.kind !== 'secretariat') throw new MinutesError('not-chair', '只有幕僚可以查看紀錄的歷次版本');
  const { occurrence, actor } = access;
  const versions = await listMinutesVersions(context.table, occurrence.seriesId, occurrence.slotKey);
  const latest = versions.at(-1);
  await recordAudit(context.table, {
    at: context.now().toISOString(),
    seriesId: occurrence.seriesId,
    slotKey: occurrence.slotKey,
    actor,
    action: 'read',
    version: latest?.version ?? 0,
    state: latest?.state ?? 'none',
    count: versions.length,
  });
  return versions;
}
