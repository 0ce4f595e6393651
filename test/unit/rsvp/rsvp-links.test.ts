import { describe, expect, it } from 'vitest';
import { rsvpLinkExpiry, rsvpLinks, maxLinkLifetimeMillis, isLinkAnswer } from '../../../functions/core/rsvp/rsvp-links.ts';
import { verifyToken } from '../../../functions/core/access/signed-token.ts';

const key = Buffer.from('test-signing-key-of-32-bytes-len');
const now = new Date('2026-03-04T01:00:00Z');
const meetingStart = new Date('2026-03-25T06:00:00Z'); // 14:00 Asia/Taipei
const meetingEnd = new Date('2026-03-25T08:00:00Z');
const input = {
  baseUrl: 'https://meetings.example.org',
  key,
  seriesId: 'child-protection-case-conference',
  slotKey: '2026-03',
  contactId: 'police-wc-leader',
  sequence: 2,
  meetingStart,
  meetingEnd,
  now,
};

function tokenOf(url: string): string {
  const parsed = new URL(url);
  return decodeURIComponent(parsed.pathname.replace(/^\/rsvp\//, ''));
}

describe('rsvp links', () => {
  it('gives an accept and a decline URL under /rsvp/<token> with the answer as a query', () => {
    const links = rsvpLinks(input);
    expect(links.accept).toMatch(/^https:\/\/meetings\.example\.org\/rsvp\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\?answer=accept$/);
    expect(links.decline).toMatch(/^https:\/\/meetings\.example\.org\/rsvp\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\?answer=decline$/);
    expect(tokenOf(links.accept)).toBe(tokenOf(links.decline));
  });

  it('signs a token scoped to the occurrence, the contact and the invitation SEQUENCE', () => {
    const check = verifyToken(tokenOf(rsvpLinks(input).accept), key, now);
    expect(check).toEqual({
      ok: true,
      claims: {
        purpose: 'rsvp',
        seriesId: input.seriesId,
        slotKey: '2026-03',
        contactId: 'police-wc-leader',
        sequence: 2,
        exp: meetingEnd.getTime() / 1000,
      },
    });
  });

  it('expires at the end of the meeting', () => {
    const token = tokenOf(rsvpLinks(input).accept);
    expect(verifyToken(token, key, new Date(meetingEnd.getTime() - 1000)).ok).toBe(true);
    expect(verifyToken(token, key, meetingEnd)).toEqual({ ok: false, reason: 'expired' });
  });

  it('without an end time, expires one day after the start', () => {
    const { meetingEnd: _end, ...withoutEnd } = input;
    expect(rsvpLinkExpiry(withoutEnd).toISOString()).toBe('2026-03-26T06:00:00.000Z');
  });

  it('never lives longer than the maximum lifetime after issue', () => {
    const far = new Date('2030-01-01T00:00:00Z');
    expect(rsvpLinkExpiry({ meetingStart: far, now }).getTime()).toBe(now.getTime() + maxLinkLifetimeMillis);
  });

  it('ignores a trailing slash in the base URL', () => {
    expect(rsvpLinks({ ...input, baseUrl: 'https://meetings.example.org/prod/' }).accept).toMatch(
      /^https:\/\/meetings\.example\.org\/prod\/rsvp\//,
    );
  });

  it('gives another contact or another slot another token', () => {
    const base = tokenOf(rsvpLinks(input).accept);
    expect(tokenOf(rsvpLinks({ ...input, contactId: 'social-protection-chief' }).accept)).not.toBe(base);
    expect(tokenOf(rsvpLinks({ ...input, slotKey: '2026-04' }).accept)).not.toBe(base);
  });

  it('refuses an end before the start', () => {
    expect(() => rsvpLinks({ ...input, meetingEnd: new Date(meetingStart.getTime() - 1) })).toThrow(RangeError);
  });

  it('knows which answers a link can give', () => {
    expect(['accept', 'decline', 'tentative', '', undefined, 'ACCEPT'].map(isLinkAnswer)).toEqual([true, true, false, false, false, false]);
  });
});
