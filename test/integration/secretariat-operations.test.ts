// The rest of the secretariat's single-step changes against DynamoDB Local: swapping two chairs,
// adding an ad-hoc placement panel, a typhoon closure, and the chair preview and fairness report.
// (Bad closures, concurrent changes and atomic swaps: secretariat-closures and
// secretariat-concurrency.)
import { describe, expect, it } from 'vitest';
import { useEmbeddedStack } from '../support/embedded-stack.ts';
import { caseConference, config, officeCalendar, seriesById, taipeiMorning } from '../support/planning-fixtures.ts';
import { planSeriesOccurrences } from '../../functions/use-cases/plan-series-occurrences.ts';
import { changeOccurrence } from '../../functions/use-cases/secretariat/change-occurrence.ts';
import { chairReport, chairReportLines } from '../../functions/use-cases/secretariat/chair-report.ts';
import { getOccurrence, listOccurrences } from '../../functions/adapters/dynamodb/occurrence-store.ts';
import { listOverrides } from '../../functions/adapters/dynamodb/override-store.ts';
import { declareClosure } from '../../functions/use-cases/secretariat/change-closure.ts';

const stack = useEmbeddedStack();
const now = taipeiMorning('2026-03-02');
const actor = { id: 'secretariat-test' };

describe('secretariat operations', () => {
  it('swaps the chairs of two meetings and leaves every other chair alone', async () => {
    const { table } = stack();
    await planSeriesOccurrences(table, config, caseConference, officeCalendar, now);
    const before = await listOccurrences(table, caseConference.id);
    const chairOf = (list: typeof before, slot: string) => list.find((o) => o.slotKey === slot)!.chairUnitId;
    const result = await changeOccurrence(table, config, officeCalendar, {
      kind: 'swap-chairs',
      seriesId: caseConference.id,
      occurrence: '2026-04',
      other: '2026-05',
      reason: '科長出差',
      actor,
      now,
    });
    const after = await listOccurrences(table, caseConference.id);
    expect(chairOf(after, '2026-04')).toBe(chairOf(before, '2026-05'));
    expect(chairOf(after, '2026-05')).toBe(chairOf(before, '2026-04'));
    for (const o of after.filter((x) => !['2026-04', '2026-05'].includes(x.slotKey)))
      expect(o.chairUnitId).toBe(chairOf(before, o.slotKey));
    expect(result.run.chairChanges.map((c) => c.slotKey).sort()).toEqual(['2026-04', '2026-05']);
  });

  it('adds an ad-hoc placement panel session, refused on a day off and twice on the same slot', async () => {
    const { table } = stack();
    const panel = seriesById('placement-review-panel');
    await planSeriesOccurrences(table, config, panel, officeCalendar, now);
    const added = await changeOccurrence(table, config, officeCalendar, {
      kind: 'add-ad-hoc',
      seriesId: panel.id,
      date: '2026-05-14',
      reason: '個案緊急安置審查',
      actor,
      now,
    });
    expect(added.run.created).toEqual([
      expect.objectContaining({ slotKey: 'adhoc-2026-05-14-1400', date: '2026-05-14', adHoc: true, chairUnitId: 'social-child-welfare' }),
    ]);
    await expect(
      changeOccurrence(table, config, officeCalendar, {
        kind: 'add-ad-hoc',
        seriesId: panel.id,
        date: '2026-05-14',
        reason: 'x',
        actor,
        now,
      }),
    ).rejects.toMatchObject({ code: 'ad-hoc-exists', field: 'date', status: 409 });
    await expect(
      changeOccurrence(table, config, officeCalendar, {
        kind: 'add-ad-hoc',
        seriesId: panel.id,
        date: '2026-05-16',
        reason: 'x',
        actor,
        now,
      }),
    ).rejects.toMatchObject({
      code: 'day-off-needs-confirmation',
      field: 'date',
      message: expect.stringMatching(/^2026-05-16 是放假日/) as unknown,
    });
    await expect(
      changeOccurrence(table, config, officeCalendar, {
        kind: 'add-ad-hoc',
        seriesId: caseConference.id,
        date: '2026-05-14',
        reason: 'x',
        actor,
        now,
      }),
    ).rejects.toMatchObject({ code: 'ad-hoc-not-allowed', field: 'seriesId' });
    expect((await listOverrides(table, panel.id)).map((o) => o.slotKey)).toEqual(['adhoc-2026-05-14-1400']);
  });

  it('re-places a meeting when offices close for a typhoon on its day', async () => {
    const { table } = stack();
    const { runs } = await declareClosure(table, config, { date: '2026-03-25', reason: '颱風停止上班', actor, now });
    const run = runs.find((r) => r.seriesId === caseConference.id)!;
    const march = (await getOccurrence(table, caseConference.id, '2026-03'))!;
    // Nearest working day in the same week, the earlier of two equally near: Tuesday.
    expect(march).toMatchObject({ date: '2026-03-24', sequence: 1 });
    expect(march.placementNote).toContain('颱風停止上班');
    expect(run.updated.map((o) => o.slotKey)).toEqual(['2026-03']);
  });

  it('previews the next chairs and counts chair duty per unit per year', async () => {
    const { table } = stack();
    const report = await chairReport(table, config, officeCalendar, { seriesId: caseConference.id, count: 4, now });
    expect(report.upcoming).toHaveLength(4);
    // The swap above: April and May exchanged their chairs, and the report shows it.
    const stored = await listOccurrences(table, caseConference.id);
    for (const chair of report.upcoming.filter((c) => c.basis === 'stored'))
      expect(chair.chairUnitId).toBe(stored.find((o) => o.slotKey === chair.slotKey)!.chairUnitId);
    const year = report.perYear.find((y) => y.year === 2026)!;
    expect(year.counts.map((c) => c.unitId)).toEqual(caseConference.chair.kind === 'rotating' ? caseConference.chair.roster : []);
    const counts = year.counts.map((c) => c.meetings);
    // A swap exchanges turns, it does not add any: the year's duty stays shared within one.
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
    const text = chairReportLines(config, report);
    expect(text[0]).toBe(`${caseConference.name.zh}：接下來 4 場的主持單位`);
    expect(text).toContainEqual(
      expect.stringMatching(
        /^ {2}2026: 社會局 兒少保護科 \d+，警察局 婦幼警察隊 \d+，衛生局 心理健康科 \d+，教育處 學生事務及特殊教育科 \d+$/,
      ),
    );
  });

  it('previews beyond the plan with the core rotation when more chairs are asked for than are planned', async () => {
    const { table } = stack();
    const semiannual = seriesById('social-labour-employment-coordination');
    const report = await chairReport(table, config, officeCalendar, { seriesId: semiannual.id, count: 8, now });
    expect(report.upcoming).toHaveLength(8);
    // Planned through 2027 (two meetings a year), previewed after that, in slot order.
    expect(report.upcoming.filter((c) => c.basis === 'preview').map((c) => c.slotKey.slice(0, 4))).toEqual([
      '2028',
      '2028',
      '2029',
      '2029',
    ]);
    expect(new Set(report.upcoming.map((c) => c.chairUnitId))).toEqual(new Set(['county-secretary-general']));
  });
});
