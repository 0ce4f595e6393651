// minutes-check.ts (by hand, in the chair-minutes function) against minutes-schema.ts (zod, the
// oracle): for generated bodies, mostly minutes with one thing wrong here and there, both give the
// same verdict, the same data when valid (names trimmed), and the same problems when not: path,
// code, bounds, unknown keys and our own messages, which are what the zh-TW wording is made from.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  minutesContentCheck,
  saveMinutesRequestCheck,
  submitRequestCheck,
  versionCheck,
  type CheckIssue,
} from '../../../functions/core/minutes/minutes-check.ts';
import { minutesContentSchema, minutesLimits, saveMinutesRequestSchema } from '../../../functions/core/minutes/minutes-schema.ts';
import { placementTypes } from '../../../functions/core/minutes/placement-type.ts';
import * as z from 'zod/mini';
import { completeMinutes } from './minutes-fixtures.ts';

type Verdict = { success: boolean; data?: unknown; problems?: string[] };

/** What the wording and the callers read of a result; built-in messages are the locale's, so left out. */
function verdict(
  result: { success: true; data: unknown } | { success: false; error: { issues: readonly unknown[] } },
  ours: boolean,
): Verdict {
  if (result.success) return { success: true, data: result.data };
  const problems = (result.error.issues as CheckIssue[]).map((issue) => {
    const custom = ours ? issue.message : issue.code === 'custom' || /^at most|^must /.test(issue.message) ? issue.message : '';
    const bounds =
      issue.code === 'too_big' || issue.code === 'too_small' ? `${issue.origin}:${String(issue.maximum ?? issue.minimum)}` : '';
    return [issue.path.map(String).join('.'), issue.code, bounds, (issue.keys ?? []).join(','), custom].join('|');
  });
  return { success: false, problems: [...new Set(problems)].sort() };
}

function expectSame(value: unknown, ours: { safeParse(v: unknown): never }, theirs: { safeParse(v: unknown): never }) {
  expect(verdict(ours.safeParse(structuredClone(value)), true)).toEqual(verdict(theirs.safeParse(structuredClone(value)), false));
}

// ---- Generated bodies: clean ones, and ones wrong in one place or another -----------------------

/** Minutes and their parts; `noisy`: now and then wrong (a key dropped or added, a bad value, anything at all). */
function bodies(noisy: boolean) {
  const pick = <T>(clean: fc.Arbitrary<T>, wrong: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> => {
    const either: Array<fc.WeightedArbitrary<unknown>> = [
      { weight: 6, arbitrary: clean },
      { weight: 1, arbitrary: wrong },
    ];
    return noisy ? fc.oneof(...either) : clean;
  };
  const anything = fc.oneof(
    fc.constant(null),
    fc.boolean(),
    fc.constantFrom(0, -1, 1.5, 2 ** 60, -(2 ** 60), 501, 1_000_001),
    fc.string({ maxLength: 5 }),
    fc.constant([]),
    fc.constant({}),
    fc.constant(['x']),
    fc.constant({ length: 99999 }),
    fc.constant('x'.repeat(5000)),
    fc.constant(Array.from({ length: 70 }, () => 'x')),
  );
  /** Right, or once in a while anything at all. */
  const or = <T>(arbitrary: fc.Arbitrary<T>) => pick(arbitrary, anything);
  const prose = (limit: number, blank: boolean) =>
    pick(
      fc.constantFrom(...(blank ? [''] : []), '第一行\n第二行', 'tab\there', '紀'.repeat(limit), '決議：<script>x</script>'),
      fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('紀'.repeat(limit + 1), ' ', 'nul\u0000', 'del\u007f')),
    );
  const name = pick(
    fc.constantFrom('王小明', '  李四  ', 'x'.repeat(minutesLimits.nameLength), '😀'),
    fc.constantFrom('', '   ', 'x'.repeat(minutesLimits.nameLength + 1), '第一行\n第二行', 'tab\there', '\u2028'),
  );
  const id = pick(
    fc.constantFrom('social-cp-chief', 'police-women-children', 'a', '0x', 'x'.repeat(63)),
    fc.constantFrom('', 'Bad_Id', '-lead', 'x'.repeat(64), 'ünit'),
  );
  const date = pick(
    fc.constantFrom('2026-04-15', '2028-02-29', '2026-12-31'),
    fc.constantFrom('2026-02-30', '2027-02-29', '2026-13-01', '2026-4-1', '115-04-01', '2026-04-01T00:00', ''),
  );
  const object = (shape: Record<string, fc.Arbitrary<unknown>>, optional: string[] = []) =>
    or(
      fc
        .tuple(
          fc.record(shape, { requiredKeys: Object.keys(shape).filter((key) => !optional.includes(key)) }),
          noisy ? fc.option(fc.constantFrom(...Object.keys(shape)), { freq: 8 }) : fc.constant(null),
          noisy ? fc.option(fc.constantFrom('extra', 'caseNames', '__proto__'), { freq: 10 }) : fc.constant(null),
        )
        .map(([record, dropped, added]) => {
          const value: Record<string, unknown> = { ...record };
          if (dropped) delete value[dropped];
          if (added) Object.defineProperty(value, added, { value: 'x', enumerable: true, configurable: true, writable: true });
          return value;
        }),
    );
  /** Mostly a few elements; now and then as many as allowed (and, noisy, a few more). */
  const list = <T>(element: fc.Arbitrary<T>, limit: number) =>
    or(
      fc.oneof(
        { weight: 8, arbitrary: fc.array(element, { maxLength: 4 }) },
        { weight: 1, arbitrary: fc.array(element, { minLength: limit, maxLength: noisy ? limit + 2 : limit }) },
      ),
    );
  const count = (limit: number) => pick(fc.oneof(fc.constantFrom(0, limit), fc.nat({ max: limit })), fc.constantFrom(limit + 1, -1, 2.5));
  const placementType = pick(fc.constantFrom(...placementTypes), fc.constant('orphanage'));
  const perType = <T>(element: fc.Arbitrary<T>) =>
    noisy
      ? or(fc.array(element, { maxLength: 5 }))
      : fc.uniqueArray(element, { maxLength: 4, selector: (e) => (e as { placementType: string }).placementType });

  const minutes = object(
    {
      attendance: list(
        object(
          {
            unitId: id,
            present: or(fc.boolean()),
            names: list(name, minutesLimits.namesPerUnit),
            members: list(object({ contactId: id, present: or(fc.boolean()) }), minutesLimits.membersPerUnit),
          },
          ['members'],
        ),
        minutesLimits.attendanceEntries,
      ),
      summary: prose(minutesLimits.summaryLength, true),
      resolutions: list(prose(minutesLimits.resolutionLength, false), minutesLimits.resolutions),
      actionItems: list(
        object({
          description: prose(minutesLimits.actionItemLength, false),
          ownerUnitId: id,
          dueDate: date,
          status: pick(fc.constantFrom('open', 'done'), fc.constant('closed')),
        }),
        minutesLimits.actionItems,
      ),
      placementReview: object({
        proposals: perType(object({ placementType, caseCount: count(minutesLimits.caseCount) })),
        followUpForms: perType(
          object(
            {
              placementType,
              ownerUnitId: id,
              formsOwed: count(minutesLimits.formsOwed),
              dueDate: date,
              status: pick(fc.constantFrom('owed', 'received'), fc.constant('lost')),
            },
            ['ownerUnitId'],
          ),
        ),
      }),
    },
    ['placementReview'],
  );
  return { minutes, request: object({ expectedVersion: count(minutesLimits.version), minutes }), count };
}

const clean = bodies(false);
const noisy = bodies(true);
const minutes = fc.oneof(clean.minutes, noisy.minutes);

describe('minutes-check.ts gives what the zod schemas give', () => {
  it('for minutes, valid or wrong anywhere', () => {
    fc.assert(
      fc.property(minutes, (value) => expectSame(value, minutesContentCheck as never, minutesContentSchema as never)),
      { numRuns: 600 },
    );
  });

  it('for a save request: a version and minutes', () => {
    const request = fc.oneof(clean.request, noisy.request);
    fc.assert(
      fc.property(request, (value) => expectSame(value, saveMinutesRequestCheck as never, saveMinutesRequestSchema as never)),
      { numRuns: 300 },
    );
  });

  it('for a version and a submission', () => {
    const version = z.number().check(z.int(), z.minimum(0));
    fc.assert(
      fc.property(noisy.count(10), (value) => {
        expectSame(value, versionCheck as never, version as never);
        expectSame({ expectedVersion: value }, submitRequestCheck as never, z.strictObject({ expectedVersion: version }) as never);
      }),
    );
  });

  it('for the examples the schema tests name', () => {
    const valid = completeMinutes();
    const examples: unknown[] = [
      valid,
      { attendance: [], summary: '', resolutions: [], actionItems: [] },
      { ...valid, secretNote: 'x' },
      { ...valid, attendance: [{ ...valid.attendance[0], phone: '0912' }] },
      { ...valid, actionItems: [{ ...valid.actionItems[0], dueDate: '2026-02-30' }] },
      { ...valid, actionItems: [{ ...valid.actionItems[0], dueDate: '2026-4-1' }] },
      { ...valid, summary: '紀'.repeat(4001) },
      { ...valid, attendance: [{ ...valid.attendance[0], names: ['  王小明  ', '\t李四 '] }] },
      { ...valid, resolutions: ['   '] },
      { ...valid, placementReview: { proposals: [], followUpForms: [], extra: 1 } },
      null,
      [],
      'minutes',
    ];
    for (const example of examples) expectSame(example, minutesContentCheck as never, minutesContentSchema as never);
    // Names are kept trimmed, as zod's trim leaves them.
    const trimmed = minutesContentCheck.safeParse({ ...valid, attendance: [{ ...valid.attendance[0], names: ['  王小明  '] }] });
    expect(trimmed.success && trimmed.data.attendance[0]!.names).toEqual(['王小明']);
  });
});
