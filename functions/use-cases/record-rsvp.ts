// Records an invitee's answer, from a signed link (the page's button) or from a calendar client's
// iMIP REPLY. Both paths decide the same way, on the county as it is now (county-view.ts: the
// configuration with the roster changes): the occurrence must exist and not be cancelled, the
// contact must be invited now, and an answer to an older SEQUENCE than the meeting's is stale.
// A REPLY from someone nobody invited (a forwarded invitation) is not an answer of any unit, but it
// is kept for the secretariat to see rather than dropped.
// Outcomes carry ids only (series, slot, contact), never an address or a name, so they can be
// logged as they are.
import type { CountyConfig, SeriesDefinition } from '../core/series/county-config.ts';
import type { CountyView } from '../core/series/county-view.ts';
import type { Occurrence } from '../core/planning/occurrence.ts';
import { verifyToken, type TokenClaims } from '../core/access/signed-token.ts';
import type { LinkAnswer, RsvpAnswer } from '../core/rsvp/rsvp-links.ts';
import type { RsvpDetails } from '../core/rsvp/rsvp-details.ts';
import { answerOfPartstat, normalizeAddress, type ImipReply } from '../core/rsvp/imip-answer.ts';
import type { MeetingTable } from '../adapters/dynamodb/meeting-table.ts';
import { getOccurrence, listOccurrences } from '../adapters/dynamodb/occurrence-store.ts';
import { getRsvp, recordRsvp, type Rsvp, type RsvpSource } from '../adapters/dynamodb/rsvp-store.ts';
import { holdReply, type HeldReplyReason } from '../adapters/dynamodb/held-reply-store.ts';
import { loadCountyView } from './load-county-view.ts';

/** The part of a logger this needs; the handlers' JsonLogger (adapters/log/json-logger.ts) fits. */
export type RsvpLogger = {
  info(message: string, attributes: Record<string, unknown>): void;
  warn(message: string, attributes: Record<string, unknown>): void;
};

export type RecordRsvpDependencies = { table: MeetingTable; config: CountyConfig; logger?: RsvpLogger };
/** Links also need the key their tokens were signed with. */
export type RsvpLinkDependencies = RecordRsvpDependencies & { signingKey: Uint8Array };

export type RsvpIgnoreReason =
  /** Link tokens: not ours, altered, or unreadable. */
  | 'invalid-token'
  | 'expired-token'
  /** A correctly signed token issued for something else (the minutes page). */
  | 'wrong-purpose'
  | 'unknown-series'
  | 'unknown-occurrence'
  /** iMIP: no occurrence of any configured series has this UID. */
  | 'unknown-uid'
  | 'cancelled'
  /** The contact is not (or no longer) on the invited units' rosters, or the attendee is nobody we invited. */
  | 'not-invited'
  /** iMIP: answered on an invitee's behalf (SENT-BY) by someone who is not a contact of the invitee's unit. */
  | 'delegate-not-in-unit'
  /** iMIP: the message's From is neither the attendee who answers nor the delegate named in SENT-BY. */
  | 'from-mismatch';

type Scope = { seriesId: string; slotKey: string; contactIds: string[] };

export type RsvpOutcome =
  | ({ outcome: 'recorded'; source: RsvpSource; answer: RsvpAnswer; sequence: number } & Scope)
  | ({ outcome: 'stale'; source: RsvpSource; sequence: number; currentSequence: number } & Scope)
  | ({
      outcome: 'ignored';
      source: RsvpSource;
      reason: RsvpIgnoreReason;
      /** Kept for the secretariat to see (held-reply-store.ts): a reply from someone nobody invited. */
      held?: true;
    } & Partial<Scope>);

/** What a valid link points at, for the page shown before anything is recorded. */
export type RsvpLinkTarget = {
  claims: TokenClaims & { sequence: number };
  /** The county as it was when the link was checked: names, the venue, the unit. */
  view: CountyView;
  series: SeriesDefinition;
  occurrence: Occurrence;
  unitId: string;
  contactId: string;
  /** The answer recorded so far, if any. */
  current?: Rsvp;
};

/**
 * Checks a link's token and what it points at without recording anything: GET requests (and the
 * mail scanners that pre-fetch every link) come through here.
 */
export async function inspectRsvpLink(
  deps: RsvpLinkDependencies,
  token: string,
  now: Date,
): Promise<{ ok: true; target: RsvpLinkTarget } | { ok: false; outcome: Exclude<RsvpOutcome, { outcome: 'recorded' }> }> {
  const check = verifyToken(token, deps.signingKey, now);
  if (!check.ok)
    return {
      ok: false,
      outcome: { outcome: 'ignored', source: 'link', reason: check.reason === 'expired' ? 'expired-token' : 'invalid-token' },
    };
  const claims = check.claims;
  if (claims.purpose !== 'rsvp' || claims.sequence === undefined)
    return { ok: false, outcome: { outcome: 'ignored', source: 'link', reason: 'wrong-purpose' } };
  const scope: Scope = { seriesId: claims.seriesId, slotKey: claims.slotKey, contactIds: [claims.contactId] };
  const ignored = (reason: RsvpIgnoreReason) => ({
    ok: false as const,
    outcome: { outcome: 'ignored' as const, source: 'link' as const, reason, ...scope },
  });

  const series = deps.config.series.find((s) => s.id === claims.seriesId);
  if (!series) return ignored('unknown-series');
  const [occurrence, view] = await Promise.all([
    getOccurrence(deps.table, claims.seriesId, claims.slotKey),
    loadCountyView(deps.table, deps.config),
  ]);
  if (!occurrence) return ignored('unknown-occurrence');
  if (occurrence.status === 'cancelled') return ignored('cancelled');
  const unitId = view.invitee(series, claims.contactId)?.unitId;
  if (!unitId) return ignored('not-invited');
  if (claims.sequence < occurrence.sequence) {
    return {
      ok: false,
      outcome: { outcome: 'stale', source: 'link', sequence: claims.sequence, currentSequence: occurrence.sequence, ...scope },
    };
  }
  const current = await getRsvp(deps.table, claims.seriesId, claims.slotKey, claims.contactId);
  const target: RsvpLinkTarget = {
    claims: { ...claims, sequence: claims.sequence },
    view,
    series,
    occurrence,
    unitId,
    contactId: claims.contactId,
  };
  if (current) target.current = current;
  return { ok: true, target };
}

/**
 * The answer given on a link's page (POST), with what the page let the person add (already
 * validated: rsvp-details.ts). The token alone decides which meeting and which contact. A recorded
 * answer comes with the link's target, for the confirmation page.
 */
export async function recordRsvpFromLink(
  deps: RsvpLinkDependencies,
  token: string,
  answer: LinkAnswer,
  details: RsvpDetails,
  now: Date,
): Promise<{ outcome: RsvpOutcome; target?: RsvpLinkTarget }> {
  const inspected = await inspectRsvpLink(deps, token, now);
  if (!inspected.ok) return { outcome: logged(deps, inspected.outcome) };
  const { occurrence, claims } = inspected.target;
  const outcome = await store(deps, occurrence, [claims.contactId], answer, claims.sequence, 'link', now, details);
  return { outcome: logged(deps, outcome), target: inspected.target };
}

/**
 * A calendar client's REPLY, already parsed. Matched on UID and attendee only: Exchange sends
 * REPLYs without ORGANIZER, and the UID names the meeting. The answer may come from a delegate
 * (SENT-BY, as Outlook sends when a secretary answers from their chief's calendar): it counts when
 * the delegate is a contact of the attendee's own unit, and is recorded for the attendee.
 */
export async function recordImipReply(deps: RecordRsvpDependencies, reply: ImipReply, now: Date): Promise<RsvpOutcome> {
  const [occurrence, view] = await Promise.all([findOccurrenceByUid(deps, reply.uid), loadCountyView(deps.table, deps.config)]);
  if (!occurrence) return logged(deps, { outcome: 'ignored', source: 'imip', reason: 'unknown-uid' });
  const series = view.findSeries(occurrence.seriesId)!;
  const attendee = normalizeAddress(reply.attendee);
  const sentBy = reply.sentBy ? normalizeAddress(reply.sentBy) : undefined;
  const invitees = view.inviteesByAddress(series, attendee);
  const contactIds = invitees.map((c) => c.contactId);
  const scope = { seriesId: occurrence.seriesId, slotKey: occurrence.slotKey, ...(contactIds.length > 0 ? { contactIds } : {}) };

  if (occurrence.status === 'cancelled') return logged(deps, { outcome: 'ignored', source: 'imip', reason: 'cancelled', ...scope });
  // Anyone can write a REPLY naming someone else as the attendee; the mailbox it came from must be
  // theirs, or that of the delegate the REPLY names.
  const from = normalizeAddress(reply.from);
  if (from !== attendee && from !== sentBy) return logged(deps, { outcome: 'ignored', source: 'imip', reason: 'from-mismatch', ...scope });
  const hold = async (reason: HeldReplyReason) => {
    await holdReply(deps.table, {
      seriesId: occurrence.seriesId,
      slotKey: occurrence.slotKey,
      meetingDate: occurrence.date,
      reason,
      attendee,
      ...(reply.attendeeName ? { attendeeName: reply.attendeeName } : {}),
      ...(sentBy ? { sentBy } : {}),
      partstat: reply.partstat,
      sequence: reply.sequence,
      receivedAt: now.toISOString(),
    });
    return logged(deps, { outcome: 'ignored', source: 'imip', reason, held: true, ...scope });
  };
  if (contactIds.length === 0) return hold('not-invited');
  let answeredBy: string | undefined;
  if (sentBy && sentBy !== attendee) {
    // The delegate must be a contact of the unit the attendee answers for.
    answeredBy = invitees
      .flatMap((invitee) => view.unitRecipients(invitee.unitId))
      .find((colleague) => normalizeAddress(colleague.email) === sentBy)?.contactId;
    if (!answeredBy) return hold('delegate-not-in-unit');
  }
  if (reply.sequence < occurrence.sequence) {
    return logged(deps, {
      outcome: 'stale',
      source: 'imip',
      sequence: reply.sequence,
      currentSequence: occurrence.sequence,
      ...scope,
      contactIds,
    });
  }
  const details = answeredBy ? { answeredBy } : {};
  return logged(deps, await store(deps, occurrence, contactIds, answerOfPartstat(reply.partstat), reply.sequence, 'imip', now, details));
}

async function store(
  deps: RecordRsvpDependencies,
  occurrence: Occurrence,
  contactIds: string[],
  answer: RsvpAnswer,
  answeredSequence: number,
  source: RsvpSource,
  now: Date,
  details: RsvpDetails & { answeredBy?: string } = {},
): Promise<RsvpOutcome> {
  // A client that answers with a SEQUENCE above the meeting's is not allowed to lift the bar for
  // later answers: what is stored is the version the answer can be about.
  const sequence = Math.min(answeredSequence, occurrence.sequence);
  const at = now.toISOString();
  const scope = { seriesId: occurrence.seriesId, slotKey: occurrence.slotKey };
  const written = await Promise.all(
    contactIds.map(async (contactId) => ({
      contactId,
      ok: await recordRsvp(deps.table, { ...scope, contactId, answer, sequence, source, at, ...details }),
    })),
  );
  const recorded = written.filter((w) => w.ok).map((w) => w.contactId);
  if (recorded.length === 0) {
    // An answer to a newer version of the meeting was stored in the meantime.
    return { outcome: 'stale', source, sequence, currentSequence: occurrence.sequence, ...scope, contactIds };
  }
  return { outcome: 'recorded', source, answer, sequence, ...scope, contactIds: recorded };
}

/** Occurrences are keyed by series and slot, not UID: five series of a few dozen items each are read and searched. */
async function findOccurrenceByUid(deps: RecordRsvpDependencies, uid: string): Promise<Occurrence | undefined> {
  const perSeries = await Promise.all(deps.config.series.map((s) => listOccurrences(deps.table, s.id)));
  return perSeries.flat().find((o) => o.uid === uid);
}

function logged(deps: RecordRsvpDependencies, outcome: RsvpOutcome): RsvpOutcome {
  if (!deps.logger) return outcome;
  // Ids, counts and codes only: the outcome types carry no address or name by construction.
  const attributes: Record<string, unknown> = { ...outcome };
  if (outcome.outcome === 'recorded') deps.logger.info('rsvp recorded', attributes);
  else deps.logger.warn(`rsvp ${outcome.outcome}`, attributes);
  return outcome;
}
