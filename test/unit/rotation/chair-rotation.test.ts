// Specification of the rotating chair (輪流主持) of the monthly child-protection case conference,
// using Chiayi County's 2023 plan: 11 meetings, February to December, chair rotating among
// 社政 social, 警政 police, 衛政 health and 教育 education.
import { describe, expect, it } from 'vitest';
import {
  ChairRotationError,
  assignChairs,
  chairChanges,
  fairnessReport,
  previewChairs,
  swapChairs,
  type ChairPolicy,
  type RotationSlot,
} from '../../../functions/core/rotation/chair-rotation.ts';

const CHIAYI_ROSTER = ['social', 'police', 'health', 'education'];
const keepTurn: ChairPolicy = { kind: 'rotating', roster: CHIAYI_ROSTER, onCancel: 'keep-turn' };
const loseTurn: ChairPolicy = { kind: 'rotating', roster: CHIAYI_ROSTER, onCancel: 'lose-turn' };
const PLAN_2023 = ['2023-02', '2023-03', '2023-04', '2023-05', '2023-06', '2023-07', '2023-08', '2023-09', '2023-10', '2023-11', '2023-12'];

function slotsOf(keys: readonly string[], cancelled: readonly string[] = []): RotationSlot[] {
  return keys.map((key) => ({ key, status: cancelled.includes(key) ? 'cancelled' : 'held' }));
}

function chairsByKey(policy: ChairPolicy, slots: readonly RotationSlot[]): Record<string, string> {
  return Object.fromEntries(assignChairs(policy, slots).map((a) => [a.key, a.chairUnitId]));
}

const yearOf = (key: string): number => Number(key.slice(0, 4));

describe('Chiayi 2023 child-protection case conference, no cancellations', () => {
  it.each([
    ['2023-02', 'social'],
    ['2023-03', 'police'],
    ['2023-04', 'health'],
    ['2023-05', 'education'],
    ['2023-06', 'social'],
    ['2023-07', 'police'],
    ['2023-08', 'health'],
    ['2023-09', 'education'],
    ['2023-10', 'social'],
    ['2023-11', 'police'],
    ['2023-12', 'health'],
  ])('%s is chaired by %s', (key, chair) => {
    expect(chairsByKey(keepTurn, slotsOf(PLAN_2023))[key]).toBe(chair);
  });

  it('treats scheduled meetings like held ones: both take a turn', () => {
    const scheduled: RotationSlot[] = PLAN_2023.map((key) => ({ key, status: 'scheduled' }));
    expect(assignChairs(keepTurn, scheduled)).toEqual(assignChairs(keepTurn, slotsOf(PLAN_2023)));
  });

  it('starts from the roster index given by startIndex', () => {
    const startingWithHealth: ChairPolicy = { ...keepTurn, startIndex: 2 };
    expect(assignChairs(startingWithHealth, slotsOf(PLAN_2023.slice(0, 5))).map((a) => a.chairUnitId)).toEqual([
      'health',
      'education',
      'social',
      'police',
      'health',
    ]);
  });
});

describe('a typhoon cancels the March meeting', () => {
  const before = assignChairs(keepTurn, slotsOf(PLAN_2023));

  describe('keep-turn: police keeps its turn, so every later chair moves by one', () => {
    const after = assignChairs(keepTurn, slotsOf(PLAN_2023, ['2023-03']));

    it.each([
      ['2023-02', 'social', 'social'],
      ['2023-03', 'police', 'police (cancelled)'],
      ['2023-04', 'health', 'police'],
      ['2023-05', 'education', 'health'],
      ['2023-06', 'social', 'education'],
      ['2023-07', 'police', 'social'],
      ['2023-08', 'health', 'police'],
      ['2023-09', 'education', 'health'],
      ['2023-10', 'social', 'education'],
      ['2023-11', 'police', 'social'],
      ['2023-12', 'health', 'police'],
    ])('%s: was %s, now %s', (key, _was, now) => {
      const chair = after.find((a) => a.key === key)?.chairUnitId;
      expect(chair).toBe(now.replace(' (cancelled)', ''));
    });

    it('the cancelled slot still says who would have chaired, and uses no turn', () => {
      expect(after[1]).toEqual({ key: '2023-03', chairUnitId: 'police', consumesTurn: false, cancelled: true });
    });

    it('chairChanges reports exactly April to December', () => {
      expect(chairChanges(before, after)).toEqual([
        { key: '2023-04', from: 'health', to: 'police' },
        { key: '2023-05', from: 'education', to: 'health' },
        { key: '2023-06', from: 'social', to: 'education' },
        { key: '2023-07', from: 'police', to: 'social' },
        { key: '2023-08', from: 'health', to: 'police' },
        { key: '2023-09', from: 'education', to: 'health' },
        { key: '2023-10', from: 'social', to: 'education' },
        { key: '2023-11', from: 'police', to: 'social' },
        { key: '2023-12', from: 'health', to: 'police' },
      ]);
    });

    it('restoring the meeting reverses exactly those changes', () => {
      const restored = assignChairs(keepTurn, slotsOf(PLAN_2023));
      expect(chairChanges(after, restored).map((c) => c.key)).toEqual(PLAN_2023.slice(2));
      expect(restored).toEqual(before);
    });
  });

  describe('lose-turn: police loses its turn, nothing later moves', () => {
    const beforeLoseTurn = assignChairs(loseTurn, slotsOf(PLAN_2023));
    const after = assignChairs(loseTurn, slotsOf(PLAN_2023, ['2023-03']));

    it('every chair stays as planned', () => {
      expect(after.map((a) => a.chairUnitId)).toEqual(beforeLoseTurn.map((a) => a.chairUnitId));
      expect(chairChanges(beforeLoseTurn, after)).toEqual([]);
    });

    it('the cancelled slot consumes the turn', () => {
      expect(after[1]).toEqual({ key: '2023-03', chairUnitId: 'police', consumesTurn: true, cancelled: true });
    });
  });
});

describe('chairChanges', () => {
  it('ignores slots that are only in one of the two assignments', () => {
    const before = assignChairs(keepTurn, slotsOf(['2023-02', '2023-03']));
    const after = assignChairs(keepTurn, slotsOf(['2023-03', '2023-04']));
    // 2023-03 is the first slot in `after`, so it now falls to social.
    expect(chairChanges(before, after)).toEqual([{ key: '2023-03', from: 'police', to: 'social' }]);
  });
});

describe('swapping two chairs (e.g. the education chief is on leave in May)', () => {
  const slots = slotsOf(PLAN_2023);
  const swapped = swapChairs(slots, keepTurn, '2023-05', '2023-06');

  it('the two slots exchange chairs and nobody else changes', () => {
    const before = assignChairs(keepTurn, slots);
    const after = assignChairs(keepTurn, swapped);
    expect(chairChanges(before, after)).toEqual([
      { key: '2023-05', from: 'education', to: 'social' },
      { key: '2023-06', from: 'social', to: 'education' },
    ]);
  });

  it('records the swap as overrides on those two slots only', () => {
    expect(swapped.filter((s) => s.chairOverride !== undefined)).toEqual([
      { key: '2023-05', status: 'held', chairOverride: 'social' },
      { key: '2023-06', status: 'held', chairOverride: 'education' },
    ]);
    expect(slots.every((s) => s.chairOverride === undefined)).toBe(true); // input untouched
  });

  it('swapping back leaves the slots as they were', () => {
    expect(swapChairs(swapped, keepTurn, '2023-06', '2023-05')).toEqual(slots);
  });

  it('an override pins the unit to its slot even if a later cancellation shifts the rotation around it', () => {
    const withMarchCancelled = swapped.map((s): RotationSlot => (s.key === '2023-03' ? { ...s, status: 'cancelled' } : s));
    const chairs = chairsByKey(keepTurn, withMarchCancelled);
    expect([chairs['2023-04'], chairs['2023-05'], chairs['2023-06'], chairs['2023-07']]).toEqual([
      'police',
      'social', // pinned by the swap; the rotation alone would now say health
      'education',
      'social',
    ]);
  });

  it.each<[string, ChairPolicy, RotationSlot[], string, string, RegExp]>([
    ['a key is missing', keepTurn, slots, '2023-05', '2024-01', /No slot with key 2024-01/],
    ['a slot is cancelled', keepTurn, slotsOf(PLAN_2023, ['2023-06']), '2023-05', '2023-06', /2023-06 is cancelled/],
    ['the policy is fixed', { kind: 'fixed', unitId: 'secretary-general' }, slots, '2023-05', '2023-06', /fixed chair/],
    ['both keys are the same slot', keepTurn, slots, '2023-05', '2023-05', /with itself/],
  ])('refuses when %s', (_case, policy, input, a, b, message) => {
    expect(() => swapChairs(input, policy, a, b)).toThrow(message);
    expect(() => swapChairs(input, policy, a, b)).toThrow(ChairRotationError);
  });
});

describe('previewChairs: who chairs the next meetings, assuming they are held', () => {
  it.each<[string, ChairPolicy, RotationSlot[], string[]]>([
    ['after the full 2023 plan', keepTurn, slotsOf(PLAN_2023), ['education', 'social', 'police', 'health']],
    ['after 2023 with March cancelled, keep-turn', keepTurn, slotsOf(PLAN_2023, ['2023-03']), ['health', 'education', 'social', 'police']],
    ['after 2023 with March cancelled, lose-turn', loseTurn, slotsOf(PLAN_2023, ['2023-03']), ['education', 'social', 'police', 'health']],
    ['for a new series', keepTurn, [], ['social', 'police', 'health', 'education']],
  ])('%s', (_case, policy, slots, expected) => {
    expect(previewChairs(policy, slots, 4)).toEqual(expected);
  });

  it('ignores swaps: an override relabels one slot, it does not move the rotation', () => {
    const swapped = swapChairs(slotsOf(PLAN_2023), keepTurn, '2023-11', '2023-12');
    expect(previewChairs(keepTurn, swapped, 2)).toEqual(['education', 'social']);
  });

  it('returns nothing for n = 0 and refuses a negative or fractional n', () => {
    expect(previewChairs(keepTurn, slotsOf(PLAN_2023), 0)).toEqual([]);
    expect(() => previewChairs(keepTurn, [], -1)).toThrow(ChairRotationError);
    expect(() => previewChairs(keepTurn, [], 1.5)).toThrow(ChairRotationError);
  });
});

describe('fixed chair: the social-labour employment meeting is always chaired by the Secretary-General', () => {
  const fixed: ChairPolicy = { kind: 'fixed', unitId: 'secretary-general' };
  const slots = slotsOf(['2023-H1', '2023-H2', '2024-H1'], ['2023-H2']);

  it('every slot, cancelled or not, has that unit', () => {
    expect(assignChairs(fixed, slots)).toEqual([
      { key: '2023-H1', chairUnitId: 'secretary-general', consumesTurn: true, cancelled: false },
      { key: '2023-H2', chairUnitId: 'secretary-general', consumesTurn: true, cancelled: true },
      { key: '2024-H1', chairUnitId: 'secretary-general', consumesTurn: true, cancelled: false },
    ]);
    expect(previewChairs(fixed, slots, 2)).toEqual(['secretary-general', 'secretary-general']);
  });

  it('a stale override left from a former rotation does not name the chair', () => {
    const stale: RotationSlot[] = [{ key: '2023-H1', status: 'held', chairOverride: 'police' }];
    expect(assignChairs(fixed, stale)[0]?.chairUnitId).toBe('secretary-general');
  });
});

describe('fairnessReport: meetings chaired per unit per year', () => {
  const plan = slotsOf([...PLAN_2023, '2024-02', '2024-03']);

  it.each<[string, ChairPolicy, string[], Record<number, Record<string, number>>]>([
    ['no cancellations', keepTurn, [], { 2023: { social: 3, police: 3, health: 3, education: 2 }, 2024: { education: 1, social: 1 } }],
    [
      'March cancelled, keep-turn: the rotation shifts by one, so a 2023 turn moves into 2024',
      keepTurn,
      ['2023-03'],
      { 2023: { social: 3, police: 3, health: 2, education: 2 }, 2024: { health: 1, education: 1 } },
    ],
    [
      'March cancelled, lose-turn: police chairs one meeting fewer',
      loseTurn,
      ['2023-03'],
      { 2023: { social: 3, police: 2, health: 3, education: 2 }, 2024: { education: 1, social: 1 } },
    ],
  ])('%s', (_case, policy, cancelled, expected) => {
    const slots = plan.map((s): RotationSlot => (cancelled.includes(s.key) ? { ...s, status: 'cancelled' } : s));
    expect(fairnessReport(assignChairs(policy, slots), yearOf)).toEqual(expected);
  });

  it('counts a swapped meeting for the unit that actually chairs it', () => {
    const swapped = swapChairs(slotsOf(PLAN_2023), keepTurn, '2023-05', '2023-06');
    expect(fairnessReport(assignChairs(keepTurn, swapped), yearOf)).toEqual({
      2023: { social: 3, police: 3, health: 3, education: 2 },
    });
  });
});

describe('policy validation', () => {
  it.each<[string, ChairPolicy, RegExp]>([
    ['an empty roster', { kind: 'rotating', roster: [], onCancel: 'keep-turn' }, /at least one unit/],
    ['a unit listed twice', { kind: 'rotating', roster: ['social', 'police', 'social'], onCancel: 'keep-turn' }, /more than once.*social/],
    ['a blank unit id', { kind: 'rotating', roster: ['social', ' '], onCancel: 'keep-turn' }, /empty unit id/],
    ['startIndex past the roster', { ...keepTurn, startIndex: 4 }, /startIndex must be an integer from 0 to 3/],
    ['a negative startIndex', { ...keepTurn, startIndex: -1 }, /startIndex/],
    ['a fixed policy without a unit', { kind: 'fixed', unitId: '' }, /needs a unitId/],
  ])('rejects %s', (_case, policy, message) => {
    expect(() => assignChairs(policy, slotsOf(PLAN_2023))).toThrow(message);
    expect(() => previewChairs(policy, [], 1)).toThrow(ChairRotationError);
  });

  it('rejects two slots with the same key', () => {
    expect(() => assignChairs(keepTurn, slotsOf(['2023-02', '2023-02']))).toThrow(/2023-02 appears more than once/);
  });
});
