// The links that open minutes: the chair's (write) and an invited contact's (read). Each is an
// HMAC-signed token scoped to one meeting, one contact and one role, with an expiry and the
// contact's link version at issue time, so the secretariat can revoke it.
import { signToken } from '../../core/access/token-signing.ts';
import type { Notice } from '../../core/notices/notice.ts';
import type { NoticeLinks } from '../../core/invitations/render-notice.ts';
import type { MeetingTable } from '../../adapters/dynamodb/meeting-table.ts';
import { getLinkVersion, type LinkVersions } from '../../adapters/dynamodb/link-version-store.ts';

export type MinutesRole = 'chair' | 'invitee';

/** How long a mailed link works. The chair's covers the chair notice (weeks before) to the minutes deadline. */
export const minutesLinkLifetimeDays: Readonly<Record<MinutesRole, number>> = { chair: 90, invitee: 30 };

export type MinutesLinkGrant = {
  seriesId: string;
  slotKey: string;
  contactId: string;
  role: MinutesRole;
  /** The contact's current link version (see link-version-store.ts). */
  linkVersion: number;
  now: Date;
  lifetimeDays?: number;
};

export function minutesPath(seriesId: string, slotKey: string, token: string): string {
  return `/minutes/${encodeURIComponent(seriesId)}/${encodeURIComponent(slotKey)}/${token}`;
}

export function signMinutesLink(grant: MinutesLinkGrant, signingKey: Uint8Array, baseUrl: string): { url: string; expiresAt: string } {
  const exp = Math.floor(grant.now.getTime() / 1000) + (grant.lifetimeDays ?? minutesLinkLifetimeDays[grant.role]) * 86_400;
  const token = signToken(
    {
      purpose: 'minutes',
      seriesId: grant.seriesId,
      slotKey: grant.slotKey,
      contactId: grant.contactId,
      role: grant.role,
      version: grant.linkVersion,
      exp,
    },
    signingKey,
  );
  return {
    url: `${baseUrl.replace(/\/+$/, '')}${minutesPath(grant.seriesId, grant.slotKey, token)}`,
    expiresAt: new Date(exp * 1000).toISOString(),
  };
}

/** A link with the contact's current version, read from the table. */
export async function issueMinutesLink(
  table: MeetingTable,
  grant: Omit<MinutesLinkGrant, 'linkVersion'>,
  signingKey: Uint8Array,
  baseUrl: string,
): Promise<{ url: string; expiresAt: string }> {
  return signMinutesLink({ ...grant, linkVersion: await getLinkVersion(table, grant.contactId) }, signingKey, baseUrl);
}

const chairKinds: ReadonlySet<Notice['kind']> = new Set(['chair-duty', 'minutes-due', 'minutes-overdue']);

/**
 * For the dispatcher's `links` option: the minutes link a notice carries, signed at sending time.
 * A distribution notice gets the recipient's read link; the chair's notices get the write link.
 * Load `linkVersions` once per run with loadLinkVersions(table).
 */
export function minutesNoticeLinks(
  item: Pick<Notice, 'kind' | 'seriesId' | 'slotKey' | 'recipient'>,
  options: { signingKey: Uint8Array; baseUrl: string; linkVersions: LinkVersions; now: Date },
): NoticeLinks {
  const role: MinutesRole | undefined = item.kind === 'minutes-distributed' ? 'invitee' : chairKinds.has(item.kind) ? 'chair' : undefined;
  if (!role) return {};
  const { url } = signMinutesLink(
    {
      seriesId: item.seriesId,
      slotKey: item.slotKey,
      contactId: item.recipient.contactId,
      role,
      linkVersion: options.linkVersions.get(item.recipient.contactId) ?? 0,
      now: options.now,
    },
    options.signingKey,
    options.baseUrl,
  );
  return { minutes: url };
}
