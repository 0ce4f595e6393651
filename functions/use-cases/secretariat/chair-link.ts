// The chair's link to a meeting's minutes form: issued again when the one in the chair notice was
// lost or revoked, and revoked when it went astray (a forwarded e-mail, a lost phone). A link is a
// signature, not a stored item: issuing writes only the audit record, and revoking raises the
// contact's link version (link-version-store.ts), which ends every minutes link they hold.
import { randomUUID } from 'node:crypto';
import type { CountyConfig, SeriesDefinition } from '../../core/series/county-config.ts';
import type { Occurrence } from '../../core/planning/occurrence.ts';
import type { Temporal } from '../../core/calendar/local-date.ts';
import { auditTime, type SecretariatAction } from '../../core/audit/secretariat-action.ts';
import type { MeetingTable } from '../../adapters/dynamodb/meeting-table.ts';
import { listOccurrences } from '../../adapters/dynamodb/occurrence-store.ts';
import { getLinkVersion, revokeLinks } from '../../adapters/dynamodb/link-version-store.ts';
import { recordAction } from '../../adapters/dynamodb/secretariat-action-store.ts';
import { issueMinutesLink } from '../minutes/minutes-links.ts';
import { loadCountyView } from '../load-county-view.ts';
import { findSeries, requireReason } from './request-checks.ts';
import { findMeeting, type Actor } from './change-occurrence.ts';
import { SecretariatInputError } from './secretariat-input-error.ts';

export type ChairLinkRequest = {
  seriesId: string;
  /** The meeting's date (2026-03-25) or slot (2026-03). */
  occurrence: string;
  /** A contact of the chair unit; for issuing, the unit's first contact (its chief) when left out. */
  contactId?: string;
  reason: string;
  actor: Actor;
  now: Temporal.Instant;
};

export type IssuedChairLink = {
  contactId: string;
  contactName: string;
  /** The link itself: hand it to the chair; it is not stored anywhere. */
  url: string;
  expiresAt: string;
  action: SecretariatAction;
};

/**
 * Issue a chair's minutes link for one meeting.
 * 1. Validate the reason, the series and the meeting (held or not, not cancelled), and that the
 *    contact belongs to the meeting's chair unit as the roster stands now.
 * 2. Sign the link with the contact's current link version (a revoked link stays revoked).
 * 3. Record the audit record (never the link, which is a credential).
 * 4. Nobody is mailed: the officer hands the link over.
 * 5. Return the link, its expiry and the audit record.
 */
export async function issueChairLink(
  table: MeetingTable,
  config: CountyConfig,
  keys: { signingKey: Uint8Array; baseUrl: string },
  request: ChairLinkRequest,
): Promise<IssuedChairLink> {
  const { series, occurrence, contact, reason } = await chairContact(table, config, request, 'issue');
  const link = await issueMinutesLink(
    table,
    {
      seriesId: series.id,
      slotKey: occurrence.slotKey,
      contactId: contact.id,
      role: 'chair',
      now: new Date(request.now.epochMilliseconds),
    },
    keys.signingKey,
    keys.baseUrl,
  );
  const action = chairLinkAction(request, 'issue-chair-link', series, occurrence, reason, contact.id, null, { expiresAt: link.expiresAt });
  await recordAction(table, action);
  return { contactId: contact.id, contactName: contact.name, url: link.url, expiresAt: link.expiresAt, action: { ...action, told: [] } };
}

export type RevokedChairLink = {
  contactId: string;
  contactName: string;
  /** Every minutes link the contact held stops working: this meeting's and any other's. */
  linkVersion: number;
  action: SecretariatAction;
};

/**
 * Revoke the minutes links a chair's contact holds.
 * 1. Validate the reason, the series, the meeting, and a contact of its chair unit (named: a
 *    revocation is never guessed).
 * 2. Raise the contact's link version: every minutes link issued to them before stops working.
 * 3. Record the audit record right after (the version before and after).
 * 4. Nobody is mailed; a new link is issued with issueChairLink.
 * 5. Return the new version and the audit record.
 */
export async function revokeChairLink(table: MeetingTable, config: CountyConfig, request: ChairLinkRequest): Promise<RevokedChairLink> {
  if (!request.contactId?.trim())
    throw new SecretariatInputError({ code: 'unknown-contact', field: 'contactId', status: 404, message: '請指定要停用連結的聯絡人' });
  const { series, occurrence, contact, reason } = await chairContact(table, config, request, 'revoke');
  const before = await getLinkVersion(table, contact.id);
  const linkVersion = await revokeLinks(table, contact.id, `secretariat:${request.actor.id}`, request.now.toString());
  const action = chairLinkAction(
    request,
    'revoke-chair-link',
    series,
    occurrence,
    reason,
    contact.id,
    { linkVersion: before },
    { linkVersion },
  );
  await recordAction(table, action);
  return { contactId: contact.id, contactName: contact.name, linkVersion, action: { ...action, told: [] } };
}

async function chairContact(table: MeetingTable, config: CountyConfig, request: ChairLinkRequest, purpose: 'issue' | 'revoke') {
  const reason = requireReason(request.reason);
  const series = findSeries(config, request.seriesId);
  const occurrence = findMeeting(series, await listOccurrences(table, series.id), request.occurrence);
  if (occurrence.status === 'cancelled')
    throw new SecretariatInputError({
      code: 'meeting-cancelled',
      field: 'occurrence',
      status: 409,
      message: `${series.name.zh} ${occurrence.date} 的會議已停開，沒有會議紀錄`,
    });
  const view = await loadCountyView(table, config);
  const unit = view.unit(occurrence.chairUnitId);
  const contacts = unit?.contacts ?? [];
  const contact = request.contactId ? contacts.find((c) => c.id === request.contactId) : contacts[0];
  if (!contact)
    throw new SecretariatInputError({
      code: request.contactId && view.contact(request.contactId) ? 'not-in-chair-unit' : 'unknown-contact',
      field: 'contactId',
      status: request.contactId && view.contact(request.contactId) ? 400 : 404,
      message:
        `「${request.contactId ?? ''}」不是 ${occurrence.date} 會議主持單位（${view.unitName(occurrence.chairUnitId)}）的聯絡人；` +
        `${purpose === 'issue' ? '可發給' : '可停用'}：${contacts.map((c) => `${c.id}（${c.name}）`).join('、') || '（無）'}`,
    });
  return { series, occurrence, contact, reason };
}

function chairLinkAction(
  request: ChairLinkRequest,
  task: 'issue-chair-link' | 'revoke-chair-link',
  series: SeriesDefinition,
  occurrence: Occurrence,
  reason: string,
  contactId: string,
  before: Record<string, unknown> | null,
  after: Record<string, unknown>,
): SecretariatAction {
  return {
    id: randomUUID(),
    at: auditTime(request.now.epochMilliseconds),
    task,
    actor: { subject: request.actor.id, via: request.actor.via ?? 'unknown' },
    reason,
    scope: 'meeting',
    meetings: [{ seriesId: series.id, slotKey: occurrence.slotKey }],
    changes: [{ subject: 'chair-link', ref: contactId, before, after }],
  };
}
