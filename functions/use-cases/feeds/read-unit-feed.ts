// Serving a unit's calendar feed to a calendar client, which holds nothing but the URL.
import { createHash } from 'node:crypto';
import type { CountyConfig } from '../../core/series/county-config.ts';
import { feedSecretMatches } from '../../core/feeds/feed-secret.ts';
import { renderUnitFeed, seriesOfUnit } from '../../core/feeds/unit-feed.ts';
import { Temporal } from '../../core/calendar/local-date.ts';
import type { MeetingTable } from '../../adapters/dynamodb/meeting-table.ts';
import { getUnitFeed } from '../../adapters/dynamodb/feed-store.ts';
import { listOccurrences } from '../../adapters/dynamodb/occurrence-store.ts';

export type FeedReadContext = { table: MeetingTable; config: CountyConfig };

export type FeedRequest = { unitId: string; secret: string; now: Date };

export type ServedFeed = {
  body: string;
  /** A strong validator of the body: the same meetings give the same ETag, so clients get 304. */
  etag: string;
  events: number;
};

/**
 * The unit's feed, if `secret` is the unit's current one.
 *
 * Primary course: the secret's hash equals the stored one (compared in constant time) → the unit's
 * series are read (one query each) → every stored meeting from a year back is rendered as
 * METHOD:PUBLISH → the body and its ETag. Undefined for an unknown unit, a revoked feed and a wrong
 * secret alike, so that the caller answers them all the same way; nothing is written.
 */
export async function readUnitFeed(context: FeedReadContext, request: FeedRequest): Promise<ServedFeed | undefined> {
  const known = context.config.units.some((u) => u.id === request.unitId);
  const feed = known ? await getUnitFeed(context.table, request.unitId) : undefined;
  if (!feedSecretMatches(request.secret, feed?.secretHash) || !known) return undefined;

  const series = seriesOfUnit(context.config, request.unitId);
  const occurrences = await Promise.all(series.map((s) => listOccurrences(context.table, s.id)));
  const meetings = series.flatMap((s, i) => occurrences[i]!.map((occurrence) => ({ series: s, occurrence })));
  const body = renderUnitFeed({
    config: context.config,
    unitId: request.unitId,
    meetings,
    now: Temporal.Instant.fromEpochMilliseconds(request.now.getTime()),
  });
  return {
    body,
    etag: `"${createHash('sha256').update(body, 'utf8').digest('base64url').slice(0, 32)}"`,
    events: body.split('BEGIN:VEVENT').length - 1,
  };
}

/** If-None-Match holds the ETag (or *): the client's copy is current. Weak comparison, as RFC 9110 asks for GET. */
export function clientHasCurrent(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const bare = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || bare(tag) === bare(etag));
}
