// The document renderer: reads what a request names (read-only) and renders it with the pure
// renderers of functions/documents/. It runs in the document Lambda (handlers/render-documents.ts)
// and, for `npm start` and tests, in-process; nothing else may import it, so pdf-lib, fontkit,
// exceljs and the fonts stay out of every other bundle (test/infra/document-function.test.ts).
// Whether a download is allowed was decided before the request was made (document-downloads.ts);
// this only refuses what has gone missing since.
import type { CountyConfig, SeriesDefinition } from '../../core/series/county-config.ts';
import { annualPlan } from '../../core/annual-plan/annual-plan.ts';
import { meetingNumber } from '../../core/annual-plan/meeting-number.ts';
import { Temporal, todayInTaipei } from '../../core/calendar/local-date.ts';
import type { Counties } from '../../adapters/config/county-registry.ts';
import { forCounty, type MeetingTable, type TableConnection } from '../../adapters/dynamodb/meeting-table.ts';
import { getOccurrence, listOccurrences } from '../../adapters/dynamodb/occurrence-store.ts';
import { listOverrides } from '../../adapters/dynamodb/override-store.ts';
import { loadOfficeCalendar } from '../../adapters/dynamodb/calendar-store.ts';
import { listRsvps } from '../../adapters/dynamodb/rsvp-store.ts';
import { listMinutesVersions } from '../../adapters/dynamodb/minutes-store.ts';
import { listIssuedNotices, type IssuedNotice } from '../../adapters/dynamodb/notice-store.ts';
import { loadCountyView } from '../load-county-view.ts';
import { loadDocumentFonts, type DocumentFonts } from '../../documents/document-fonts.ts';
import { meetingNoticeDocument, type MeetingNoticeInput } from '../../documents/meeting-notice-document.ts';
import { renderMeetingNoticePdf } from '../../documents/meeting-notice-pdf.ts';
import { renderMeetingNoticeOdt } from '../../documents/meeting-notice-odt.ts';
import { signInSheetDocument, type SignInAnswer } from '../../documents/sign-in-sheet-document.ts';
import { renderSignInSheetPdf } from '../../documents/sign-in-sheet-pdf.ts';
import { minutesDocument, minutesTitle } from '../../documents/minutes-document.ts';
import { renderMinutesPdf } from '../../documents/minutes-pdf.ts';
import { renderMinutesOdt } from '../../documents/minutes-odt.ts';
import { annualPlanDocument } from '../../documents/annual-plan-document.ts';
import { renderAnnualPlanXlsx } from '../../documents/annual-plan-xlsx.ts';
import { renderAnnualPlanCsv } from '../../documents/annual-plan-csv.ts';
import { renderAnnualPlanPdf } from '../../documents/annual-plan-pdf.ts';
import { meetingName } from '../../documents/meeting-particulars.ts';
import { readNoticeSettings } from './notice-settings.ts';
import { contentTypes, type DocumentFormat, type DocumentRefusal, type DocumentRequest, type DocumentResult } from './document-request.ts';

export type RendererDependencies = {
  connection: TableConnection;
  counties: Counties;
  /** Where the font files are: beside the bundle in Lambda, functions/documents/fonts/ in the source tree. */
  fontDirectory?: string;
};

type Rendered = { bytes: Uint8Array; filename: string; asciiFilename: string; missingCharacters?: readonly string[] };

const refuse = (status: 404 | 409, code: DocumentRefusal['code'], message: string): DocumentRefusal => ({
  ok: false,
  status,
  code,
  message,
});

export async function renderDocument(deps: RendererDependencies, request: DocumentRequest): Promise<DocumentResult> {
  const config = deps.counties.get(request.county);
  if (!config) return refuse(404, 'unknown-county', `找不到縣市「${request.county}」`);
  const table = forCounty(deps.connection, request.county);
  const fonts = () => loadDocumentFonts(deps.fontDirectory);

  let rendered: Rendered | DocumentRefusal;
  switch (request.document) {
    case 'meeting-notice':
      rendered = await meetingNotice(table, config, request, fonts);
      break;
    case 'sign-in-sheet':
      rendered = await signInSheet(table, config, request, fonts);
      break;
    case 'minutes':
      rendered = await minutes(table, config, request, fonts);
      break;
    case 'annual-plan':
      rendered = await annualPlanExport(table, config, request, fonts);
      break;
  }
  if ('ok' in rendered) return rendered;
  return {
    ok: true,
    contentType: contentTypes[request.format],
    filename: rendered.filename,
    asciiFilename: rendered.asciiFilename,
    base64: Buffer.from(rendered.bytes).toString('base64'),
    missingCharacters: rendered.missingCharacters?.length ?? 0,
  };
}

function seriesOf(config: CountyConfig, seriesId: string): SeriesDefinition | DocumentRefusal {
  return config.series.find((s) => s.id === seriesId) ?? refuse(404, 'unknown-series', `找不到會議系列「${seriesId}」`);
}

const fileName = (name: string, format: DocumentFormat) => `${name}.${format}`;

async function meetingNotice(
  table: MeetingTable,
  config: CountyConfig,
  request: Extract<DocumentRequest, { document: 'meeting-notice' }>,
  fonts: () => DocumentFonts,
): Promise<Rendered | DocumentRefusal> {
  const series = seriesOf(config, request.seriesId);
  if ('ok' in series) return series;
  const notices = await listIssuedNotices(table, request.seriesId, request.slotKey);
  const notice = notices.find((n) => n.revision === request.revision);
  if (!notice) return refuse(404, 'no-such-notice', `這場會議沒有第 ${request.revision} 份開會通知單`);
  const document = meetingNoticeDocument(noticeInput(config, series, notice, notices));
  const mark = notice.kind === 'correction' ? '（更正）' : notice.kind === 'cancellation' ? '（取消）' : '';
  const name = `${meetingName(series, notice.occurrence, notice.meetingNumber)}開會通知單${mark}`;
  const asciiFilename = fileName(`meeting-notice-${request.seriesId}-${request.slotKey}-${request.revision}`, request.format);
  if (request.format === 'odt') return { bytes: renderMeetingNoticeOdt(document), filename: fileName(name, 'odt'), asciiFilename };
  const { pdf, missingCharacters } = await renderMeetingNoticePdf(document, fonts());
  return { bytes: pdf, filename: fileName(name, 'pdf'), asciiFilename, missingCharacters };
}

/** The notice as issued: its own snapshot of the meeting, and the one it supersedes for a 更正. */
function noticeInput(
  config: CountyConfig,
  series: SeriesDefinition,
  notice: IssuedNotice,
  all: readonly IssuedNotice[],
): MeetingNoticeInput {
  const superseded = notice.supersedes && all.find((n) => n.revision === notice.supersedes!.revision);
  const cited = notice.supersedes && { issuedOn: notice.supersedes.issuedOn, documentNumber: notice.supersedes.documentNumber };
  const revision: MeetingNoticeInput['revision'] =
    notice.kind === 'cancellation' && cited
      ? { kind: 'cancellation', supersedes: cited, reason: notice.cancellationReason ?? '另定期召開' }
      : notice.kind === 'correction' && cited && superseded
        ? { kind: 'correction', supersedes: cited, previous: superseded.occurrence }
        : { kind: 'original' };
  return {
    config,
    series,
    occurrence: notice.occurrence,
    issuer: notice.issuer,
    contact: notice.contact,
    issuedOn: notice.issuedOn,
    documentNumber: notice.documentNumber,
    ...(notice.meetingNumber !== undefined ? { meetingNumber: notice.meetingNumber } : {}),
    revision,
  };
}

async function signInSheet(
  table: MeetingTable,
  config: CountyConfig,
  request: Extract<DocumentRequest, { document: 'sign-in-sheet' }>,
  fonts: () => DocumentFonts,
): Promise<Rendered | DocumentRefusal> {
  const series = seriesOf(config, request.seriesId);
  if ('ok' in series) return series;
  const [occurrence, occurrences, rsvps, view, settings] = await Promise.all([
    getOccurrence(table, request.seriesId, request.slotKey),
    listOccurrences(table, request.seriesId),
    listRsvps(table, request.seriesId, request.slotKey),
    loadCountyView(table, config),
    readNoticeSettings(table, config),
  ]);
  if (!occurrence) return refuse(404, 'no-such-meeting', `找不到 ${request.slotKey} 這場會議`);
  // Answers to the meeting as it is now: someone who accepted the old date may not come on the new one.
  const answers: SignInAnswer[] = rsvps
    .filter((rsvp) => rsvp.sequence === occurrence.sequence && rsvp.answer !== 'tentative')
    .flatMap((rsvp) => {
      const unit = view.unitOf(rsvp.contactId);
      const contact = view.contact(rsvp.contactId);
      if (!unit || !contact) return [];
      const deputy = rsvp.attendeeName !== undefined && rsvp.attendeeName !== contact.name;
      return [
        {
          unitId: unit.id,
          name: deputy ? rsvp.attendeeName! : contact.name,
          ...(!deputy && contact.title ? { title: contact.title } : {}),
          deputy,
          attending: rsvp.answer === 'accept',
        },
      ];
    });
  // A unit that is a committee of named members (the placement panel) gets one line per member.
  const panelUnitIds = series.invitedUnitIds.filter(
    (id) => (view.unit(id) as { committee?: unknown } | undefined)?.committee !== undefined,
  );
  const number = meetingNumber(occurrence, occurrences);
  const document = signInSheetDocument({
    config: view.config,
    series,
    occurrence,
    issuer: settings.issuer.name,
    answers,
    panelUnitIds,
    ...(number !== undefined ? { meetingNumber: number } : {}),
  });
  const { pdf, missingCharacters } = await renderSignInSheetPdf(document, fonts());
  return {
    bytes: pdf,
    filename: fileName(`${document.meetingName}簽到表`, 'pdf'),
    asciiFilename: fileName(`sign-in-sheet-${request.seriesId}-${request.slotKey}`, 'pdf'),
    missingCharacters,
  };
}

async function minutes(
  table: MeetingTable,
  config: CountyConfig,
  request: Extract<DocumentRequest, { document: 'minutes' }>,
  fonts: () => DocumentFonts,
): Promise<Rendered | DocumentRefusal> {
  const series = seriesOf(config, request.seriesId);
  if ('ok' in series) return series;
  const [occurrence, occurrences, versions, settings] = await Promise.all([
    getOccurrence(table, request.seriesId, request.slotKey),
    listOccurrences(table, request.seriesId),
    listMinutesVersions(table, request.seriesId, request.slotKey),
    readNoticeSettings(table, config),
  ]);
  const version = versions.find((v) => v.version === request.version);
  if (!occurrence || !version) return refuse(404, 'no-such-minutes', '找不到這一版的會議紀錄');
  if (version.state !== 'approved') return refuse(409, 'minutes-not-approved', '只有核定的會議紀錄可以下載');
  const number = meetingNumber(occurrence, occurrences);
  const document = minutesDocument({
    config,
    series,
    occurrence,
    // The approved version itself: its save is the approval, so the file's date is the approval's.
    head: {
      version: version.version,
      state: version.state,
      minutes: version.minutes,
      updatedAt: version.savedAt,
      approvedAt: version.savedAt,
    },
    issuer: settings.issuer.name,
    ...(number !== undefined ? { meetingNumber: number } : {}),
  });
  const name = `${minutesTitle(document)}（第${version.version}版）`;
  const asciiFilename = fileName(`minutes-${request.seriesId}-${request.slotKey}-v${version.version}`, request.format);
  if (request.format === 'odt') return { bytes: renderMinutesOdt(document), filename: fileName(name, 'odt'), asciiFilename };
  const { pdf, missingCharacters } = await renderMinutesPdf(document, fonts());
  return { bytes: pdf, filename: fileName(name, 'pdf'), asciiFilename, missingCharacters };
}

async function annualPlanExport(
  table: MeetingTable,
  config: CountyConfig,
  request: Extract<DocumentRequest, { document: 'annual-plan' }>,
  fonts: () => DocumentFonts,
): Promise<Rendered> {
  const at = Temporal.Instant.from(request.at);
  const calendar = await loadOfficeCalendar(table);
  const plans = await Promise.all(
    config.series.map(async (series) => {
      const [stored, overrides] = await Promise.all([listOccurrences(table, series.id), listOverrides(table, series.id)]);
      return { series, meetings: annualPlan(series, calendar, overrides, stored, request.year, at) };
    }),
  );
  const plan = annualPlanDocument({ config, year: request.year, plans, generatedOn: todayInTaipei(at).toString() });
  const asciiFilename = fileName(`annual-plan-${config.county.id}-${request.year}`, request.format);
  const filename = fileName(plan.title, request.format);
  switch (request.format) {
    case 'xlsx':
      return { bytes: await renderAnnualPlanXlsx(plan), filename, asciiFilename };
    case 'csv':
      return { bytes: new TextEncoder().encode(renderAnnualPlanCsv(plan)), filename, asciiFilename };
    case 'pdf': {
      const { pdf, missingCharacters } = await renderAnnualPlanPdf(plan, fonts());
      return { bytes: pdf, filename, asciiFilename, missingCharacters };
    }
  }
}
