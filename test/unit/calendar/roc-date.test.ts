import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Temporal } from '../../../functions/core/calendar/local-date.ts';
import {
  rocClockTime,
  rocFormalDate,
  rocFormalDateTime,
  rocTableDate,
  rocYear,
  weekdayChar,
} from '../../../functions/core/calendar/roc-date.ts';

const date = (iso: string) => Temporal.PlainDate.from(iso);

describe('rocYear', () => {
  it.each([
    [1912, 1],
    [2017, 106],
    [2023, 112],
    [2024, 113],
    [2026, 115],
    [2028, 117],
  ])('%i is 民國 %i', (gregorian, roc) => {
    expect(rocYear(gregorian)).toBe(roc);
  });

  it.each([1911, 1900, 2023.5])('has no ROC year for %d', (gregorian) => {
    expect(() => rocYear(gregorian)).toThrow(RangeError);
  });
});

describe('rocTableDate', () => {
  // The seed's 2023 plan for the child-protection conference, exactly as the secretariat typed it.
  it.each([
    ['2023-02-21', '2/21(二)'],
    ['2023-03-29', '3/29(三)'],
    ['2023-04-26', '4/26(三)'],
    ['2023-05-24', '5/24(三)'],
    ['2023-06-28', '6/28(三)'],
    ['2023-07-26', '7/26(三)'],
    ['2023-08-23', '8/23(三)'],
    ['2023-09-27', '9/27(三)'],
    ['2023-10-24', '10/24(二)'],
    ['2023-11-22', '11/22(三)'],
    ['2023-12-15', '12/15(五)'],
  ])('%s → %s', (iso, text) => {
    expect(rocTableDate(date(iso))).toBe(text);
  });
});

describe('rocFormalDate', () => {
  it.each([
    ['2023-02-21', '112年2月21日（星期二）'],
    ['2023-03-15', '112年3月15日（星期三）'], // the seed briefing's own date
    ['2024-02-28', '113年2月28日（星期三）'],
    ['2026-06-19', '115年6月19日（星期五）'],
    ['2023-01-07', '112年1月7日（星期六）'],
    ['2023-01-01', '112年1月1日（星期日）'],
    ['2023-12-25', '112年12月25日（星期一）'],
    ['2023-12-28', '112年12月28日（星期四）'],
  ])('%s → %s', (iso, text) => {
    expect(rocFormalDate(date(iso))).toBe(text);
  });
});

describe('rocFormalDateTime', () => {
  it.each([
    ['2023-02-21T14:00[Asia/Taipei]', '112年2月21日（星期二）下午2時'],
    ['2023-02-21T14:30[Asia/Taipei]', '112年2月21日（星期二）下午2時30分'],
    ['2023-02-21T09:00[Asia/Taipei]', '112年2月21日（星期二）上午9時'],
    ['2023-02-21T09:05[Asia/Taipei]', '112年2月21日（星期二）上午9時5分'],
    ['2023-02-21T11:59[Asia/Taipei]', '112年2月21日（星期二）上午11時59分'],
    ['2023-02-21T12:00[Asia/Taipei]', '112年2月21日（星期二）中午12時'],
    ['2023-02-21T12:30[Asia/Taipei]', '112年2月21日（星期二）下午12時30分'],
    ['2023-02-21T23:00[Asia/Taipei]', '112年2月21日（星期二）下午11時'],
    ['2023-02-21T00:00[Asia/Taipei]', '112年2月21日（星期二）上午0時'],
    // Lambda runs in UTC: 06:00Z is 14:00 in Taipei, and 17:00Z on the 20th is already the 21st there.
    ['2023-02-21T06:00+00:00[UTC]', '112年2月21日（星期二）下午2時'],
    ['2023-02-20T17:00+00:00[UTC]', '112年2月21日（星期二）上午1時'],
  ])('%s → %s', (text, expected) => {
    expect(rocFormalDateTime(Temporal.ZonedDateTime.from(text))).toBe(expected);
  });

  it('ignores seconds', () => {
    expect(rocClockTime(Temporal.PlainTime.from('14:30:45'))).toBe('下午2時30分');
  });
});

describe('weekday characters', () => {
  it('agree between the table and the formal form for any date', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 365 * 100 }), (offset) => {
        const day = date('1990-01-01').add({ days: offset });
        const char = weekdayChar(day);
        expect('一二三四五六日'.indexOf(char)).toBe(day.dayOfWeek - 1);
        expect(rocTableDate(day).endsWith(`(${char})`)).toBe(true);
        expect(rocFormalDate(day).endsWith(`（星期${char}）`)).toBe(true);
      }),
    );
  });
});
