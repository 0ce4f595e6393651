// Who may touch one meeting's minutes. A link holder is let in only if the link's signature holds,
// it has not expired, it was issued for minutes of exactly this meeting, the contact has not had
// their links revoked since, and the contact still belongs to the unit the role needs: the
// meeting's current chair unit to write, an invited unit to read. The secretariat is let in by
// its sign-in (secretariat-auth.ts) and reaches any meeting that exists.
import { createHash } from 'node:crypto';
import { verifyToken } from '../../core/access/signed-token.ts';
import type { MinutesActor } from '../../core/minutes/minutes-record.ts';
import { getOccurrence } from '../../adapters/dynamodb/occurrence-store.ts';
import { getLinkVersion } from '../../adapters/dynamodb/link-version-store.ts';
import { countyNow, type MinutesContext, type OccurrenceAccess } from './minutes-context.ts';
import { MinutesError } from './minutes-error.ts';

export type LinkRequest = { token: string; seriesId: string; slotKey: string };

/** Names a credential in audit records without storing it: a short hash. */
export function credentialFingerprint(kind: 'link' | 'jwt', token: string): string {
  return `${kind}:${createHash('sha256').update(token).digest('base64url').slice(0, 16)}`;
}

export async function authorizeMinutesLink(
  context: MinutesContext,
  signingKey: Uint8Array,
  request: LinkRequest,
  need: 'read' | 'write',
): Promise<OccurrenceAccess> {
  const check = verifyToken(request.token, signingKey, context.now());
  if (!check.ok) {
    throw check.reason === 'expired'
      ? new MinutesError('expired-link', '此連結已過期，請洽幕僚重新寄送')
      : new MinutesError('invalid-link', '此連結無效：無法辨識，可能已被修改或複製不完整，請使用通知信中的連結');
  }
  const { claims } = check;
  if (claims.purpose !== 'minutes' || !claims.role)
    throw new MinutesError('wrong-purpose', '此連結不是會議紀錄連結，請使用主持人通知信或紀錄分送通知信中的連結');
  if (claims.seriesId !== request.seriesId || claims.slotKey !== request.slotKey) {
    throw new MinutesError('wrong-occurrence', '此連結屬於另一場會議，請使用本場會議通知信中的連結');
  }
  if ((claims.version ?? -1) !== (await getLinkVersion(context.table, claims.contactId))) {
    throw new MinutesError('revoked-link', '此連結已停用，請洽幕僚重新寄送');
  }
  const series = context.config.series.find((s) => s.id === claims.seriesId);
  const occurrence = series ? await getOccurrence(context.table, claims.seriesId, claims.slotKey) : undefined;
  if (!series || !occurrence) throw new MinutesError('not-found', '找不到這場會議');

  const view = await countyNow(context);
  const unit = view.unitOf(claims.contactId);
  const via = credentialFingerprint('link', request.token);
  if (claims.role === 'chair') {
    // The chair may have changed since the link was sent (a swap): only the current chair unit writes.
    if (!unit || unit.id !== occurrence.chairUnitId)
      throw new MinutesError('not-chair', '您的單位不是本場會議的主持單位，無法填寫紀錄，請洽幕僚');
    return { actor: { kind: 'chair', contactId: claims.contactId, unitId: unit.id, via }, series, occurrence };
  }
  if (need === 'write') throw new MinutesError('not-chair', '此連結僅供閱覽，只有主持單位可以填寫紀錄');
  if (!unit || !view.isInvited(series, claims.contactId)) throw new MinutesError('not-invited', '您的單位未受邀參加本場會議，無法閱覽紀錄');
  return { actor: { kind: 'invitee', contactId: claims.contactId, unitId: unit.id, via }, series, occurrence };
}

export async function secretariatAccess(
  context: MinutesContext,
  actor: Extract<MinutesActor, { kind: 'secretariat' }>,
  seriesId: string,
  slotKey: string,
): Promise<OccurrenceAccess> {
  const series = context.config.series.find((s) => s.id === seriesId);
  const occurrence = series ? await getOccurrence(context.table, seriesId, slotKey) : undefined;
  if (!series || !occurrence) throw new MinutesError('not-found', '找不到這場會議');
  return { actor, series, occurrence };
}
