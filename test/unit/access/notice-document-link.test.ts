// The 開會通知單 link: one meeting, one person, the county's own key, and the life of the
// invitation's answer links (until the meeting ends, never more than 180 days).
import { describe, expect, it } from 'vitest';
import { noticeDocumentLink } from '../../../functions/core/access/notice-document-link.ts';
import { countySigningKey, verifyToken } from '../../../functions/core/access/signed-token.ts';

const deploymentKey = new Uint8Array(32).fill(7);
const chiayi = countySigningKey(deploymentKey, 'chiayi-county');
const tainan = countySigningKey(deploymentKey, 'tainan-city');
const march = {
  baseUrl: 'https://meetings.example.gov.tw/c/chiayi-county/',
  key: chiayi,
  seriesId: 'child-protection-case-conference',
  slotKey: '2026-03',
  contactId: 'police-wc-leader',
  meetingStart: new Date('2026-03-25T06:00:00Z'), // 14:00 in Taipei
  meetingEnd: new Date('2026-03-25T08:00:00Z'),
  now: new Date('2026-03-10T01:00:00Z'),
};
const tokenOf = (link: string) => decodeURIComponent(link.slice(link.lastIndexOf('/') + 1));

describe('noticeDocumentLink', () => {
  it("points at the county's notice route and names the meeting and the person, nothing else", () => {
    const link = noticeDocumentLink(march);
    expect(link).toMatch(/^https:\/\/meetings\.example\.gov\.tw\/c\/chiayi-county\/documents\/notice\/[\w-]+\.[\w-]+$/);
    const check = verifyToken(tokenOf(link), chiayi, march.now);
    expect(check).toEqual({
      ok: true,
      claims: {
        purpose: 'notice-document',
        seriesId: march.seriesId,
        slotKey: march.slotKey,
        contactId: march.contactId,
        exp: Date.parse('2026-03-25T08:00:00Z') / 1000,
      },
    });
  });

  it('works until the meeting ends, and not a second after', () => {
    const token = tokenOf(noticeDocumentLink(march));
    expect(verifyToken(token, chiayi, new Date('2026-03-25T07:59:59Z')).ok).toBe(true);
    expect(verifyToken(token, chiayi, new Date('2026-03-25T08:00:00Z'))).toEqual({ ok: false, reason: 'expired' });
  });

  it('never lives more than 180 days after the invitation, whatever the meeting date', () => {
    const token = tokenOf(noticeDocumentLink({ ...march, meetingStart: new Date('2027-03-24T06:00:00Z'), meetingEnd: undefined }));
    const check = verifyToken(token, chiayi, march.now);
    expect(check.ok && check.claims.exp).toBe(Math.ceil((march.now.getTime() + 180 * 86_400_000) / 1000));
  });

  it("is not a link under another county's key", () => {
    expect(verifyToken(tokenOf(noticeDocumentLink(march)), tainan, march.now)).toEqual({ ok: false, reason: 'bad-signature' });
  });
});
