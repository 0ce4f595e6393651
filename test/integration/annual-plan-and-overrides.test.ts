// Issue 3's acceptance against DynamoDB Local: the seed's four 2023 hand moves entered as
// overrides give exactly the seed's 2023 table; bad requests are refused with a clear message and
// write nothing; concurrent planners make exactly one occurrence per slot.
import { describe, expect, it } from 'vitest';
import { useEmbeddedStack } from '../support/embedded-stack.ts';
import { caseConference, config, officeCalendar, taipeiMorning } from '../support/planning-fixtures.ts';
import { planSeriesOccurrences } from '../../functions/use-cases/plan-series-occurrences.ts';
import { changeOccurrence } from '../../functions/use-cases/secretariat/change-occurrence.ts';
import { SecretariatInputError } from '../../functions/use-cases/secretariat/secretariat-input-error.ts';
import { listOccurrences } from '../../functions/adapters/dynamodb/occurrence-store.ts';
import { keys } from '../../functions/adapters/dynamodb/keys.ts';
import { queryPartition } from '../../functions/adapters/dynamodb/meeting-table.ts';
import { listOverrides } from '../../functions/adapters/dynamodb/override-store.ts';
import { annualPlan } from '../../functions/core/annual-plan/annual-plan.ts';
import { formatPlan } from '../../functions/core/annual-plan/plan-formats.ts';
import { documentClient } from '../../functions/adapters/dynamodb/meeting-table.ts';

const stack = useEmbeddedStack();
const now = taipeiMorning('2023-01-10');
const actor = { id: 'secretariat-test' };

/** The seed's 2023 plan table (序號, 辦理日期). */
const seedTable = [
  ['1', '2/21(二)'],
  ['2', '3/29(三)'],
  ['3', '4/26(三)'],
  ['4', '5/24(三)'],
  ['5', '6/28(三)'],
  ['6', '7/26(三)'],
  ['7', '8/23(三)'],
  ['8', '9/27(三)'],
  ['9', '10/24(二)'],
  ['10', '11/22(三)'],
  ['11', '12/15(五)'],
];

describe('the 2023 case conference plan', () => {
  it('equals the seed table once the four hand moves are entered as overrides', async () => {
    const { table } = stack();
    await planSeriesOccurrences(table, config, caseConference, officeCalendar, now);
    for (const [from, to] of [
      ['2023-02-22', '2023-02-21'],
      ['2023-03-22', '2023-03-29'],
      ['2023-10-25', '2023-10-24'],
      ['2023-12-27', '2023-12-15'],
    ] as const) {
      await changeOccurrence(table, config, officeCalendar, {
        kind: 'move',
        seriesId: caseConference.id,
        occurrence: from,
        date: to,
        reason: '承辦人調整',
        actor,
        now,
      });
    }
    const [stored, overrides] = await Promise.all([listOccurrences(table, caseConference.id), listOverrides(table, caseConference.id)]);
    const plan = annualPlan(caseConference, officeCalendar, overrides, stored, 2023, now);
    const rows = formatPlan('csv', config, caseConference, 2023, plan)
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n')
      .slice(1)
      .map((line) => line.split(',').slice(0, 2));
    expect(rows).toEqual(seedTable);
    // Each moved meeting went up one SEQUENCE; the others are untouched.
    expect(stored.filter((o) => o.date.startsWith('2023')).map((o) => o.sequence)).toEqual([1, 1, 0, 0, 0, 0, 0, 0, 1, 0, 1]);
  });

  it('refuses an override for a meeting that does not exist, and writes nothing', async () => {
    const { table } = stack();
    const before = await queryPartition(table, keys.series(table.county, caseConference.id));
    const attempt = changeOccurrence(table, config, officeCalendar, {
      kind: 'cancel',
      seriesId: caseConference.id,
      occurrence: '2023-01-25',
      reason: '颱風',
      actor,
      now,
    });
    await expect(attempt).rejects.toThrow(SecretariatInputError);
    await expect(attempt).rejects.toMatchObject({
      code: 'no-such-meeting',
      field: 'occurrence',
      message: expect.stringContaining('「2023-01-25」') as unknown,
    });
    expect(await queryPartition(table, keys.series(table.county, caseConference.id))).toEqual(before);
  });

  it('refuses a move onto a day off without confirmation, naming the holiday, and writes nothing', async () => {
    const { table } = stack();
    const before = await queryPartition(table, keys.series(table.county, caseConference.id));
    const attempt = changeOccurrence(table, config, officeCalendar, {
      kind: 'move',
      seriesId: caseConference.id,
      occurrence: '2023-04-26',
      date: '2023-04-05',
      reason: '調整',
      actor,
      now,
    });
    await expect(attempt).rejects.toMatchObject({
      code: 'day-off-needs-confirmation',
      field: 'date',
      message: expect.stringMatching(/^2023-04-05 是放假日（.+）/) as unknown,
    });
    expect(await queryPartition(table, keys.series(table.county, caseConference.id))).toEqual(before);

    const forced = await changeOccurrence(table, config, officeCalendar, {
      kind: 'move',
      seriesId: caseConference.id,
      occurrence: '2023-04-26',
      date: '2023-04-05',
      reason: '特殊需要',
      force: true,
      actor,
      now,
    });
    expect(forced.run.updated[0]).toMatchObject({ slotKey: '2023-04', date: '2023-04-05', needsDecision: false });
  });

  it('cancels a typhoon day in one step and reports the chairs that move', async () => {
    const { table } = stack();
    const result = await changeOccurrence(table, config, officeCalendar, {
      kind: 'cancel',
      seriesId: caseConference.id,
      occurrence: '2023-05-24',
      reason: '颱風停止上班',
      actor,
      now,
    });
    expect(result.run.updated.find((o) => o.slotKey === '2023-05')).toMatchObject({ status: 'cancelled', placementNote: '颱風停止上班' });
    expect(result.run.chairChanges.map((c) => c.slotKey)).toEqual([
      '2023-06',
      '2023-07',
      '2023-08',
      '2023-09',
      '2023-10',
      '2023-11',
      '2023-12',
    ]);
  });
});

describe('concurrent planners', () => {
  it('two planners at the same moment make exactly one occurrence per slot', async () => {
    const { table, dynamoDbEndpoint } = stack();
    const series = config.series.find((s) => s.id === 'community-mental-health-case-conference')!;
    const second = { ...table, client: documentClient(dynamoDbEndpoint) };
    const at = taipeiMorning('2026-03-09');
    const runs = await Promise.all([
      planSeriesOccurrences(table, config, series, officeCalendar, at),
      planSeriesOccurrences(second, config, series, officeCalendar, at),
    ]);
    second.client.destroy();
    const stored = await listOccurrences(table, series.id);
    expect(new Set(stored.map((o) => o.slotKey)).size).toBe(stored.length);
    expect(runs[0].created.length + runs[1].created.length).toBe(stored.length);
    // (How many races each lost depends on timing: a planner that reads after the other wrote
    // simply finds the slots taken. What must hold is above: each slot once, created once.)
  });
});
