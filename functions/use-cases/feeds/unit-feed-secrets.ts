// The secretariat issues, rotates and revokes a unit's calendar-feed URL (from the CLI or the JSON
// API, through these use cases alone). The URL is the credential, so its secret is shown once, in
// the answer to the issue, and stored only as a hash; every change is audited with who made it.
import type { CountyConfig } from '../../core/series/county-config.ts';
import type { MinutesActor } from '../../core/minutes/minutes-record.ts';
import { countyBaseUrl } from '../../core/access/signed-token.ts';
import { hashFeedSecret, newFeedSecret } from '../../core/feeds/feed-secret.ts';
import type { MeetingTable } from '../../adapters/dynamodb/meeting-table.ts';
import { getUnitFeed, listUnitFeeds, saveUnitFeed, type FeedAction, type UnitFeed } from '../../adapters/dynamodb/feed-store.ts';
import { conflictError, SecretariatInputError } from '../secretariat/secretariat-input-error.ts';

export type FeedContext = { table: MeetingTable; config: CountyConfig };

/** Who acts: a signed-in officer (API) or the person at the command line (`--as`). */
export type FeedActor = Extract<MinutesActor, { kind: 'secretariat' }>;

export type FeedChangeRequest = {
  unitId: string;
  actor: FeedActor;
  now: Date;
  /** Where the deployment's routes are served; the URL is built under the county's /c/<county>. */
  publicBaseUrl: string;
};

export type IssuedFeed = {
  unitId: string;
  unitName: string;
  /** The subscribable URL, with the secret in it: shown this once, never stored. */
  url: string;
  /** An earlier URL existed and has stopped working. */
  rotated: boolean;
  issuedAt: string;
};

export type RevokedFeed = {
  unitId: string;
  unitName: string;
  /** False when the unit had no working URL: nothing was changed. */
  revoked: boolean;
};

export type FeedStatus = { unitId: string; unitName: string; active: boolean; issuedAt?: string; revokedAt?: string };

/** The path of a unit's feed below the county's routes. */
export const feedPath = (unitId: string, secret: string) => `/feeds/${encodeURIComponent(unitId)}/${secret}.ics`;

/**
 * Issues a unit's calendar-feed URL; for a unit that already has one, rotates it.
 *
 * Primary course: the unit is one of the county's → a new 256-bit secret is made → its SHA-256 is
 * stored with the feed's generation raised, and the audit record (who, when, which unit, issue or
 * rotate) in the same transaction → the URL is returned, once. Any earlier URL of the unit answers
 * 404 from then on.
 *
 * Errors: `unknown-unit` (field `unit`, 404) when the county has no such unit; `conflict` (409)
 * when another officer changed the unit's feed between our read and our write. Nothing is written
 * when either is thrown.
 */
export async function issueUnitFeed(context: FeedContext, request: FeedChangeRequest): Promise<IssuedFeed> {
  const unitName = unitNameOf(context.config, request.unitId);
  const previous = await getUnitFeed(context.table, request.unitId);
  const secret = newFeedSecret();
  const at = request.now.toISOString();
  const rotated = previous?.secretHash !== undefined;
  const generation = (previous?.generation ?? 0) + 1;
  const feed: UnitFeed = { unitId: request.unitId, secretHash: hashFeedSecret(secret), generation, issuedAt: at, updatedAt: at };
  await save(context, feed, previous, rotated ? 'rotate-feed' : 'issue-feed', request);
  return {
    unitId: request.unitId,
    unitName,
    url: `${countyBaseUrl(request.publicBaseUrl, context.config.county.id)}${feedPath(request.unitId, secret)}`,
    rotated,
    issuedAt: at,
  };
}

/**
 * Revokes a unit's calendar-feed URL.
 *
 * Primary course: the unit is one of the county's and has a working URL → its hash is removed and
 * the generation raised, with the audit record, in one transaction → from then on the URL answers
 * 404, exactly as an address that never existed. A unit without a working URL is left as it is
 * (`revoked: false`), with nothing written.
 *
 * Errors: `unknown-unit` (field `unit`, 404); `conflict` (409) as for issueUnitFeed.
 */
export async function revokeUnitFeed(context: FeedContext, request: Omit<FeedChangeRequest, 'publicBaseUrl'>): Promise<RevokedFeed> {
  const unitName = unitNameOf(context.config, request.unitId);
  const previous = await getUnitFeed(context.table, request.unitId);
  if (previous?.secretHash === undefined) return { unitId: request.unitId, unitName, revoked: false };
  const at = request.now.toISOString();
  const { secretHash: _revoked, ...rest } = previous;
  const feed: UnitFeed = { ...rest, generation: previous.generation + 1, revokedAt: at, updatedAt: at };
  await save(context, feed, previous, 'revoke-feed', request);
  return { unitId: request.unitId, unitName, revoked: true };
}

/** Which units have a working feed URL (never the URL: only its holder has it). */
export async function listFeedStatus(context: FeedContext): Promise<FeedStatus[]> {
  const feeds = new Map((await listUnitFeeds(context.table)).map((feed) => [feed.unitId, feed]));
  return context.config.units.map((unit) => {
    const feed = feeds.get(unit.id);
    return {
      unitId: unit.id,
      unitName: unit.name.zh,
      active: feed?.secretHash !== undefined,
      ...(feed?.issuedAt ? { issuedAt: feed.issuedAt } : {}),
      ...(feed?.revokedAt ? { revokedAt: feed.revokedAt } : {}),
    };
  });
}

function unitNameOf(config: CountyConfig, unitId: string): string {
  const unit = config.units.find((u) => u.id === unitId);
  if (!unit) throw new SecretariatInputError({ code: 'unknown-unit', field: 'unit', message: `找不到單位「${unitId}」`, status: 404 });
  return unit.name.zh;
}

async function save(
  context: FeedContext,
  feed: UnitFeed,
  previous: UnitFeed | undefined,
  action: FeedAction,
  request: Omit<FeedChangeRequest, 'publicBaseUrl'>,
): Promise<void> {
  const saved = await saveUnitFeed(context.table, feed, previous?.generation ?? 0, {
    at: feed.updatedAt,
    unitId: feed.unitId,
    action,
    actor: request.actor,
    generation: feed.generation,
  });
  if (!saved) throw conflictError('unit', '此單位的行事曆訂閱網址剛被他人變更，請重新查看後再試');
}
