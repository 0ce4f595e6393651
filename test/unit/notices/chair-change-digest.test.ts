// One cancellation in the case conference moves the chair of every later meeting of the horizon.
// People hear of it as one digest each, naming every meeting of theirs from which unit to which and
// the true cause; a swap says swap, never "because a meeting was cancelled".
import { describe, expect, it } from 'vitest';
import { planSeries } from '../../../functions/core/planning/plan-series.ts';
import type { OccurrenceOverride } from '../../../functions/core/planning/override.ts';
import { dueNotices } from '../../../functions/core/notices/due-notices.ts';
import { chairChangeDigests, digestDueAt, digestLines } from '../../../functions/core/notices/chair-change-digest.ts';
import type { ChairChangeEntry } from '../../../functions/core/notices/notice.ts';
import { renderChairChangeDigest } from '../../../functions/core/invitations/render-notice.ts';
import { Temporal } from '../../../functions/core/calendar/local-date.ts';
import { applyChanges, caseConference, config, officeCalendar, taipeiMorning, testUid } from '../../support/planning-fixtures.ts';

const now = taipeiMorning('2026-03-02');
const plan = (overrides: OccurrenceOverride[], stored = applyChanges([], plan0())) =>
  applyChanges(
    stored,
    planSeries({ series: caseConference, calendar: officeCalendar, overrides, stored, now, horizonMonths: 12, newUid: testUid }),
  );
const plan0 = () =>
  planSeries({ series: caseConference, calendar: officeCalendar, overrides: [], stored: [], now, horizonMonths: 12, newUid: testUid });
const override = (slotKey: string, fields: Partial<OccurrenceOverride>): OccurrenceOverride => ({
  seriesId: caseConference.id,
  slotKey,
  reason: '颱風停止上班',
  updatedBy: 't',
  updatedAt: now.toString(),
  ...fields,
});
const contactsOf = (unitId: string) => config.units.find((u) => u.id === unitId)!.contacts.map((c) => c.id);

describe('chair-change digests', () => {
  const afterCancel = plan([override('2026-03', { cancelled: true })]);
  const untold = dueNotices(config, caseConference, afterCancel, now).chairChanges;
  const digests = chairChangeDigests(untold, Temporal.PlainDate.from('2026-03-02'), now);

  it('one cancellation: every later meeting moves, and each person gets one digest of their own meetings', () => {
    expect(untold.length).toBeGreaterThan(5);
    const contacts = digests.map((d) => d.recipient.contactId);
    expect(new Set(contacts).size).toBe(contacts.length);
    const rotation = ['social-child-protection', 'police-women-children', 'health-bureau', 'education-department'];
    expect(new Set(contacts)).toEqual(new Set(rotation.flatMap(contactsOf)));
    for (const digest of digests) {
      expect(digest).toMatchObject({ kind: 'chair-change', seriesId: '', slotKey: '2026-03-02', variant: '2026-03-02', sequence: 0 });
      for (const entry of digest.chairChanges) expect([entry.fromUnitId, entry.toUnitId]).toContain(digest.recipient.unitId);
      expect(digest.chairChanges.every((e) => e.cause === 'cancellation' && e.cancelledDate === '2026-03-25')).toBe(true);
    }
  });

  it('says from which unit to which, and the cancelled meeting, in zh-TW first and in English with the month', () => {
    const police = digests.find((d) => d.recipient.unitId === 'police-women-children')!;
    const rendered = renderChairChangeDigest({
      county: config,
      recipient: police.recipient,
      day: '2026-03-02',
      entries: police.chairChanges,
    });
    expect(rendered.subject).toBe(`【主持異動】115年3月2日（星期一） 會議主持單位異動通知（${police.chairChanges.length} 場）`);
    expect(rendered.text).toContain('主持單位由「衛生局 心理健康科」改為「警察局 婦幼警察隊」');
    expect(rendered.text).toContain('原因：115年3月25日（星期三）之會議取消，主持輪值順延');
    expect(rendered.text).toContain('the meeting of Wednesday 25 March 2026 was cancelled');
    expect(rendered.text).toMatch(/Chair: from Public Health Bureau, Mental Health Section to Police Bureau/);
    expect(rendered.text.indexOf('主持單位由')).toBeLessThan(rendered.text.indexOf('----- English -----'));
    expect(rendered.html).toContain('lang="zh-Hant-TW"');
    expect(rendered.calendar).toBeUndefined();
  });

  it('a swap is told as a swap with its reason, never as a cancellation', () => {
    const stored = applyChanges([], plan0());
    const chairOf = (slot: string) => stored.find((o) => o.slotKey === slot)!.chairUnitId;
    const swapped = plan(
      [
        override('2026-04', { chairUnitId: chairOf('2026-05'), reason: '科長出差' }),
        override('2026-05', { chairUnitId: chairOf('2026-04'), reason: '科長出差' }),
      ],
      stored,
    );
    const changes = dueNotices(config, caseConference, swapped, now).chairChanges;
    expect(changes.map((c) => c.entry.slotKey)).toEqual(['2026-04', '2026-05']);
    const [digest] = chairChangeDigests(changes, Temporal.PlainDate.from('2026-03-02'), now);
    const text = renderChairChangeDigest({
      county: config,
      recipient: digest!.recipient,
      day: '2026-03-02',
      entries: digest!.chairChanges,
    }).text;
    expect(text).toContain('兩場會議之主持單位互換（科長出差）');
    expect(text).not.toContain('取消');
  });

  it('a reinstatement is told as the cancelled meeting held after all, never as a change of the rotation', () => {
    // The cancellation's digest went out: the moved chairs are what the units last heard.
    const told = afterCancel.map((o) => (o.chairChange ? { ...o, chairChange: { ...o.chairChange, toldIn: '2026-03-02' } } : o));
    const nextDay = taipeiMorning('2026-03-03');
    const reinstated = applyChanges(
      told,
      planSeries({
        series: caseConference,
        calendar: officeCalendar,
        overrides: [override('2026-03', { cancelled: false, reason: '颱風警報解除，照常舉行', updatedAt: nextDay.toString() })],
        stored: told,
        now: nextDay,
        horizonMonths: 12,
        newUid: testUid,
      }),
    );
    const changes = dueNotices(config, caseConference, reinstated, nextDay).chairChanges;
    expect(changes.length).toBe(untold.length);
    const police = chairChangeDigests(changes, Temporal.PlainDate.from('2026-03-03'), nextDay).find(
      (d) => d.recipient.unitId === 'police-women-children',
    )!;
    const { text } = renderChairChangeDigest({
      county: config,
      recipient: police.recipient,
      day: '2026-03-03',
      entries: police.chairChanges,
    });
    expect(text).toContain('主持單位由「警察局 婦幼警察隊」改為「衛生局 心理健康科」');
    expect(text).toContain('原因：115年3月25日（星期三）之會議恢復召開，主持輪值回復');
    expect(text).toContain('the meeting of Wednesday 25 March 2026 is held after all, so the chair rotation moved back');
    expect(text).not.toContain('主持輪值設定變更');
    expect(text).not.toContain('會議取消');
  });

  it('two changes of one meeting on one day read as one; one that ends where it began is left out', () => {
    const entry = (from: string, to: string): ChairChangeEntry => ({
      seriesId: 's',
      slotKey: '2026-05',
      date: '2026-05-27',
      start: '14:00',
      fromUnitId: from,
      toUnitId: to,
      cause: 'swap',
    });
    expect(digestLines([entry('a', 'b'), entry('b', 'c')])).toEqual([entry('a', 'c')]);
    expect(digestLines([entry('a', 'b'), entry('b', 'a')])).toEqual([]);
  });

  it("today's digest goes at once; a later day's at 08:00 Taipei", () => {
    expect(digestDueAt(Temporal.PlainDate.from('2026-03-02'), now).toString()).toBe(now.toString());
    expect(digestDueAt(Temporal.PlainDate.from('2026-03-03'), now).toString()).toBe('2026-03-03T00:00:00Z');
  });
});
