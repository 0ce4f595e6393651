// An invited person's download of the meeting's 開會通知單, from the signed link in their invitation
// (core/access/notice-document-link.ts). The token alone says which meeting and which person; the
// link is checked against the county as it is now, like an RSVP link: the meeting must exist and
// take place, and the person must still be invited. The notice is the meeting's current one (issued
// at this download if nobody has asked for this version yet, with its 發文字號 and its audit record,
// exactly as a secretariat download would), rendered as PDF, and the download is audited under the
// person before the file is handed over. Outcomes carry ids only, so they can be logged as they are.
import { verifyToken } from '../../core/access/signed-token.ts';
import type { CountyConfig } from '../../core/series/county-config.ts';
import type { MinutesActor } from '../../core/minutes/minutes-record.ts';
import type { MeetingTable } from '../../adapters/dynamodb/meeting-table.ts';
import { getOccurrence } from '../../adapters/dynamodb/occurrence-store.ts';
import { recordAudit } from '../../adapters/dynamodb/minutes-store.ts';
import type { IssuedNotice } from '../../adapters/dynamodb/notice-store.ts';
import { loadCountyView } from '../load-county-view.ts';
import type { DocumentRenderer, RenderedDocument } from './document-request.ts';
import { currentMeetingNotice } from './issue-meeting-notice.ts';
import { DocumentError } from './document-error.ts';

export type NoticeLinkContext = { table: MeetingTable; config: CountyConfig; render: DocumentRenderer; signingKey: Uint8Array };

export type NoticeLinkRefusal =
  /** Not signed with this county's key, altered, cut short, or signed for something else. */
  | 'invalid-link'
  | 'expired-link'
  | 'no-such-meeting'
  | 'meeting-cancelled'
  /** The person is no longer on the meeting's invitation list. */
  | 'not-invited';

export type NoticeByLink =
  | { ok: true; file: RenderedDocument; notice: IssuedNotice; contactId: string }
  | { ok: false; refusal: NoticeLinkRefusal; seriesId?: string; slotKey?: string };

/**
 * Primary course: the token is this county's and unexpired, for a notice download → the meeting
 * exists and is not cancelled → the person is invited now → the current notice (issued now if
 * needed) → rendered as PDF → the download audited as the person's → the file.
 *
 * Refusals write nothing. DocumentError (a renderer refusal, a contended 發文字號) is thrown.
 */
export async function downloadNoticeByLink(context: NoticeLinkContext, token: string, now: Date): Promise<NoticeByLink> {
  const check = verifyToken(token, context.signingKey, now);
  if (!check.ok) return { ok: false, refusal: check.reason === 'expired' ? 'expired-link' : 'invalid-link' };
  const { purpose, seriesId, slotKey, contactId } = check.claims;
  if (purpose !== 'notice-document') return { ok: false, refusal: 'invalid-link' };
  const refused = (refusal: NoticeLinkRefusal): NoticeByLink => ({ ok: false, refusal, seriesId, slotKey });

  const series = context.config.series.find((s) => s.id === seriesId);
  if (!series) return refused('no-such-meeting');
  const [occurrence, view] = await Promise.all([
    getOccurrence(context.table, seriesId, slotKey),
    loadCountyView(context.table, context.config),
  ]);
  if (!occurrence) return refused('no-such-meeting');
  if (occurrence.status === 'cancelled') return refused('meeting-cancelled');
  const unitId = view.invitee(series, contactId)?.unitId;
  if (!unitId) return refused('not-invited');

  const actor: MinutesActor = { kind: 'invitee', contactId, unitId, via: 'notice-document-link' };
  const { notice } = await currentMeetingNotice(context, { seriesId, slotKey, actor, now });
  const file = await context.render({
    county: context.config.county.id,
    document: 'meeting-notice',
    format: 'pdf',
    seriesId,
    slotKey,
    revision: notice.revision,
  });
  if (!file.ok) throw new DocumentError(file.code, file.message, file.status);
  await recordAudit(context.table, {
    at: now.toISOString(),
    seriesId,
    slotKey,
    actor,
    action: 'download-document',
    version: notice.revision,
    document: 'meeting-notice.pdf',
  });
  return { ok: true, file, notice, contactId };
}
