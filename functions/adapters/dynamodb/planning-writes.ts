// How a planning pass writes: in units, each atomic, packed into TransactWriteItems.
//
// A unit is one meeting's writes: its create or replace (or, when it is unchanged, the record of
// what was queued for it) and the notices queued for it. Being one transaction, a unit can never
// be half done: a meeting is never marked invited without its invitations queued, and never has
// its invitations queued without the mark, so a run that dies anywhere is simply run again.
//
// Units are independent, so they are packed into transactions of up to 100 actions, sent while the
// rest of the run is still being planned, instead of one round trip per item. BatchWriteItem would
// be cheaper per item but carries no conditions: a notice put over one the dispatcher has sent
// would send it again, and a meeting put over one changed since would lose the change. A bulk first
// plan was tried (claim each empty series in the first transaction, put its meetings with
// BatchWriteItem, then queue their notices in transactions, notices never in bulk): for 22
// counties it was no faster (median 1.78 s against 1.66 s, raw batch 0.52 s, alternating on one
// engine), since at ~80 items a county the extra round trips cost what the bulk put saves.
//
// Writing the 1,899 items of bench P2's first plan (130 series) on DynamoDB Local, alternating with
// BatchWriteItem of the same items (2026-11-30, load 11-25 on 2 cores), what a transaction costs is
// its request more than its actions: 100 actions a transaction, one at a time, took 0.9-1.2x the
// 25-item batches, while conditional PutItem (a request an item) took 4-5x at 8 or 16 in flight.
// So one transaction is in flight at a time. The engine takes a table-wide lock for each, so a
// second only waits inside it, and on a busy machine the waiting cost CPU and at times seconds
// (two in flight: median 2.1x the batch; whole first plans, two in flight 4.6x, one 2.6x). In AWS
// a county's first plan is one or two transactions, so a second in flight would save at most a
// round trip. The planner does not wait for the engine: a packed transaction is queued, and sent
// as soon as the one before it is answered.
//
// The run's own record (the planning clock) goes in its first transaction, not a request before
// it, and no other transaction is sent until that one is through: a county's first plan is then its
// reads and one transaction, and a run refused by the clock still writes nothing.
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

/** Transactions in flight at once: one (see above, on the engine's lock). */
export const defaultConcurrency = 1;

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

/** Takes a run's units as they are planned, and writes them while the rest is being planned. */
export type UnitWriter<Id, N> = {
  /**
   * Packs the unit, and queues a transaction when one is full; it never waits for the engine.
   * Throws what made a transaction fail, so that a run whose writes fail stops planning.
   */
  add(unit: WriteUnit<Id, N>): Promise<void>;
  /** Sends what is left, waits for every transaction, and says what became of each unit. */
  finish(): Promise<UnitOutcome<Id, N>[]>;
};

export type UnitWriterOptions = WriteOptions & {
  /**
   * A conditional write that goes with the first transaction, before any other is sent (the
   * planning-run record). Its condition refused, `refused` is awaited (it throws), and nothing of
   * the run is written.
   */
  firstAction?: FirstAction;
};

export type FirstAction = { action: TransactAction; refused: () => Promise<never> };

type Transaction<Id, N> = { pieces: Piece<Id, N>[]; first?: FirstAction };

export function unitWriter<Id, N>(table: MeetingTable, options: UnitWriterOptions = {}): UnitWriter<Id, N> {
  // The first transaction keeps a place for the first action.
  const maxActions = (options.maxActions ?? maxTransactionActions) - (options.firstAction ? 1 : 0);
  const concurrency = options.concurrency ?? defaultConcurrency;
  const units: WriteUnit<Id, N>[] = [];
  const results: Array<{ piece: Piece<Id, N>; lost: boolean; queued: N[] }> = [];
  /** Packed and waiting for a place in flight, in the order they were packed. */
  const queue: Transaction<Id, N>[] = [];
  const inFlight = new Set<Promise<void>>();
  let lead = options.firstAction;
  /** The first transaction is through (or there is no first action): the others may go. */
  let opened = lead === undefined;
  /** A transaction failed for a reason no retry mends: nothing more is sent, and the run throws it. */
  let failure: { error: Error } | undefined;
  let batch: Piece<Id, N>[] = [];
  let size = 0;

  const pack = () => {
    if (batch.length === 0) return;
    queue.push({ pieces: batch, ...(lead ? { first: lead } : {}) });
    lead = undefined;
    batch = [];
    size = 0;
    pump();
  };

  const pump = () => {
    while (!failure && queue.length > 0 && inFlight.size < (opened ? concurrency : 1)) {
      const { pieces, first } = queue.shift()!;
      const write: Promise<void> = writeBatch(table, pieces, first)
        .then(
          (written) => {
            results.push(...written);
            if (first) opened = true;
          },
          (error: unknown) => void (failure ??= { error: error instanceof Error ? error : new Error(String(error)) }),
        )
        .finally(() => {
          inFlight.delete(write);
          pump();
        });
      inFlight.add(write);
    }
  };

  return {
    // A promise still, though nothing here waits: the planner's loop awaits it.
    add(unit) {
      if (failure) return Promise.reject(failure.error);
      units.push(unit);
      for (const piece of split(unit, maxActions)) {
        const actions = piece.notices.length + (piece.anchor ? 1 : 0);
        if (size + actions > maxActions) pack();
        batch.push(piece);
        size += actions;
      }
      return Promise.resolve();
    },
    async finish() {
      pack();
      // Each answer sends the next before it settles, so an empty set means everything is through.
      while (inFlight.size > 0) await Promise.all(inFlight);
      if (failure) throw failure.error;
      const outcomes = new Map<Id, UnitOutcome<Id, N>>(units.map((u) => [u.id, { id: u.id, written: false, queued: [] }]));
      for (const { piece, lost, queued } of results) {
        const outcome = outcomes.get(piece.id)!;
        outcome.queued.push(...queued);
        if (piece.anchor && !lost) outcome.written = true;
      }
      return [...outcomes.values()];
    },
  };
}

/** All the units at once. */
export async function writeUnits<Id, N>(
  table: MeetingTable,
  units: readonly WriteUnit<Id, N>[],
  options: UnitWriterOptions = {},
): Promise<UnitOutcome<Id, N>[]> {
  const writer = unitWriter<Id, N>(table, options);
  for (const unit of units) await writer.add(unit);
  return writer.finish();
}

/**
 * A unit as transaction pieces: itself, or for one too large for a transaction (a meeting with 100
 * recipients or more) its notices first, in pieces of their own, and its anchor with the last of
 * them. A crash in between leaves queued notices that are unrecorded; the next run finds them
 * refused as already queued, and records them.
 */
function split<Id, N>(unit: WriteUnit<Id, N>, maxActions: number): Piece<Id, N>[] {
  const notices = [...unit.notices];
  const pieces: Piece<Id, N>[] = [];
  while (notices.length >= maxActions) pieces.push({ id: unit.id, notices: notices.splice(0, maxActions) });
  pieces.push({ id: unit.id, anchor: unit.anchor, notices });
  return pieces;
}

async function writeBatch<Id, N>(
  table: MeetingTable,
  batch: Piece<Id, N>[],
  first?: FirstAction,
): Promise<Array<{ piece: Piece<Id, N>; lost: boolean; queued: N[] }>> {
  const live = batch.map((piece) => ({ piece, notices: [...piece.notices], lost: false }));
  for (let attempt = 1; ; attempt++) {
    const current = live.filter((u) => !u.lost);
    const actions = [
      ...(first ? [first.action] : []),
      ...current.flatMap((u) => [...u.notices.map((n) => n.action), ...(u.piece.anchor ? [u.piece.anchor] : [])]),
    ];
    if (actions.length === 0) break;
    const reasons = await transactIf(() => table.client.send(new TransactWriteCommand({ TransactItems: actions })));
    if (!reasons) break;
    if (first && reasons[0] === 'ConditionalCheckFailed') await first.refused();
    if (attempt >= maxAttempts) throw new Error(`planning writes: a transaction was cancelled ${attempt} times (${reasons.join(', ')})`);
    let index = first ? 1 : 0;
    let conflict = first !== undefined && reasons[0] === 'TransactionConflict';
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
