import { describe, expect, it } from 'vitest';
import { verifyToken } from '../../../functions/core/access/signed-token.ts';
import { minutesNoticeLinks, signMinutesLink } from '../../../functions/use-cases/minutes/minutes-links.ts';
import type { Notice } from '../../../functions/core/notices/notice.ts';
import { renderNotice } from '../../../functions/core/invitations/render-notice.ts';
import { caseConference, completeMinutes, config } from './minutes-fixtures.ts';

const key = Buffer.from('minutes-links-test-key-32-bytes!');
const now = new Date('2026-04-10T02:00:00Z');
const recipient = {
  contactId: 'health-mh-chief',
  unitId: 'health-bureau',
  name: '衛生局 心理健康科 科長',
  email: 'mental-health.chief@example.org',
};
const notice = (kind: Notice['kind']) => ({ kind, seriesId: caseConference.id, slotKey: '2026-03', recipient });

describe('minutes links', () => {
  it('scope a link to one meeting, one contact and one role, with the contact\u2019s link version', () => {
    const { url, expiresAt } = signMinutesLink(
      { seriesId: caseConference.id, slotKey: '2026-03', contactId: 'health-mh-chief', role: 'invitee', linkVersion: 2, now },
      key,
      'https://minutes.example.org/',
    );
    expect(url.startsWith(`https://minutes.example.org/minutes/${caseConference.id}/2026-03/`)).toBe(true);
    const check = verifyToken(url.split('/').at(-1)!, key, now);
    expect(check).toEqual({
      ok: true,
      claims: {
        purpose: 'minutes',
        seriesId: caseConference.id,
        slotKey: '2026-03',
        contactId: 'health-mh-chief',
        role: 'invitee',
        version: 2,
        exp: Date.parse(expiresAt) / 1000,
      },
    });
    expect(Date.parse(expiresAt) - now.getTime()).toBe(30 * 86_400_000);
  });

  it('give a distribution notice a read link and the chair\u2019s notices a write link, signed with the current version', () => {
    const options = { signingKey: key, baseUrl: 'https://m.example.org', linkVersions: new Map([['health-mh-chief', 4]]), now };
    const role = (kind: Notice['kind']) => {
      const link = minutesNoticeLinks(notice(kind), options).minutes;
      const check = link ? verifyToken(link.split('/').at(-1)!, key, now) : undefined;
      return check?.ok ? `${check.claims.role}@${check.claims.version}` : undefined;
    };
    expect(role('minutes-distributed')).toBe('invitee@4');
    expect(role('chair-duty')).toBe('chair@4');
    expect(role('minutes-overdue')).toBe('chair@4');
    expect(role('invitation')).toBeUndefined();
  });

  it('put the read link in the distribution notice, never the minutes text', () => {
    const occurrence = {
      seriesId: caseConference.id,
      slotKey: '2026-03',
      uid: 'u',
      sequence: 0,
      status: 'scheduled' as const,
      date: '2026-03-25',
      start: '14:00',
      durationMinutes: 120,
      venueId: 'minxiong-center',
      chairUnitId: 'social-child-protection',
      provisional: false,
      needsDecision: false,
      adHoc: false,
      createdAt: '',
      updatedAt: '',
    };
    const link = 'https://m.example.org/minutes/child-protection-case-conference/2026-03/token.sig';
    const rendered = renderNotice('minutes-distributed', {
      county: config,
      series: caseConference,
      occurrence,
      venue: config.venues.find((v) => v.id === 'minxiong-center')!,
      chairUnit: config.units.find((u) => u.id === 'social-child-protection')!,
      recipient,
      attendees: [],
      links: { minutes: link },
      variant: 'read',
      now,
    });
    expect(rendered.subject).toContain('會議紀錄分送');
    expect(rendered.text).toContain(link);
    expect(rendered.html).toContain(`<a href="${link}"`);
    for (const text of [completeMinutes().summary, ...completeMinutes().resolutions]) expect(rendered.text).not.toContain(text);
    expect(rendered.calendar).toBeUndefined();
  });
});
