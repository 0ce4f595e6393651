// The links a notice carries, signed when it is sent: accept/decline and the 開會通知單 download on
// invitations, the chair's minutes link on chair notices, a personal read link on distributed minutes.
import type { NoticeLinks } from '../core/invitations/render-notice.ts';
import type { Occurrence } from '../core/planning/occurrence.ts';
import { meetingTime } from '../core/invitations/meeting-time.ts';
import { rsvpLinks } from '../core/rsvp/rsvp-links.ts';
import { noticeDocumentLink } from '../core/access/notice-document-link.ts';
import type { MeetingTable } from '../adapters/dynamodb/meeting-table.ts';
import { loadLinkVersions, type LinkVersions } from '../adapters/dynamodb/link-version-store.ts';
import type { OutboxItem } from '../adapters/dynamodb/outbox-store.ts';
import { minutesNoticeLinks } from './minutes/minutes-links.ts';
import { countyBaseUrl, countySigningKey } from '../core/access/token-signing.ts';

export type NoticeLinker = (item: OutboxItem, occurrence: Occurrence) => NoticeLinks;

/**
 * Reads the contacts' link versions once, for one dispatch run. Links point at the county's own
 * routes and are signed with the county's own key.
 */
export async function noticeLinker(
  table: MeetingTable,
  deploymentKey: Uint8Array,
  publicBaseUrl: string,
  now: () => Date,
): Promise<NoticeLinker> {
  const linkVersions: LinkVersions = await loadLinkVersions(table);
  const signingKey = countySigningKey(deploymentKey, table.county);
  const baseUrl = countyBaseUrl(publicBaseUrl, table.county);
  return (item, occurrence) => {
    const links: NoticeLinks = minutesNoticeLinks(item, { signingKey, baseUrl, linkVersions, now: now() });
    if (item.kind === 'invitation') {
      const { start, end } = meetingTime(occurrence);
      const meeting = {
        baseUrl,
        key: signingKey,
        seriesId: item.seriesId,
        slotKey: item.slotKey,
        contactId: item.recipient.contactId,
        meetingStart: new Date(start.epochMilliseconds),
        meetingEnd: new Date(end.epochMilliseconds),
        now: now(),
      };
      Object.assign(links, rsvpLinks({ ...meeting, sequence: occurrence.sequence }));
      // For the text and HTML parts only: the renderer keeps it out of the calendar object.
      links.document = noticeDocumentLink(meeting);
    }
    return links;
  };
}
