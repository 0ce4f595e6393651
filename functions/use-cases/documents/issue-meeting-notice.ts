// Which 開會通知單 stands for a meeting as it is now, issuing it when there is none yet. A notice is
// a document of record with its own 發文字號: it is issued once per version of the meeting, and every
// download of that version is the same document. When the meeting changes (a new SEQUENCE), the
// next download issues a 更正 with a new number that names the notice it corrects; when it is
// cancelled, a 取消 that names the notice it withdraws.
import type { CountyConfig } from '../../core/series/county-config.ts';
import type { Occurrence } from '../../core/planning/occurrence.ts';
import type { MinutesActor } from '../../core/minutes/minutes-record.ts';
import { meetingNumber } from '../../core/annual-plan/meeting-number.ts';
import { rocYear } from '../../core/calendar/roc-date.ts';
import { Temporal, todayInTaipei } from '../../core/calendar/local-date.ts';
import { formatDocumentNumber } from '../../documents/document-number.ts';
import type { MeetingTable } from '../../adapters/dynamodb/meeting-table.ts';
import { getOccurrence, listOccurrences } from '../../adapters/dynamodb/occurrence-store.ts';
import { listOverrides } from '../../adapters/dynamodb/override-store.ts';
import { lastDocumentSerial, listIssuedNotices, saveIssuedNotice, type IssuedNotice } from '../../adapters/dynamodb/notice-store.ts';
import { pauseBeforeRetry } from '../secretariat/secretariat-input-error.ts';
import { readNoticeSettings } from './notice-settings.ts';
import { DocumentError } from './document-error.ts';

export type NoticeContext = { table: MeetingTable; config: CountyConfig };

export type NoticeRequest = {
  seriesId: string;
  slotKey: string;
  /** The secretariat, or an invited person opening the notice link in their invitation (notice-by-link.ts). */
  actor: MinutesActor;
  now: Date;
};

export type CurrentNotice = { notice: IssuedNotice; issuedNow: boolean };

/** A version of the meeting a notice shows: what a calendar or a letter would have to tell again. */
const sameVersion = (notice: IssuedNotice, occurrence: Occurrence) =>
  notice.occurrence.sequence === occurrence.sequence && notice.occurrence.status === occurrence.status;

const attempts = 5;

/**
 * The notice for the meeting as it is now.
 *
 * Primary course: the series and meeting exist → the latest notice issued shows this version of the
 * meeting → it is returned, and nothing is written. Otherwise a new notice is made: the first
 * (original), a 更正 of the latest when the meeting changed, or a 取消 of it when the meeting was
 * cancelled → it takes the next 發文字號 of its year in the transaction that stores it (another
 * officer issuing at the same moment makes this one read again, and use theirs if it is for the same
 * version), with the audit record on the meeting → the notice.
 *
 * Errors: `unknown-series` / `no-such-meeting` (404); `meeting-cancelled` (409) for a cancelled
 * meeting that was never announced; `conflict` (409) when the counter stays contended.
 */
export async function currentMeetingNotice(context: NoticeContext, request: NoticeRequest): Promise<CurrentNotice> {
  const { table, config } = context;
  const series = config.series.find((s) => s.id === request.seriesId);
  if (!series) throw new DocumentError('unknown-series', `找不到會議系列「${request.seriesId}」`, 404, 'seriesId');

  for (let attempt = 1; attempt <= attempts; attempt++) {
    const [occurrence, notices] = await Promise.all([
      getOccurrence(table, request.seriesId, request.slotKey),
      listIssuedNotices(table, request.seriesId, request.slotKey),
    ]);
    if (!occurrence) throw new DocumentError('no-such-meeting', `找不到 ${request.slotKey} 這場會議`, 404, 'slotKey');
    const latest = notices.at(-1);
    if (latest && sameVersion(latest, occurrence)) return { notice: latest, issuedNow: false };
    if (occurrence.status === 'cancelled' && !latest)
      throw new DocumentError('meeting-cancelled', '此場會議已取消，且未曾發出開會通知單，無須發文', 409, 'slotKey');

    const issuedOn = todayInTaipei(Temporal.Instant.fromEpochMilliseconds(request.now.getTime()));
    const [settings, lastSerial, seriesOccurrences, overrides] = await Promise.all([
      readNoticeSettings(table, config),
      lastDocumentSerial(table, issuedOn.year),
      occurrence.status === 'cancelled' ? Promise.resolve([]) : listOccurrences(table, request.seriesId),
      occurrence.status === 'cancelled' ? listOverrides(table, request.seriesId) : Promise.resolve([]),
    ]);
    const serial = lastSerial + 1;
    const kind = !latest ? 'original' : occurrence.status === 'cancelled' ? 'cancellation' : 'correction';
    // A cancelled meeting is named as it was announced; otherwise by its place in the year now.
    const number = kind === 'cancellation' ? latest?.meetingNumber : meetingNumber(occurrence, seriesOccurrences);
    const reason = overrides.find((o) => o.slotKey === request.slotKey && o.cancelled)?.reason;
    const notice: IssuedNotice = {
      seriesId: request.seriesId,
      slotKey: request.slotKey,
      revision: (latest?.revision ?? 0) + 1,
      kind,
      documentNumber: formatDocumentNumber(settings.documentNumberPattern, { rocYear: rocYear(issuedOn.year), sequence: serial }),
      serial,
      year: issuedOn.year,
      issuedOn: issuedOn.toString(),
      occurrence,
      ...(number !== undefined ? { meetingNumber: number } : {}),
      ...(latest ? { supersedes: { revision: latest.revision, issuedOn: latest.issuedOn, documentNumber: latest.documentNumber } } : {}),
      ...(kind === 'cancellation' ? { cancellationReason: reason?.trim() || '另定期召開' } : {}),
      issuer: settings.issuer,
      contact: settings.contact,
      issuedAt: request.now.toISOString(),
      issuedBy: request.actor,
    };
    const audit = {
      at: notice.issuedAt,
      seriesId: notice.seriesId,
      slotKey: notice.slotKey,
      actor: request.actor,
      action: 'issue-notice' as const,
      version: notice.revision,
      document: notice.documentNumber,
    };
    if (await saveIssuedNotice(table, notice, audit)) return { notice, issuedNow: true };
    await pauseBeforeRetry(attempt);
  }
  throw new DocumentError('conflict', '發文字號剛被他人使用，請再試一次', 409);
}

/** One notice issued earlier, to download again as it was. */
export async function issuedNotice(table: MeetingTable, seriesId: string, slotKey: string, revision: number): Promise<IssuedNotice> {
  const notice = (await listIssuedNotices(table, seriesId, slotKey)).find((n) => n.revision === revision);
  if (!notice) throw new DocumentError('no-such-notice', `這場會議沒有第 ${revision} 份開會通知單`, 404, 'revision');
  return notice;
}
