// The one time zone every calendar file we write names: Asia/Taipei. Taiwan has kept +0800 without
// daylight saving since 1979, so its VTIMEZONE is a single STANDARD component that never changes,
// and a constant replaces a 29 KB library of every zone in the world (issue 13).
import { TAIPEI } from './local-date.ts';

/** The same text timezones-ical-library gives for Asia/Taipei, less its LAST-MODIFIED stamp. */
export const TAIPEI_VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  `TZID:${TAIPEI}`,
  `X-LIC-LOCATION:${TAIPEI}`,
  'BEGIN:STANDARD',
  'TZNAME:CST',
  'TZOFFSETFROM:+0800',
  'TZOFFSETTO:+0800',
  'DTSTART:19700101T000000',
  'END:STANDARD',
  'END:VTIMEZONE',
].join('\r\n');

/**
 * ical-generator's timezone generator: the VTIMEZONE for Asia/Taipei, and null for any other zone,
 * which then goes out without one (we write no other zone).
 */
export function taipeiVtimezone(timezone: string): string | null {
  return timezone === TAIPEI ? TAIPEI_VTIMEZONE : null;
}
