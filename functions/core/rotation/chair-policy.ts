// Who chairs a meeting series (主持人), and the checks that keep a bad policy from silently
// producing a wrong rotation. The policy is written by the secretariat, so every error message
// names what to fix.

export type ChairPolicy =
  | { kind: 'fixed'; unitId: string }
  | {
      kind: 'rotating';
      /** Network unit ids, in the order they take the chair. */
      roster: string[];
      /**
       * keep-turn: a cancelled meeting is not anyone's turn, so the unit that would have chaired
       * chairs the next one. lose-turn: the cancelled meeting uses up that unit's turn.
       */
      onCancel: 'keep-turn' | 'lose-turn';
      /** Index into `roster` of the unit that chairs the first slot; 0 when absent. */
      startIndex?: number;
    };

export type RotatingChairPolicy = Extract<ChairPolicy, { kind: 'rotating' }>;

/**
 * Thrown for input a person has to correct (bad policy, unknown slot, impossible swap).
 * A distinct class lets handlers answer 400 instead of 500.
 */
export class ChairRotationError extends Error {
  override readonly name = 'ChairRotationError';
}

export function validateChairPolicy(policy: ChairPolicy): void {
  if (policy.kind === 'fixed') {
    if (policy.unitId.trim() === '') throw new ChairRotationError('Fixed chair policy needs a unitId (主持單位未設定).');
    return;
  }
  const { roster, startIndex } = policy;
  if (roster.length === 0) {
    throw new ChairRotationError('Rotating chair policy needs at least one unit in the roster (輪流主持名單不可為空).');
  }
  if (roster.some((unitId) => unitId.trim() === '')) {
    throw new ChairRotationError('Rotating chair roster contains an empty unit id.');
  }
  const duplicates = [...new Set(roster.filter((unitId, i) => roster.indexOf(unitId) !== i))];
  if (duplicates.length > 0) {
    // A unit listed twice would chair twice per round, which is never what the secretariat means.
    throw new ChairRotationError(`Rotating chair roster lists a unit more than once (輪流主持名單重複): ${duplicates.join(', ')}.`);
  }
  if (startIndex !== undefined && !(Number.isInteger(startIndex) && startIndex >= 0 && startIndex < roster.length)) {
    throw new ChairRotationError(
      `startIndex must be an integer from 0 to ${roster.length - 1} (roster has ${roster.length} units), got ${startIndex}.`,
    );
  }
}
