// Closures (停止上班) against DynamoDB Local: a bad one is refused before anything is written; one
// that is somehow stored invalid is skipped and reported, and planning, dispatch and the other
// commands go on; and a closure, valid or not, can be removed, which puts the day's meetings back.
import { PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { useEmbeddedStack } from '../support/embedded-stack.ts';
import { caseConference, config, taipeiMorning } from '../support/planning-fixtures.ts';
import { declareClosure, removeClosure } from '../../functions/use-cases/secretariat/change-closure.ts';
import { changeOccurrence } from '../../functions/use-cases/secretariat/change-occurrence.ts';
import { loadOfficeCalendar, readOfficeCalendar, type SkippedClosure } from '../../functions/adapters/dynamodb/calendar-store.ts';
import { getOccurrence } from '../../functions/adapters/dynamodb/occurrence-store.ts';
import { planSeriesOccurrences } from '../../functions/use-cases/plan-series-occurrences.ts';
import { keys } from '../../functions/adapters/dynamodb/keys.ts';
import { queryPartition } from '../../functions/adapters/dynamodb/meeting-table.ts';
import { runCronCycle } from '../../lib/local-stack/cron-cycle.ts';
import { Temporal } from '../../functions/core/calendar/local-date.ts';
import { spawnTs, finished } from '../support/processes.ts';

const stack = useEmbeddedStack();
const now = taipeiMorning('2026-03-02');
const actor = { id: 'secretariat-test' };

/** The whole table: a refused request must leave every item as it was, not only the closures. */
async function everything(): Promise<unknown[]> {
  const { table } = stack();
  const { Items } = await table.client.send(new ScanCommand({ TableName: table.tableName, ConsistentRead: true }));
  return (Items ?? []).sort((a, b) => `${a.pk}${a.sk}`.localeCompare(`${b.pk}${b.sk}`));
}

/** A closure item as an older version wrote it: straight into the table, unchecked. */
async function storeUnchecked(date: string, reason: string): Promise<void> {
  const { table } = stack();
  await table.client.send(
    new PutCommand({
      TableName: table.tableName,
      Item: { pk: keys.closures(table.county), sk: keys.closure(date), entity: 'closure', closure: { date, reason } },
    }),
  );
}

describe('declaring a closure', () => {
  it.each([
    ['30 February', { date: '2026-02-30', reason: '颱風停止上班' }, 'date', 'not-a-date', /日期「2026-02-30」不是實際存在的日期/],
    ['month 13, day 45', { date: '2026-13-45', reason: '颱風停止上班' }, 'date', 'not-a-date', /日期「2026-13-45」不是實際存在的日期/],
    ['a date not in YYYY-MM-DD', { date: '2026/8/5', reason: '颱風停止上班' }, 'date', 'not-a-date', /格式不對/],
    ['a blank reason', { date: '2026-08-05', reason: '   ' }, 'reason', 'reason-required', /請填寫停止上班的原因/],
    ['a reason of two lines', { date: '2026-08-05', reason: '颱風\r\n停止上班' }, 'reason', 'reason-invalid', /一行文字/],
    ['a day already past', { date: '2026-02-27', reason: '颱風停止上班' }, 'date', 'date-in-past', /已經過去/],
  ])('refuses %s, naming the field, and writes nothing', async (_what, request, field, code, message) => {
    const { table } = stack();
    const before = await everything();
    await expect(declareClosure(table, config, { ...request, actor, now })).rejects.toMatchObject({
      name: 'SecretariatInputError',
      code,
      field,
      status: 400,
      message: expect.stringMatching(message) as unknown,
    });
    expect(await everything()).toEqual(before);
  });

  it('reports every wrong field of a request at once', async () => {
    const { table } = stack();
    await expect(declareClosure(table, config, { date: '2026-02-30', reason: '', actor, now })).rejects.toMatchObject({
      field: 'date',
      problems: [expect.objectContaining({ field: 'date' }), expect.objectContaining({ field: 'reason' })],
    });
  });

  it('closes the day, re-places its meetings, and refuses a different second announcement for it', async () => {
    const { table } = stack();
    await planSeriesOccurrences(table, config, caseConference, (await readOfficeCalendar(table)).calendar, now);
    const declared = await declareClosure(table, config, { date: '2026-03-25', reason: '颱風停止上班', actor, now });
    expect(declared.closure).toEqual({ date: '2026-03-25', reason: '颱風停止上班' });
    expect(declared.warnings).toEqual([]);
    expect(declared.runs.map((r) => r.seriesId)).toEqual(config.series.map((s) => s.id));
    expect(await getOccurrence(table, caseConference.id, '2026-03')).toMatchObject({ date: '2026-03-24', sequence: 1 });

    // The same announcement again (a retry) is accepted and changes nothing more.
    const again = await declareClosure(table, config, { date: '2026-03-25', reason: '颱風停止上班', actor, now });
    expect(again.runs.flatMap((r) => r.updated)).toEqual([]);
    const before = await everything();
    await expect(declareClosure(table, config, { date: '2026-03-25', reason: '停電', actor, now })).rejects.toMatchObject({
      code: 'closure-exists',
      field: 'date',
      status: 409,
      message: expect.stringContaining('原因：颱風停止上班') as unknown,
    });
    expect(await everything()).toEqual(before);
  });
});

describe('a closure stored invalid', () => {
  it('is skipped and reported, and planning, dispatch and changes go on', async () => {
    const { table } = stack();
    await storeUnchecked('2026-02-30', '颱風停止上班');
    await storeUnchecked('2026-13-45', '');

    const read = await readOfficeCalendar(table);
    expect(read.skippedClosures.map((s) => s.date).sort()).toEqual(['2026-02-30', '2026-13-45']);
    // The valid closure of the test above is still in force.
    expect(read.calendar.dayStatus(Temporal.PlainDate.from('2026-03-25')).closure).toBe('颱風停止上班');

    const logged: Array<{ skipped: SkippedClosure; county: string }> = [];
    await loadOfficeCalendar(table, (skipped, county) => logged.push({ skipped, county }));
    expect(logged.map((l) => [l.county, l.skipped.id]).sort()).toEqual([
      [table.county, 'CLOSURE#2026-02-30'],
      [table.county, 'CLOSURE#2026-13-45'],
    ]);

    // The scheduled runs (planning, then dispatch), through the handlers Lambda runs.
    const cycle = await runCronCycle(new Date(now.epochMilliseconds));
    expect(cycle.plans.map((p) => p.seriesId).sort()).toEqual(config.series.map((s) => s.id).sort());

    // A secretariat change plans on the same calendar, and a closure change says what it skipped.
    const calendar = await loadOfficeCalendar(table, () => {});
    await changeOccurrence(table, config, calendar, {
      kind: 'venue',
      seriesId: caseConference.id,
      occurrence: '2026-04',
      venueId: 'budai-center',
      reason: '會議室整修',
      actor,
      now,
    });
    const declared = await declareClosure(table, config, { date: '2026-08-05', reason: '颱風停止上班', actor, now });
    expect(declared.warnings).toEqual([
      expect.objectContaining({
        code: 'invalid-closure-skipped',
        closureId: 'CLOSURE#2026-02-30',
        message: expect.stringContaining('2026-02-30') as unknown,
      }),
      expect.objectContaining({ code: 'invalid-closure-skipped', closureId: 'CLOSURE#2026-13-45' }),
    ]);
  });
});

describe('removing a closure', () => {
  it('removes an invalid one by the date it was stored under, and the warnings stop', async () => {
    const { table } = stack();
    for (const date of ['2026-02-30', '2026-13-45']) {
      const removed = await removeClosure(table, config, { date, reason: '輸入錯誤', actor, now });
      expect(removed.removed).toEqual({ id: `CLOSURE#${date}`, date });
    }
    expect((await readOfficeCalendar(table)).skippedClosures).toEqual([]);
  });

  it('puts the day’s meetings back and keeps who withdrew it and why', async () => {
    const { table } = stack();
    const march = (await getOccurrence(table, caseConference.id, '2026-03'))!;
    expect(march.date).toBe('2026-03-24');
    const result = await removeClosure(table, config, { date: '2026-03-25', reason: '颱風轉向，照常上班', actor, now });
    expect(result.removed).toEqual({ id: 'CLOSURE#2026-03-25', date: '2026-03-25', reason: '颱風停止上班' });
    const back = (await getOccurrence(table, caseConference.id, '2026-03'))!;
    expect(back).toMatchObject({ date: '2026-03-25', sequence: march.sequence + 1 });
    expect(result.runs.find((r) => r.seriesId === caseConference.id)!.updated.map((o) => o.slotKey)).toEqual(['2026-03']);
    const item = (await queryPartition(table, keys.closures(table.county))).find((i) => i.sk === 'CLOSURE#2026-03-25');
    expect(item?.withdrawn).toEqual({ reason: '颱風轉向，照常上班', by: actor.id, at: now.toString() });

    // Withdrawn, the day can be declared again.
    await declareClosure(table, config, { date: '2026-03-25', reason: '颱風停止上班（再次宣布）', actor, now });
    expect((await getOccurrence(table, caseConference.id, '2026-03'))!.date).toBe('2026-03-24');
  });

  it.each([
    ['a date with no closure', { date: '2026-03-26', reason: '撤回' }, 'no-such-closure', 'date', 404],
    ['a closure already removed', { date: '2026-02-30', reason: '撤回' }, 'no-such-closure', 'date', 404],
    ['no reason', { date: '2026-08-05', reason: ' ' }, 'reason-required', 'reason', 400],
  ])('refuses %s and writes nothing', async (_what, request, code, field, status) => {
    const { table } = stack();
    const before = await everything();
    await expect(removeClosure(table, config, { ...request, actor, now })).rejects.toMatchObject({ code, field, status });
    expect(await everything()).toEqual(before);
  });
});

describe('the secretariat command line', () => {
  async function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
    const { dynamoDbEndpoint, tableName } = stack();
    const child = spawnTs('bin/cli.ts', [...args, '--now', now.toString()], {
      ...process.env,
      DYNAMODB_ENDPOINT: dynamoDbEndpoint,
      TABLE_NAME: tableName,
    });
    return finished(child);
  }

  it('keeps working on a table with an invalid closure, says so, and removes it', async () => {
    await storeUnchecked('2026-02-30', '颱風停止上班');
    const schedule = await cli(['schedule', '--series', caseConference.id, '--year', '2026', '--format', 'csv']);
    expect(schedule.code).toBe(0);
    expect(schedule.stderr).toContain('已略過無效的停止上班紀錄「2026-02-30」');
    expect(schedule.stdout).toContain('2026');

    const removed = await cli(['closure', 'remove', '--date', '2026-02-30', '--reason', '輸入錯誤']);
    expect(removed.stderr).not.toContain('Error');
    expect(removed.code).toBe(0);
    expect(removed.stdout).toContain('已移除 2026-02-30 的停止上班');
    expect((await readOfficeCalendar(stack().table)).skippedClosures).toEqual([]);
  });
});
