// Who chairs each meeting (場次) of one series. Pure: the same policy and slots always give the
// same chairs, so the chairs never need to be stored and can be recomputed after every edit.
//
// Rotation follows slot order, not meeting dates: moving a meeting to another day (typhoon,
// clash) must not hand the chair to somebody else.
import { ChairRotationError, validateChairPolicy, type ChairPolicy } from './chair-policy.ts';

export { ChairRotationError, validateChairPolicy, type ChairPolicy, type RotatingChairPolicy } from './chair-policy.ts';
export { chairChanges, fairnessReport, type ChairChange } from './chair-reports.ts';

/** One slot of one series. Callers pass slots in slot order, oldest first. */
export type RotationSlot = {
  key: string;
  status: 'scheduled' | 'held' | 'cancelled';
  /** Set by a swap; replaces this slot's chair without moving anyone else's. */
  chairOverride?: string;
};

export type ChairAssignment = {
  key: string;
  /** For a cancelled slot: who would have chaired it. */
  chairUnitId: string;
  /** Whether this slot used up a turn in the rotation (false only for keep-turn cancellations). */
  consumesTurn: boolean;
  /**
   * Whether the slot is cancelled. Needed on its own because under lose-turn a cancelled slot
   * still consumes a turn, yet nobody chaired it and a chair change there tells nobody anything.
   */
  cancelled: boolean;
};

export function assignChairs(policy: ChairPolicy, slots: readonly RotationSlot[]): ChairAssignment[] {
  const natural = walkRotation(policy, slots);
  return slots.map((slot, i) => {
    const { chairUnitId, consumesTurn } = at(natural.turns, i);
    return {
      key: slot.key,
      // A fixed series has no swaps (swapChairs refuses them), so an override left on one is
      // stale, e.g. from before the series stopped rotating, and must not name the chair.
      chairUnitId: policy.kind === 'rotating' ? (slot.chairOverride ?? chairUnitId) : chairUnitId,
      consumesTurn,
      cancelled: slot.status === 'cancelled',
    };
  });
}

/** The chairs of the next `n` slots after `slots`, assuming each of them is held. */
export function previewChairs(policy: ChairPolicy, slots: readonly RotationSlot[], n: number): string[] {
  if (!Number.isInteger(n) || n < 0) {
    throw new ChairRotationError(`previewChairs needs a whole number of slots (0 or more), got ${n}.`);
  }
  const { nextTurn } = walkRotation(policy, slots);
  return Array.from({ length: n }, (_, i) => chairForTurn(policy, nextTurn + i));
}

/**
 * Returns the slots with chairOverride set so that slots `a` and `b` exchange their current chairs.
 * Everyone else keeps their chair. An override that would equal the rotation's own choice is
 * dropped instead, so swapping back leaves no trace in the stored slots.
 */
export function swapChairs(slots: readonly RotationSlot[], policy: ChairPolicy, a: string, b: string): RotationSlot[] {
  validateChairPolicy(policy);
  if (policy.kind === 'fixed') {
    throw new ChairRotationError(`Cannot swap chairs in a series with a fixed chair (${policy.unitId}); every meeting has the same chair.`);
  }
  if (a === b) throw new ChairRotationError(`Cannot swap the chair of slot ${a} with itself.`);
  const ia = indexOfSlot(slots, a);
  const ib = indexOfSlot(slots, b);

  const natural = walkRotation(policy, slots).turns;
  const current = assignChairs(policy, slots);
  const chairOfA = at(current, ia).chairUnitId;
  const chairOfB = at(current, ib).chairUnitId;

  return slots.map((slot, i) => {
    if (i === ia) return withChair(slot, chairOfB, at(natural, i).chairUnitId);
    if (i === ib) return withChair(slot, chairOfA, at(natural, i).chairUnitId);
    return { ...slot };
  });
}

type NaturalTurn = { chairUnitId: string; consumesTurn: boolean };

/**
 * The rotation without overrides: overrides only relabel a slot, they never move the sequence,
 * so the turn counter here looks at status alone. `nextTurn` is the turn the next slot would get.
 */
function walkRotation(policy: ChairPolicy, slots: readonly RotationSlot[]): { turns: NaturalTurn[]; nextTurn: number } {
  validateChairPolicy(policy);
  assertUniqueKeys(slots);
  let turn = policy.kind === 'rotating' ? (policy.startIndex ?? 0) : 0;
  const turns = slots.map((slot) => {
    const chairUnitId = chairForTurn(policy, turn);
    const consumesTurn = !(slot.status === 'cancelled' && policy.kind === 'rotating' && policy.onCancel === 'keep-turn');
    if (consumesTurn) turn += 1;
    return { chairUnitId, consumesTurn };
  });
  return { turns, nextTurn: turn };
}

function chairForTurn(policy: ChairPolicy, turn: number): string {
  if (policy.kind === 'fixed') return policy.unitId;
  return at(policy.roster, turn % policy.roster.length);
}

function withChair(slot: RotationSlot, chairUnitId: string, naturalChair: string): RotationSlot {
  const { chairOverride: _previous, ...rest } = slot;
  return chairUnitId === naturalChair ? rest : { ...rest, chairOverride: chairUnitId };
}

function indexOfSlot(slots: readonly RotationSlot[], key: string): number {
  const index = slots.findIndex((slot) => slot.key === key);
  const slot = slots[index];
  if (slot === undefined) throw new ChairRotationError(`No slot with key ${key} in this series.`);
  if (slot.status === 'cancelled') {
    // A cancelled meeting has nobody chairing it, so there is nothing to exchange.
    throw new ChairRotationError(`Slot ${key} is cancelled; restore it before swapping its chair.`);
  }
  return index;
}

function assertUniqueKeys(slots: readonly RotationSlot[]): void {
  const seen = new Set<string>();
  for (const { key } of slots) {
    if (seen.has(key)) throw new ChairRotationError(`Slot key ${key} appears more than once in the series.`);
    seen.add(key);
  }
}

// Indices here are always in range by construction; the check turns a logic slip into a loud error.
function at<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new Error(`chair rotation: index ${index} out of range ${items.length}`);
  return item;
}
