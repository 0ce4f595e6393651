// Properties of the chair rotation that must hold for any roster and any history of held and
// cancelled meetings, not just the Chiayi example.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assignChairs,
  previewChairs,
  swapChairs,
  type ChairAssignment,
  type ChairPolicy,
  type RotatingChairPolicy,
  type RotationSlot,
} from '../../../functions/core/rotation/chair-rotation.ts';

type Status = RotationSlot['status'];

const unitId = fc.string({ minLength: 1, maxLength: 8 }).filter((s) => s.trim() !== '');

const rotatingPolicy: fc.Arbitrary<RotatingChairPolicy> = fc.uniqueArray(unitId, { minLength: 1, maxLength: 8 }).chain((roster) =>
  fc.record({
    kind: fc.constant('rotating' as const),
    roster: fc.constant(roster),
    onCancel: fc.constantFrom('keep-turn' as const, 'lose-turn' as const),
    startIndex: fc.option(fc.nat({ max: roster.length - 1 }), { nil: undefined }),
  }),
);

const anyPolicy: fc.Arbitrary<ChairPolicy> = fc.oneof(
  rotatingPolicy,
  unitId.map((id): ChairPolicy => ({ kind: 'fixed', unitId: id })),
);

const statuses = fc.array(fc.constantFrom<Status>('scheduled', 'held', 'cancelled'), { maxLength: 40 });

const toSlots = (list: readonly Status[]): RotationSlot[] => list.map((status, i) => ({ key: `slot-${i}`, status }));

/** Slots that may carry overrides, some naming units outside the roster (hand-edited data). */
function slotsFor(policy: ChairPolicy): fc.Arbitrary<RotationSlot[]> {
  const units = policy.kind === 'rotating' ? policy.roster : [policy.unitId];
  const override = fc.option(fc.oneof(fc.constantFrom(...units), unitId), { nil: undefined, freq: 3 });
  return fc
    .array(fc.tuple(fc.constantFrom<Status>('scheduled', 'held', 'cancelled'), override), { maxLength: 40 })
    .map((rows) =>
      rows.map(([status, chairOverride], i): RotationSlot =>
        chairOverride === undefined ? { key: `slot-${i}`, status } : { key: `slot-${i}`, status, chairOverride },
      ),
    );
}

function countByUnit(roster: readonly string[], assignments: readonly ChairAssignment[]): number[] {
  return roster.map((unit) => assignments.filter((a) => a.chairUnitId === unit).length);
}

const spread = (counts: readonly number[]): number => Math.max(...counts) - Math.min(...counts);

describe('fair sharing of the chair (no overrides)', () => {
  // The precise statement behind both modes: the slots that consume a turn are chaired by the
  // roster in order, round and round, from startIndex. Cancellations only decide which slots
  // consume a turn.
  it('turn-consuming slots follow the roster round-robin from startIndex', () => {
    fc.assert(
      fc.property(rotatingPolicy, statuses, (policy, list) => {
        const turns = assignChairs(policy, toSlots(list)).filter((a) => a.consumesTurn);
        const start = policy.startIndex ?? 0;
        expect(turns.map((a) => a.chairUnitId)).toEqual(turns.map((_, i) => policy.roster[(start + i) % policy.roster.length]));
      }),
    );
  });

  it('keep-turn: no unit chairs more held meetings than another by more than one', () => {
    fc.assert(
      fc.property(rotatingPolicy, statuses, (rotating, list) => {
        const policy: RotatingChairPolicy = { ...rotating, onCancel: 'keep-turn' };
        const assignments = assignChairs(policy, toSlots(list));
        // Under keep-turn, "consumes a turn" and "is held or scheduled" are the same thing.
        expect(assignments.map((a) => a.consumesTurn)).toEqual(assignments.map((a) => !a.cancelled));
        expect(
          spread(
            countByUnit(
              policy.roster,
              assignments.filter((a) => !a.cancelled),
            ),
          ),
        ).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('lose-turn: no unit has consumed more turns than another by more than one, counting cancelled slots', () => {
    fc.assert(
      fc.property(rotatingPolicy, statuses, (rotating, list) => {
        const policy: RotatingChairPolicy = { ...rotating, onCancel: 'lose-turn' };
        const assignments = assignChairs(policy, toSlots(list));
        expect(assignments.every((a) => a.consumesTurn)).toBe(true);
        expect(spread(countByUnit(policy.roster, assignments))).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('lose-turn does NOT balance held meetings: a unit whose meetings keep being cancelled falls behind', () => {
    const policy: ChairPolicy = { kind: 'rotating', roster: ['social', 'police'], onCancel: 'lose-turn' };
    const assignments = assignChairs(policy, toSlots(['held', 'cancelled', 'held', 'cancelled']));
    expect(
      countByUnit(
        policy.roster,
        assignments.filter((a) => !a.cancelled),
      ),
    ).toEqual([2, 0]);
  });
});

describe('stability', () => {
  it('is deterministic and prefix-stable: appending future slots never changes past chairs', () => {
    fc.assert(
      fc.property(
        anyPolicy.chain((policy) => fc.tuple(fc.constant(policy), slotsFor(policy), fc.nat())),
        ([policy, slots, cut]) => {
          const all = assignChairs(policy, slots);
          expect(assignChairs(policy, slots)).toEqual(all);
          const k = cut % (slots.length + 1);
          expect(assignChairs(policy, slots.slice(0, k))).toEqual(all.slice(0, k));
        },
      ),
    );
  });

  it('previewChairs gives the chairs those slots get once they are added as held meetings', () => {
    fc.assert(
      fc.property(
        anyPolicy.chain((policy) => fc.tuple(fc.constant(policy), slotsFor(policy), fc.nat({ max: 12 }))),
        ([policy, slots, n]) => {
          const future: RotationSlot[] = Array.from({ length: n }, (_, i) => ({ key: `future-${i}`, status: 'held' }));
          const extended = assignChairs(policy, [...slots, ...future]).slice(slots.length);
          expect(previewChairs(policy, slots, n)).toEqual(extended.map((a) => a.chairUnitId));
        },
      ),
    );
  });
});

describe('swapping chairs', () => {
  /** A rotating policy, its slots, and two distinct non-cancelled slot keys to swap. */
  const swapCase = rotatingPolicy
    .chain((policy) => fc.tuple(fc.constant(policy), slotsFor(policy), fc.nat(), fc.nat()))
    .filter(([, slots]) => slots.filter((s) => s.status !== 'cancelled').length >= 2)
    .map(([policy, slots, ra, rb]) => {
      const open = slots.filter((s) => s.status !== 'cancelled').map((s) => s.key);
      const ia = ra % open.length;
      const ib = (ia + 1 + (rb % (open.length - 1))) % open.length;
      return { policy, slots, a: open[ia] ?? '', b: open[ib] ?? '' };
    });

  const chairs = (policy: ChairPolicy, slots: readonly RotationSlot[]): string[] => assignChairs(policy, slots).map((a) => a.chairUnitId);

  it('exchanges the two chairs and leaves every other slot alone', () => {
    fc.assert(
      fc.property(swapCase, ({ policy, slots, a, b }) => {
        const before = assignChairs(policy, slots);
        const after = assignChairs(policy, swapChairs(slots, policy, a, b));
        const chairOf = (list: ChairAssignment[], key: string): string | undefined => list.find((x) => x.key === key)?.chairUnitId;
        expect(chairOf(after, a)).toBe(chairOf(before, b));
        expect(chairOf(after, b)).toBe(chairOf(before, a));
        expect(after.filter((x) => x.key !== a && x.key !== b)).toEqual(before.filter((x) => x.key !== a && x.key !== b));
      }),
    );
  });

  it('the same swap done twice restores the original chairs', () => {
    fc.assert(
      fc.property(swapCase, ({ policy, slots, a, b }) => {
        const twice = swapChairs(swapChairs(slots, policy, a, b), policy, a, b);
        expect(chairs(policy, twice)).toEqual(chairs(policy, slots));
      }),
    );
  });

  it('without earlier overrides, swapping twice restores the stored slots exactly', () => {
    fc.assert(
      fc.property(swapCase, ({ policy, slots, a, b }) => {
        const plain = slots.map(({ key, status }): RotationSlot => ({ key, status }));
        expect(swapChairs(swapChairs(plain, policy, a, b), policy, a, b)).toEqual(plain);
      }),
    );
  });
});
