// The feed's pure parts: the secret and its check, and which meetings a unit's calendar shows.
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { feedSecretMatches, hashFeedSecret, newFeedSecret } from '../../../functions/core/feeds/feed-secret.ts';
import { feedWindowStart, renderUnitFeed } from '../../../functions/core/feeds/unit-feed.ts';
import { Temporal } from '../../../functions/core/calendar/local-date.ts';
import { loadCountyConfigFile } from '../../../functions/adapters/config/county-config-file.ts';
import { testOccurrence } from '../../support/test-occurrence.ts';

const config = loadCountyConfigFile();
const caseConference = config.series.find((s) => s.id === 'child-protection-case-conference')!;
const labour = config.series.find((s) => s.id === 'social-labour-employment-coordination')!;

describe('the feed secret', () => {
  it('is 256 random bits in 43 URL-safe characters, and matches only its own hash', () => {
    const secret = newFeedSecret();
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newFeedSecret()).not.toBe(secret);
    expect(feedSecretMatches(secret, hashFeedSecret(secret))).toBe(true);
    expect(feedSecretMatches(newFeedSecret(), hashFeedSecret(secret))).toBe(false);
  });

  it('matches nothing for a revoked feed, a malformed hash, or a secret of another shape', () => {
    const secret = newFeedSecret();
    expect(feedSecretMatches(secret, undefined)).toBe(false);
    expect(feedSecretMatches(secret, 'not-a-hash')).toBe(false);
    const short = 'abc';
    expect(feedSecretMatches(short, hashFeedSecret(short))).toBe(false);
  });
});

describe("a unit's feed", () => {
  const now = Temporal.Instant.from('2026-03-09T01:00:00Z'); // Monday 9 March 2026, 09:00 in Taipei

  it('starts a year back, on the same Taipei date', () => {
    expect(feedWindowStart(now).toString()).toBe('2025-03-09');
    // 23:30 UTC on 8 March is already 9 March in Taipei.
    expect(feedWindowStart(Temporal.Instant.from('2026-03-08T23:30:00Z')).toString()).toBe('2025-03-09');
  });

  it("shows the unit's meetings from the window's first day, and never a series it is not invited to", () => {
    const meetings = [
      { series: caseConference, occurrence: testOccurrence({ seriesId: caseConference.id, slotKey: '2025-03-08', date: '2025-03-08' }) },
      { series: caseConference, occurrence: testOccurrence({ seriesId: caseConference.id, slotKey: '2025-03', date: '2025-03-09' }) },
      { series: labour, occurrence: testOccurrence({ seriesId: labour.id, slotKey: '2026-06', date: '2026-06-10' }) },
    ];
    const text = renderUnitFeed({ config, unitId: 'police-women-children', meetings, now });
    const vcalendar = new ICAL.Component(ICAL.parse(text) as unknown[]);
    expect(vcalendar.getAllSubcomponents('vevent').map((e) => e.getFirstPropertyValue('uid'))).toEqual([
      `${caseConference.id}-2025-03@test`,
    ]);
  });

  it('is the same text for the same meetings: DTSTAMP is the meeting’s last change, not the request', () => {
    const meetings = [
      { series: caseConference, occurrence: testOccurrence({ seriesId: caseConference.id, slotKey: '2026-03', date: '2026-03-25' }) },
    ];
    const once = renderUnitFeed({ config, unitId: 'police-women-children', meetings, now });
    const later = renderUnitFeed({ config, unitId: 'police-women-children', meetings, now: now.add({ hours: 5 }) });
    expect(later).toBe(once);
    expect(once).toContain('DTSTAMP:20260101T000000Z');
  });
});
