// The calendar replies that count as nobody's answer (adapters/dynamodb/held-reply-store.ts), for
// the secretariat's console: each with its meeting's name and whether that meeting is still ahead.
// A reply about a meeting still to come is what needs doing (the person may come, or believe they
// are expected); one about a past meeting is only kept for the record until it expires.
// Nothing is written here. The addresses in these rows are for the signed-in officer's page only:
// callers log counts, never rows.
import { todayInTaipei, Temporal } from '../../core/calendar/local-date.ts';
import type { CountyConfig } from '../../core/series/county-config.ts';
import type { MeetingTable } from '../../adapters/dynamodb/meeting-table.ts';
import { listHeldReplies, type HeldReply } from '../../adapters/dynamodb/held-reply-store.ts';

export type HeldReplyRow = HeldReply & {
  seriesName: string;
  /** The meeting is today or later (Taipei): worth a call before it. */
  upcoming: boolean;
};

export type HeldRepliesContext = { table: MeetingTable; config: CountyConfig; now: () => Date };

/** Every held reply of the county, newest first. */
export async function heldReplies(context: HeldRepliesContext): Promise<HeldReplyRow[]> {
  const today = todayInTaipei(Temporal.Instant.fromEpochMilliseconds(context.now().getTime())).toString();
  const names = new Map(context.config.series.map((s) => [s.id, s.name.zh]));
  return (await listHeldReplies(context.table)).map((reply) => ({
    ...reply,
    seriesName: names.get(reply.seriesId) ?? reply.seriesId,
    upcoming: reply.meetingDate >= today,
  }));
}
