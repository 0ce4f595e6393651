// One planning schedule per county and series, derived from the county file: a series added to the
// file is a schedule added to the stack, with no code change.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCountyConfig, type SeriesDefinition } from '../../functions/core/series/county-config.ts';
import { cronMonthField, meetingMonths, planningMonths } from '../../lib/series-planning-months.ts';
import { chiayiCountyFile } from './generated-counties.ts';
import { defaultCountyId, resourcesOfType, synthesizeCounty } from './synthesize-county.ts';

const defaultCountyFile = chiayiCountyFile;
const defaultCounty = JSON.parse(readFileSync(defaultCountyFile, 'utf8')) as { series: Record<string, unknown>[] };
const someSeries = parseCountyConfig(defaultCounty, defaultCountyFile).series[0]!;
const seriesWith = (changes: Partial<SeriesDefinition>): SeriesDefinition => ({ ...someSeries, activeMonths: undefined, ...changes });

describe('planning months', () => {
  it.each([
    ['4th Wednesday, every month', seriesWith({ cadence: { kind: 'monthly-nth-weekday', nth: 4, weekday: 3 } }), 'all', '*'],
    [
      '4th Wednesday, February to December',
      seriesWith({ cadence: { kind: 'monthly-nth-weekday', nth: 4, weekday: 3 }, activeMonths: [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] }),
      '2,3,4,5,6,7,8,9,10,11,12',
      '1,2,3,4,5,6,7,8,9,10,11',
    ],
    [
      'every four months from March',
      seriesWith({ cadence: { kind: 'every-n-months', intervalMonths: 4, firstMonth: 3, nth: 2, weekday: 4 } }),
      '3,7,11',
      '2,6,10',
    ],
    [
      'every four months from January: planned in December',
      seriesWith({ cadence: { kind: 'every-n-months', intervalMonths: 4, firstMonth: 1, nth: 2, weekday: 4 } }),
      '1,5,9',
      '4,8,12',
    ],
    ['semiannual, June and December', seriesWith({ cadence: { kind: 'semiannual', months: [6, 12], nth: 2, weekday: 2 } }), '6,12', '5,11'],
    ['an RRULE: any month', seriesWith({ cadence: { kind: 'rrule', rrule: 'FREQ=MONTHLY;BYDAY=3TH', dtstart: '2026-01-01' } }), 'all', '*'],
  ])('%s', (_title, series, meets, plans) => {
    const months = meetingMonths(series);
    expect(months.length === 12 ? 'all' : months.join(',')).toBe(meets);
    expect(cronMonthField(planningMonths(series))).toBe(plans);
  });

  it('refuses a series whose activeMonths leave none of its cadence months, naming it', () => {
    const never = seriesWith({
      id: 'never-meets',
      cadence: { kind: 'semiannual', months: [6, 12], nth: 2, weekday: 2 },
      activeMonths: [3],
    });
    expect(() => planningMonths(never)).toThrow(/series "never-meets" meets in no month/);
  });
});

describe('a series added to the county file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'safetynet-county-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const added = {
    ...defaultCounty.series[0],
    id: 'tiered-network-meeting',
    name: { zh: '府級網絡會議', en: 'County-level network meeting' },
    cadence: { kind: 'every-n-months', intervalMonths: 3, firstMonth: 1, nth: 1, weekday: 2 },
  };
  delete (added as { activeMonths?: unknown }).activeMonths;
  // The same county, in a folder of its own, with one more series.
  writeFileSync(
    join(dir, `${defaultCountyId}.json`),
    JSON.stringify({ ...defaultCounty, $schema: undefined, series: [...defaultCounty.series, added] }),
  );

  const schedulesOf = (context: Record<string, unknown>) =>
    resourcesOfType(synthesizeCounty({ skipBundling: true, context }).template, 'AWS::Scheduler::Schedule');
  const before = schedulesOf({});
  const after = schedulesOf({ 'safetynet:countyConfigDir': dir });

  it('gets its own schedule, from the same deployment code', () => {
    const newIds = Object.keys(after).filter((id) => !(id in before));
    expect(newIds).toHaveLength(1);
    const schedule = after[newIds[0]!]!.Properties as {
      ScheduleExpression: string;
      ScheduleExpressionTimezone: string;
      Target: { Input: string };
    };
    expect(JSON.parse(schedule.Target.Input)).toEqual({
      countyId: defaultCountyId,
      seriesId: 'tiered-network-meeting',
      scheduledTime: '<aws.scheduler.scheduled-time>',
    });
    // Meets in Jan, Apr, Jul, Oct: planned on the 1st of Dec, Mar, Jun, Sep.
    expect(schedule.ScheduleExpression).toBe('cron(0 6 1 3,6,9,12 ? *)');
    expect(schedule.ScheduleExpressionTimezone).toBe('Asia/Taipei');
  });

  it('leaves every other schedule as it was', () => {
    for (const [id, schedule] of Object.entries(before)) expect(after[id]).toEqual(schedule);
  });
});
