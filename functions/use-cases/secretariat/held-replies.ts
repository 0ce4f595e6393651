// The calendar replies that count as nobody's answer (adapters/dynamodb/held-reply-store.ts), for
// the secretariat's console: each with its meeting's name and whether that meeting is still ahead.
// A reply about a meeting still to come is what needs doing (the person may come, or believe they
// are expected); one about a past meeting is only kept for the record until it expires.
// Nothing is written here. The addresses in these rows are for the signed-in officer's page only:
// callers log counts, never rows.
import { todayInTaipei, Temporal } from '../../core/calendar/local-date.ts';
import type { CountyConfig } from '../../core/series/county-config.ts';
import type { MeetingTable } from '../../adapters/dynamodb/meeting-table.ts';
import { listHeldReplies, type ListedHeldReply } from '../../adapters/dynamodb/held-reply-store.ts';
import { loadCountyView } from '../load-county-view.ts';

export type HeldReplyRow = ListedHeldReply & {
  seriesName: string;
  /** The meeting is today or later (Taipei): worth a call before it. */
  upcoming: boolean;
  /**
   * For a delegate's reply: the invitee it answered for, as the roster names them now
   * (`<unit> <contact>`), so the officer sees whose seat it was about.
   */
  onBehalfOf?: string;
};

export type HeldRepliesContext = { table: MeetingTable; config: CountyConfig; now: () => Date };

/** Every held reply of the county, newest first. */
export async function heldReplies(context: HeldRepliesContext): Promise<HeldReplyRow[]> {
  const today = todayInTaipei(Temporal.Instant.fromEpochMilliseconds(context.now().getTime())).toString();
  const [view, replies] = await Promise.all([loadCountyView(context.table, context.config), listHeldReplies(context.table)]);
  return replies.map((reply) => {
    const onBehalfOf = reply.sentBy ? view.inviteesByAddress(reply.seriesId, reply.attendee).map((i) => i.name) : [];
    return {
      ...reply,
      seriesName: view.findSeries(reply.seriesId)?.name.zh ?? reply.seriesId,
      upcoming: reply.meetingDate >= today,
      ...(onBehalfOf.length > 0 ? { onBehalfOf: onBehalfOf.join('、') } : {}),
    };
  });
}
