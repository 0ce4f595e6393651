// The secretariat's document downloads, as the HTTP function serves them: everything that decides
// whether a file may be had (the meeting exists, the minutes are approved), every write (a notice's
// 發文字號, the audit record) and the choice of exactly what to render (the notice's revision, the
// approved minutes version) happen here; the renderer (a DocumentRenderer: the document Lambda, or
// the same code in-process locally) only reads and draws. A file is handed over only after its
// download is recorded, so no download goes unaudited.
import type { CountyConfig, SeriesDefinition } from '../../core/series/county-config.ts';
import type { AuditRecord, MinutesActor } from '../../core/minutes/minutes-record.ts';
import type { MeetingTable } from '../../adapters/dynamodb/meeting-table.ts';
import { getOccurrence } from '../../adapters/dynamodb/occurrence-store.ts';
import { getMinutesHead, listMinutesVersions, recordAudit } from '../../adapters/dynamodb/minutes-store.ts';
import type { IssuedNotice } from '../../adapters/dynamodb/notice-store.ts';
import type { DocumentRenderer, DocumentRequest, MinutesFormat, NoticeFormat, PlanFormat, RenderedDocument } from './document-request.ts';
import { currentMeetingNotice, issuedNotice } from './issue-meeting-notice.ts';
import { DocumentError } from './document-error.ts';

export type DownloadContext = { table: MeetingTable; config: CountyConfig; render: DocumentRenderer };

export type Secretariat = Extract<MinutesActor, { kind: 'secretariat' }>;

type MeetingRef = { seriesId: string; slotKey: string; actor: Secretariat; now: Date };

const stateNames: Record<string, string> = { draft: '草稿', submitted: '已送出、待核定' };

/**
 * A 開會通知單 of a meeting as a file.
 *
 * Primary course: without a revision, the notice for the meeting as it is now (issued at this
 * download if the meeting is new or has changed since the last one: currentMeetingNotice) → with a
 * revision, that earlier notice as it was issued → rendered as PDF or ODT → the download is audited
 * on the meeting → the file and the notice it shows.
 */
export async function downloadMeetingNotice(
  context: DownloadContext,
  request: MeetingRef & { format: NoticeFormat; revision?: number },
): Promise<{ file: RenderedDocument; notice: IssuedNotice }> {
  seriesOf(context.config, request.seriesId);
  const notice =
    request.revision !== undefined
      ? await issuedNotice(context.table, request.seriesId, request.slotKey, request.revision)
      : (await currentMeetingNotice(context, request)).notice;
  const file = await rendered(context, {
    county: context.config.county.id,
    document: 'meeting-notice',
    format: request.format,
    seriesId: request.seriesId,
    slotKey: request.slotKey,
    revision: notice.revision,
  });
  await audited(context, request, { version: notice.revision, document: `meeting-notice.${request.format}` });
  return { file, notice };
}

/**
 * The 簽到表 of a meeting.
 *
 * Primary course: the meeting exists and takes place → rendered with the answers as they stand →
 * audited (it names people) → the PDF. Errors: `no-such-meeting` (404), `meeting-cancelled` (409).
 */
export async function downloadSignInSheet(context: DownloadContext, request: MeetingRef): Promise<RenderedDocument> {
  const occurrence = await meetingOf(context, request);
  if (occurrence.status === 'cancelled') throw new DocumentError('meeting-cancelled', '此場會議已取消，無須簽到表', 409, 'slotKey');
  const file = await rendered(context, {
    county: context.config.county.id,
    document: 'sign-in-sheet',
    format: 'pdf',
    seriesId: request.seriesId,
    slotKey: request.slotKey,
  });
  await audited(context, request, { document: 'sign-in-sheet.pdf' });
  return file;
}

/**
 * The approved 會議紀錄 as a file.
 *
 * Primary course: the minutes are approved or distributed → the approved version is the one
 * rendered (distribution changes no word, so the file before and after it is byte-identical) →
 * the download is audited with that version → the file.
 *
 * Errors: `no-such-meeting` (404); `minutes-not-approved` (409) while there are no minutes, or they
 * are a draft, submitted or returned: a confidential record leaves the system only once approved.
 */
export async function downloadMinutes(
  context: DownloadContext,
  request: MeetingRef & { format: MinutesFormat },
): Promise<{ file: RenderedDocument; version: number }> {
  await meetingOf(context, request);
  const head = await getMinutesHead(context.table, request.seriesId, request.slotKey);
  if (!head || (head.state !== 'approved' && head.state !== 'distributed'))
    throw new DocumentError(
      'minutes-not-approved',
      `會議紀錄核定後才能下載（目前：${head ? (stateNames[head.state] ?? head.state) : '尚無紀錄'}）`,
      409,
      'slotKey',
    );
  const version =
    head.state === 'approved'
      ? head.version
      : (await listMinutesVersions(context.table, request.seriesId, request.slotKey))
          .filter((v) => v.state === 'approved' && v.version <= head.version)
          .reduce((latest, v) => Math.max(latest, v.version), 0);
  if (version === 0) throw new DocumentError('minutes-not-approved', '找不到核定的會議紀錄版本', 409, 'slotKey');
  const file = await rendered(context, {
    county: context.config.county.id,
    document: 'minutes',
    format: request.format,
    seriesId: request.seriesId,
    slotKey: request.slotKey,
    version,
  });
  await audited(context, request, { version, state: head.state, document: `minutes.${request.format}` });
  return { file, version };
}

/**
 * The county's annual plan of every series for a year. Primary course: rendered as XLSX, CSV or
 * PDF (a year with nothing planned says so in the file) → audited among the secretariat's reads
 * that span meetings → the file. Errors: `invalid-input` (422, field `year`) outside 2000–2100.
 */
export async function downloadAnnualPlan(
  context: DownloadContext,
  request: { year: number; format: PlanFormat; actor: Secretariat; now: Date },
): Promise<RenderedDocument> {
  if (!Number.isInteger(request.year) || request.year < 2000 || request.year > 2100)
    throw new DocumentError('invalid-input', '年度須為 2000 到 2100 之間的西元年', 422, 'year');
  const file = await rendered(context, {
    county: context.config.county.id,
    document: 'annual-plan',
    format: request.format,
    year: request.year,
    at: request.now.toISOString(),
  });
  await recordAudit(context.table, {
    at: request.now.toISOString(),
    actor: request.actor,
    action: 'download-document',
    document: `annual-plan-${request.year}.${request.format}`,
  });
  return file;
}

function seriesOf(config: CountyConfig, seriesId: string): SeriesDefinition {
  const series = config.series.find((s) => s.id === seriesId);
  if (!series) throw new DocumentError('unknown-series', `找不到會議系列「${seriesId}」`, 404, 'seriesId');
  return series;
}

async function meetingOf(context: DownloadContext, request: MeetingRef) {
  seriesOf(context.config, request.seriesId);
  const occurrence = await getOccurrence(context.table, request.seriesId, request.slotKey);
  if (!occurrence) throw new DocumentError('no-such-meeting', `找不到 ${request.slotKey} 這場會議`, 404, 'slotKey');
  return occurrence;
}

async function rendered(context: DownloadContext, request: DocumentRequest): Promise<RenderedDocument> {
  const result = await context.render(request);
  if (!result.ok) throw new DocumentError(result.code, result.message, result.status);
  return result;
}

async function audited(context: DownloadContext, request: MeetingRef, fields: Pick<AuditRecord, 'version' | 'state' | 'document'>) {
  await recordAudit(context.table, {
    at: request.now.toISOString(),
    seriesId: request.seriesId,
    slotKey: request.slotKey,
    actor: request.actor,
    action: 'download-document',
    ...fields,
  });
}
