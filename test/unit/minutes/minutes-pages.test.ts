import { describe, expect, it } from 'vitest';
import { minutesFormPage, minutesReadPage } from '../../../functions/http/minutes-pages.ts';
import type { Occurrence } from '../../../functions/core/planning/occurrence.ts';
import type { MinutesHead } from '../../../functions/core/minutes/minutes-record.ts';
import { caseConference, completeMinutes, config, meetingDate } from './minutes-fixtures.ts';
import { testOccurrence } from '../../support/test-occurrence.ts';

const occurrence: Occurrence = testOccurrence({ seriesId: caseConference.id, slotKey: '2026-03', date: meetingDate, uid: 'uid@test' });
const payload = '<script>window.__pwned=1</script><img src=x onerror=alert(1)>';
const minutes = { ...completeMinutes(), summary: `摘要 ${payload}`, resolutions: [payload, '"quoted" & \'single\''] };
const head: MinutesHead = {
  seriesId: occurrence.seriesId,
  slotKey: '2026-03',
  state: 'distributed',
  version: 7,
  minutes,
  meetingDate,
  chairUnitId: occurrence.chairUnitId,
  updatedAt: '',
  updatedBy: { kind: 'secretariat', subject: 's', via: 'jwt:x' },
};

describe('minutes pages', () => {
  it('escape every value on the read page: a <script> is text', async () => {
    const page = String(await minutesReadPage({ config, series: caseConference, occurrence, head, minutes }));
    expect(page).not.toContain('<script');
    expect(page).not.toContain('<img');
    expect(page).toContain('&lt;script&gt;window.__pwned=1&lt;/script&gt;');
    expect(page).toContain('&quot;quoted&quot; &amp; &#39;single&#39;');
  });

  it('escape every value in the form, inside textareas too', async () => {
    const page = String(
      await minutesFormPage({
        config,
        series: caseConference,
        occurrence,
        head: undefined,
        minutes,
        expectedVersion: 0,
        action: '/minutes/x/y/z',
      }),
    );
    expect(page).not.toContain('<script');
    expect(page).toContain('<textarea name="resolutions.0" rows="3" maxlength="1000">&lt;script&gt;');
    // No script anywhere: the form is plain HTML that posts without JavaScript.
    expect(page).not.toMatch(/<script|<[a-z][^>]*\son[a-z]+=|javascript:/i);
    expect(page).toContain('<form method="post" action="/minutes/x/y/z"');
  });

  it('offer one attendance entry per invited unit and blank rows to add more', async () => {
    const page = String(
      await minutesFormPage({
        config,
        series: caseConference,
        occurrence,
        head: undefined,
        minutes: { attendance: [], summary: '', resolutions: [], actionItems: [] },
        expectedVersion: 0,
        action: '/m',
      }),
    );
    for (const [index, unitId] of caseConference.invitedUnitIds.entries()) {
      expect(page).toContain(`name="attendance.${index}.unitId" value="${unitId}"`);
    }
    expect(page).toContain('name="resolutions.2"');
    expect(page).toContain('name="actionItems.2.dueDate"');
    expect(page).not.toContain('proposals.foster.caseCount');
  });
});
