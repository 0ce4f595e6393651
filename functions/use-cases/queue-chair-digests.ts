// Tells people of chair changes stored on the meetings and not told yet: one digest per person per
// Taipei day (core/notices/chair-change-digest). Each transaction queues the digests and marks the
// meetings they list as told, together, so a repeated run queues nothing twice and a run that dies
// first leaves the changes untold for the next run to find.
import { Temporal, todayInTaipei } from '../core/calendar/local-date.ts';
import { chairChangeDigests, type ChairDigest } from '../core/notices/chair-change-digest.ts';
import type { UntoldChairChange } from '../core/notices/due-notices.ts';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { transactIf, type MeetingTable } from '../adapters/dynamodb/meeting-table.ts';
import { chairChangeToldAction } from '../adapters/dynamodb/occurrence-store.ts';
import { extendDigestAction, newDigestAction } from '../adapters/dynamodb/chair-digest-store.ts';
import { conflictBackoff, maxTransactionActions } from '../adapters/dynamodb/planning-writes.ts';

/** Attempts per group: each moves a person to the next day's digest, or leaves a meeting for the next run. */
const maxAttempts = 10;

/** Queues the digests; returns those written (a person's digest extended is returned with the meetings added). */
export async function queueChairDigests(
  table: MeetingTable,
  changes: readonly UntoldChairChange[],
  now: Temporal.Instant,
): Promise<ChairDigest[]> {
  const today = todayInTaipei(now);
  const queued: ChairDigest[] = [];
  // Contacts whose digest of today this run has written already: more for them waits for tomorrow.
  const writtenToday = new Set<string>();
  for (const group of groups(changes)) queued.push(...(await queueGroup(table, group, today, now, writtenToday)));
  return queued;
}

/** Meetings in groups whose digests and marks fit one transaction. */
function groups(changes: readonly UntoldChairChange[]): UntoldChairChange[][] {
  const result: UntoldChairChange[][] = [];
  let group: UntoldChairChange[] = [];
  let contacts = new Set<string>();
  for (const change of changes) {
    const more = change.recipients.filter((r) => !contacts.has(r.contactId)).length;
    if (group.length > 0 && group.length + 1 + contacts.size + more > maxTransactionActions) {
      result.push(group);
      group = [];
      contacts = new Set();
    }
    group.push(change);
    change.recipients.forEach((r) => contacts.add(r.contactId));
  }
  if (group.length > 0) result.push(group);
  return result;
}

async function queueGroup(
  table: MeetingTable,
  initial: readonly UntoldChairChange[],
  today: Temporal.PlainDate,
  now: Temporal.Instant,
  writtenToday: Set<string>,
): Promise<ChairDigest[]> {
  let group = [...initial];
  const tomorrow = today.add({ days: 1 });
  // Who goes into tomorrow's digest rather than today's.
  const later = new Set(writtenToday);
  for (let attempt = 1; group.length > 0; attempt++) {
    const digests = [
      ...chairChangeDigests(
        onlyFor(group, (id) => !later.has(id)),
        today,
        now,
      ).map((digest) => ({ digest, today: true })),
      ...chairChangeDigests(
        onlyFor(group, (id) => later.has(id)),
        tomorrow,
        now,
      ).map((digest) => ({ digest, today: false })),
    ];
    const actions = [
      ...digests.map(({ digest, today: isToday }) => (isToday ? newDigestAction(table, digest) : extendDigestAction(table, digest, now))),
      ...group.map((change) => chairChangeToldAction(table, change.occurrence, today.toString())),
    ];
    const reasons = await transactIf(() => table.client.send(new TransactWriteCommand({ TransactItems: actions })));
    if (!reasons) {
      digests.filter((d) => d.today).forEach((d) => writtenToday.add(d.digest.recipient.contactId));
      return digests.map((d) => d.digest);
    }
    if (attempt >= maxAttempts) throw new Error(`chair digests: a transaction was cancelled ${attempt} times (${reasons.join(', ')})`);
    const refused = (i: number) => reasons[i] === 'ConditionalCheckFailed';
    const stuck = new Set<string>();
    digests.forEach(({ digest, today: isToday }, i) => {
      if (!refused(i)) return;
      // Today's digest went (or is going) out already: tomorrow's then. If tomorrow's is refused
      // too, the clock has moved on under us: leave these meetings for the next run.
      if (isToday) later.add(digest.recipient.contactId);
      else stuck.add(digest.recipient.contactId);
    });
    // A meeting changed since it was read (another run told of it, or changed it again): the next run sees it as it is.
    group = group.filter((change, i) => !refused(digests.length + i) && !change.recipients.some((r) => stuck.has(r.contactId)));
    if (reasons.includes('TransactionConflict')) await conflictBackoff(attempt);
  }
  return [];
}

function onlyFor(changes: readonly UntoldChairChange[], keep: (contactId: string) => boolean): UntoldChairChange[] {
  return changes.map((c) => ({ ...c, recipients: c.recipients.filter((r) => keep(r.contactId)) })).filter((c) => c.recipients.length > 0);
}
