import ICAL from 'ical.js';
import { tzlib_get_ical_block } from 'timezones-ical-library';
import { describe, expect, it } from 'vitest';
import { TAIPEI_VTIMEZONE, taipeiVtimezone } from '../../../functions/core/calendar/taipei-vtimezone.ts';

const zoneOf = (text: string) => new ICAL.Timezone(new ICAL.Component(ICAL.parse(text) as unknown[]));

/** The UTC instant of a Taipei wall-clock time, read through a VTIMEZONE by ical.js. */
function utcOf(zone: ICAL.Timezone, local: string): string {
  const time = ICAL.Time.fromDateTimeString(local);
  time.zone = zone;
  return time.toJSDate().toISOString();
}

describe('the constant Asia/Taipei VTIMEZONE', () => {
  it('is what timezones-ical-library writes for Asia/Taipei, without its LAST-MODIFIED stamp', () => {
    const library = tzlib_get_ical_block('Asia/Taipei')[0];
    expect(library).toBeDefined();
    const withoutStamp = library!
      .split('\r\n')
      .filter((line) => !line.startsWith('LAST-MODIFIED:'))
      .join('\r\n');
    expect(TAIPEI_VTIMEZONE).toBe(withoutStamp);
  });

  it('parses with ical.js and places Taipei times eight hours ahead of UTC, as the library’s does', () => {
    const ours = zoneOf(TAIPEI_VTIMEZONE);
    const library = zoneOf(tzlib_get_ical_block('Asia/Taipei')[0]!);
    expect(ours.tzid).toBe('Asia/Taipei');
    // A Monday meeting, summer and winter (no DST), a leap day and the turn of a year.
    for (const local of ['2026-03-09T14:00:00', '2026-07-22T09:30:00', '2028-02-29T23:59:00', '2026-12-31T00:00:00']) {
      expect(utcOf(ours, local)).toBe(utcOf(library, local));
    }
    expect(utcOf(ours, '2026-03-09T14:00:00')).toBe('2026-03-09T06:00:00.000Z');
  });

  it('is given for Asia/Taipei only', () => {
    expect(taipeiVtimezone('Asia/Taipei')).toBe(TAIPEI_VTIMEZONE);
    expect(taipeiVtimezone('Asia/Tokyo')).toBeNull();
  });
});
