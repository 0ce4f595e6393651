// A closure is checked completely before it is written and again when it is read back: a date
// that does not exist on any calendar, or a closure nobody can explain to the invitees, is refused
// field by field in zh-TW.
import { describe, expect, it } from 'vitest';
import { checkClosure } from '../../../functions/core/calendar/office-calendar.ts';

describe('checkClosure', () => {
  it.each([
    ['a typhoon Wednesday', '2026-08-05'],
    ['a leap day', '2028-02-29'],
    ['New Year’s Eve', '2026-12-31'],
  ])('accepts %s (%s) and trims the reason', (_what, date) => {
    expect(checkClosure({ date, reason: '  颱風停止上班 ' })).toEqual({ ok: true, closure: { date, reason: '颱風停止上班' } });
  });

  it.each([
    ['30 February', '2026-02-30', /日期「2026-02-30」不是實際存在的日期/],
    ['month 13, day 45', '2026-13-45', /日期「2026-13-45」不是實際存在的日期/],
    ['29 February of a common year', '2026-02-29', /不是實際存在的日期/],
    ['a date without leading zeros', '2026-8-5', /格式不對，應為 YYYY-MM-DD/],
    ['a date and time', '2026-08-05T09:00', /格式不對/],
    ['a ROC date', '115/08/05', /格式不對/],
    ['nothing', '', /格式不對/],
  ])('refuses %s as the date, naming the field', (_what, date, message) => {
    const check = checkClosure({ date, reason: '颱風停止上班' });
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.problems).toEqual([{ field: 'date', code: 'not-a-date', message: expect.stringMatching(message) as unknown }]);
  });

  it.each([
    ['empty', '', 'reason-required'],
    ['blank', ' \u3000 ', 'reason-required'],
    ['two lines', '颱風\n停止上班', 'reason-invalid'],
    ['too long', '颱'.repeat(201), 'reason-invalid'],
  ])('refuses a reason that is %s', (_what, reason, code) => {
    const check = checkClosure({ date: '2026-08-05', reason });
    expect(check).toEqual({ ok: false, problems: [expect.objectContaining({ field: 'reason', code })] });
  });

  it('reports every wrong field at once, and copes with what storage may hold instead of strings', () => {
    const check = checkClosure({ date: 20260805, reason: null });
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.problems.map((p) => p.field)).toEqual(['date', 'reason']);
    expect(checkClosure({})).toMatchObject({ ok: false, problems: [{ field: 'date' }, { field: 'reason' }] });
  });
});
