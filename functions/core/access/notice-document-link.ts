// The 開會通知單 link in an invitation's text and HTML parts: a signed token for one meeting and one
// person, so the county's formal notice can be had without a session and without being attached
// (Outlook stops recognising an invitation that carries other attachments). It names no version:
// whoever opens it gets the meeting's notice as it is now, so a link in an older mail never serves
// a superseded time or place. It lives as long as the invitation's answer links.
import { signToken } from './token-signing.ts';
import { rsvpLinkExpiry } from '../rsvp/rsvp-links.ts';

export type NoticeDocumentLinkInput = {
  /** The county's base URL (countyBaseUrl): …/c/<county>. */
  baseUrl: string;
  /** The county's signing key (countySigningKey): a link of one county is nothing on another's routes. */
  key: Uint8Array;
  seriesId: string;
  slotKey: string;
  contactId: string;
  meetingStart: Date;
  meetingEnd?: Date;
  /** When the notice carrying the link is rendered. */
  now: Date;
};

export const noticeDocumentPath = '/documents/notice/';

export function noticeDocumentLink(input: NoticeDocumentLinkInput): string {
  const exp = Math.max(1, Math.ceil(rsvpLinkExpiry(input).getTime() / 1000));
  const token = signToken(
    { purpose: 'notice-document', seriesId: input.seriesId, slotKey: input.slotKey, contactId: input.contactId, exp },
    input.key,
  );
  return `${input.baseUrl.replace(/\/+$/, '')}${noticeDocumentPath}${encodeURIComponent(token)}`;
}
