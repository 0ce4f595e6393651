// How a planning pass writes: in units, each atomic, packed into TransactWriteItems.
//
// A unit is one meeting's writes: its create or replace (or, when it is unchanged, the record of
// what was queued for it) and the notices queued for it. Being one transaction, a unit can never
// be half done: a meeting is never marked invited without its invitations queued, and never has
// its invitations queued without the mark, so a run that dies anywhere is simply run again.
//
// Units are independent, so they are packed into transactions of up to 100 actions, two in flight: a first plan of 130 series then costs about as much as a raw BatchWriteItem of the same
// items (which cannot carry conditions, and so cannot create idempotently), instead of one round
// trip per item.
//
// A transaction DynamoDB cancels says why, per action:
// - a notice refused by its condition was queued already (by a run that died before recording it,
//   or by a planner racing this one): it is left out and the rest tried again;
// - a meeting refused by its condition was written by someone else since it was read (a lost
//   race): its whole unit is left out, and the next run plans from what is stored now;
// - a conflict with a concurrent write is tried again as it is.
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { transactIf, type MeetingTable } from './meeting-table.ts';
import type { TransactAction } from './occurrence-store.ts';

/** DynamoDB's limit on the actions of one transaction. */
export const maxTransactionActions = 100;

/**
 * Transactions in flight at once. Two keep the engine busy while the next request is prepared;
 * more only queue up inside it (DynamoDB Local applies transactions one at a time).
 */
export const defaultConcurrency = 2;

export type WriteUnit<Id, N> = {
  id: Id;
  /** The meeting's own write (create, replace, or record): refused means the unit lost a race. */
  anchor: TransactAction;
  /** Notices queued with it: refused means already queued. */
  notices: ReadonlyArray<{ action: TransactAction; notice: N }>;
};

export type UnitOutcome<Id, N> = {
  id: Id;
  written: boolean;
  /** The notices this run queued (not those found queued already). */
  queued: N[];
};

export type WriteOptions = { concurrency?: number; maxActions?: number };

/** Attempts per transaction: each either shrinks it or meets a conflict that passes. */
const maxAttempts = 10;

/** Full-jitter backoff after a conflict with a concurrent write: 50 ms doubling, at most 2 s. */
export const conflictBackoff = (attempt: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(2000, 50 * 2 ** attempt)));

/** A transaction's share of a unit: all of it, or for a unit too large for one, part of its notices. */
type Piece<Id, N> = { id: Id; anchor?: TransactAction; notices: Array<{ action: TransactAction; notice: N }> };

export async function writeUnits<Id, N>(
  table: MeetingTable,
  units: readonly WriteUnit<Id, N>[],
  options: WriteOptions = {},
): Promise<UnitOutcome<Id, N>[]> {
  const batches = pack(units, options.maxActions ?? maxTransactionActions);
  const pieces: Array<{ piece: Piece<Id, N>; lost: boolean; queued: N[] }> = [];
  await inParallel(batches, options.concurrency ?? defaultConcurrency, async (batch) => {
    pieces.push(...(await writeBatch(table, batch)));
  });
  const outcomes = new Map<Id, UnitOutcome<Id, N>>(units.map((u) => [u.id, { id: u.id, written: false, queued: [] }]));
  for (const { piece, lost, queued } of pieces) {
    const outcome = outcomes.get(piece.id)!;
    outcome.queued.push(...queued);
    if (piece.anchor && !lost) outcome.written = true;
  }
  return [...outcomes.values()];
}

/** Units in order, as few transactions as fit; a unit too large for one is split, its anchor last. */
function pack<Id, N>(units: readonly WriteUnit<Id, N>[], maxActions: number): Piece<Id, N>[][] {
  const batches: Piece<Id, N>[][] = [];
  let batch: Piece<Id, N>[] = [];
  let size = 0;
  const close = () => {
    if (batch.length > 0) batches.push(batch);
    batch = [];
    size = 0;
  };
  for (const unit of units) {
    const actions = unit.notices.length + 1;
    if (actions > maxActions) {
      // Rare (a meeting with 100 recipients or more): its notices go first, in transactions of their
      // own, and the anchor with the last of them. A crash in between leaves queued notices that are
      // unrecorded; the next run finds them refused as already queued, and records them.
      close();
      const notices = [...unit.notices];
      while (notices.length >= maxActions) batches.push([{ id: unit.id, notices: notices.splice(0, maxActions) }]);
      batches.push([{ id: unit.id, anchor: unit.anchor, notices }]);
      continue;
    }
    if (size + actions > maxActions) close();
    batch.push({ id: unit.id, anchor: unit.anchor, notices: [...unit.notices] });
    size += actions;
  }
  close();
  return batches;
}

async function writeBatch<Id, N>(
  table: MeetingTable,
  batch: Piece<Id, N>[],
): Promise<Array<{ piece: Piece<Id, N>; lost: boolean; queued: N[] }>> {
  const live = batch.map((piece) => ({ piece, notices: [...piece.notices], lost: false }));
  for (let attempt = 1; ; attempt++) {
    const current = live.filter((u) => !u.lost);
    const actions = current.flatMap((u) => [...u.notices.map((n) => n.action), ...(u.piece.anchor ? [u.piece.anchor] : [])]);
    if (actions.length === 0) break;
    const reasons = await transactIf(() => table.client.send(new TransactWriteCommand({ TransactItems: actions })));
    if (!reasons) break;
    if (attempt >= maxAttempts) throw new Error(`planning writes: a transaction was cancelled ${attempt} times (${reasons.join(', ')})`);
    let index = 0;
    let conflict = false;
    for (const u of current) {
      const noticeReasons = reasons.slice(index, index + u.notices.length);
      index += u.notices.length;
      const anchorReason = u.piece.anchor ? (reasons[index++] ?? 'None') : 'None';
      if (anchorReason === 'ConditionalCheckFailed') {
        u.lost = true;
        continue;
      }
      u.notices = u.notices.filter((_, i) => noticeReasons[i] !== 'ConditionalCheckFailed');
      if ([anchorReason, ...noticeReasons].includes('TransactionConflict')) conflict = true;
    }
    if (conflict) await conflictBackoff(attempt);
  }
  return live.map((u) => ({ piece: u.piece, lost: u.lost, queued: u.lost ? [] : u.notices.map((n) => n.notice) }));
}

/** Runs `work` over the items with at most `concurrency` at a time. */
export async function inParallel<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}
