// The rest of the secretariat's single-step changes against DynamoDB Local: swapping two chairs,
// adding an ad-hoc placement panel, a typhoon closure, and the chair preview and fairness report.
import { describe, expect, it } from 'vitest';
import { useEmbeddedStack } from '../support/embedded-stack.ts';
import { caseConference, config, officeCalendar, seriesById, taipeiMorning } from '../support/planning-fixtures.ts';
import { planSeriesOccurrences } from '../../functions/use-cases/plan-series-occurrences.ts';
import { changeOccurrence } from '../../functions/use-cases/secretariat/change-occurrence.ts';
import { chairReport } from '../../functions/use-cases/secretariat/chair-report.ts';
import { getOccurrence, listOccurrences } from '../../functions/adapters/dynamodb/occurrence-store.ts';
import { listOverrides } from '../../functions/adapters/dynamodb/override-store.ts';
import { loadOfficeCalendar, saveClosure } from '../../functions/adapters/dynamodb/calendar-store.ts';

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
    ).rejects.toThrow(/already has an ad-hoc session/);
    await expect(
      changeOccurrence(table, config, officeCalendar, {
        kind: 'add-ad-hoc',
        seriesId: panel.id,
        date: '2026-05-16',
        reason: 'x',
        actor,
        now,
      }),
    ).rejects.toThrow(/day off/);
    await expect(
      changeOccurrence(table, config, officeCalendar, {
        kind: 'add-ad-hoc',
        seriesId: caseConference.id,
        date: '2026-05-14',
        reason: 'x',
        actor,
        now,
      }),
    ).rejects.toThrow(/does not allow ad-hoc sessions/);
    expect((await listOverrides(table, panel.id)).map((o) => o.slotKey)).toEqual(['adhoc-2026-05-14-1400']);
  });

  it('re-places a meeting when offices close for a typhoon on its day', async () => {
    const { table } = stack();
    await saveClosure(table, { date: '2026-03-25', reason: '颱風停止上班' });
    const calendar = await loadOfficeCalendar(table);
    const run = await planSeriesOccurrences(table, config, caseConference, calendar, now);
    const march = (await getOccurrence(table, caseConference.id, '2026-03'))!;
    // Nearest working day in the same week, the earlier of two equally near: Tuesday.
    expect(march).toMatchObject({ date: '2026-03-24', sequence: 1 });
    expect(march.placementNote).toContain('颱風停止上班');
    expect(run.updated.map((o) => o.slotKey)).toEqual(['2026-03']);
  });

  it('previews the next chairs and counts chair duty per unit per year', async () => {
    const { table } = stack();
    const [stored, overrides] = await Promise.all([listOccurrences(table, caseConference.id), listOverrides(table, caseConference.id)]);
    const report = chairReport(config, caseConference, officeCalendar, overrides, stored, now, 4);
    expect(report).toContain('next 4 chairs');
    const line = report.split('\n').find((l) => l.trim().startsWith('2026:'))!;
    const counts = [...line.matchAll(/ (\d+)(?:，|$)/g)].map((m) => Number(m[1]));
    expect(line).toMatch(
      /^ {2}2026: 社會局 兒少保護科 \d+，警察局 婦幼警察隊 \d+，衛生局 心理健康科 \d+，教育處 學生事務及特殊教育科 \d+$/,
    );
    // A swap exchanges turns, it does not add any: the year's duty stays shared within one.
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
  });
});
