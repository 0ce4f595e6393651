// 總覽's data, on DynamoDB Local: the next meetings with their chair and answers, and each alert
// appearing exactly when its cause is in the table (and not otherwise). The dates are checked
// against a calendar: Monday 16 November 2026 in Taipei, and a day in October for the office
// calendar's alert.
import { describe, expect, it, beforeAll } from 'vitest';
import { useEmbeddedStack } from '../support/embedded-stack.ts';
import { testOccurrence } from '../support/test-occurrence.ts';
import { loadCountyConfigFile } from '../../functions/adapters/config/county-config-file.ts';
import { createOccurrence } from '../../functions/adapters/dynamodb/occurrence-store.ts';
import { recordRsvp } from '../../functions/adapters/dynamodb/rsvp-store.ts';
import { claim, failedWrite, listOutbox, queueNotice, record } from '../../functions/adapters/dynamodb/outbox-store.ts';
import { putClosureIfNone } from '../../functions/adapters/dynamodb/calendar-store.ts';
import { changeMinutesState, saveMinutes } from '../../functions/use-cases/minutes/write-minutes.ts';
import { consoleOverview, type OverviewAlert } from '../../functions/use-cases/console/console-overview.ts';
import { recipientName } from '../../functions/core/notices/recipient-name.ts';

const stack = useEmbeddedStack();
const config = loadCountyConfigFile();
const series = config.series.find((s) => s.id === 'child-protection-case-conference')!;
const november = () => new Date('2026-11-16T01:00:00Z'); // Monday 16 November 2026, 09:00 Taipei
const october = () => new Date('2026-10-12T01:00:00Z'); // Monday 12 October 2026

const alertOf = <K extends OverviewAlert['kind']>(alerts: OverviewAlert[], kind: K) =>
  alerts.find((a): a is Extract<OverviewAlert, { kind: K }> => a.kind === kind);

describe('the console overview', () => {
  beforeAll(async () => {
    const { table } = stack();
    // Held on 14 October: minutes were due 14 days later and none were written.
    await createOccurrence(table, testOccurrence({ seriesId: series.id, slotKey: '2026-10', date: '2026-10-14' }));
    // Coming: 25 November, moved once (sequence 1); 23 December, not placed by the planner; a cancelled ad-hoc one.
    await createOccurrence(
      table,
      testOccurrence({ seriesId: series.id, slotKey: '2026-11', date: '2026-11-25', sequence: 1, chairUnitId: 'police-women-children' }),
    );
    await createOccurrence(table, testOccurrence({ seriesId: series.id, slotKey: '2026-12', date: '2026-12-23', needsDecision: true }));
    await createOccurrence(
      table,
      testOccurrence({ seriesId: series.id, slotKey: '2026-11-20', date: '2026-11-20', status: 'cancelled', adHoc: true }),
    );
    const answer = { seriesId: series.id, slotKey: '2026-11', source: 'link' as const, at: '2026-11-10T02:00:00.000Z' };
    await recordRsvp(table, { ...answer, contactId: 'social-cp-chief', answer: 'accept', sequence: 1 });
    await recordRsvp(table, { ...answer, contactId: 'social-cp-officer', answer: 'decline', sequence: 0 });

    // One invitation that SES refused for good.
    await queueNotice(table, {
      seriesId: series.id,
      slotKey: '2026-11',
      kind: 'invitation',
      variant: 'main',
      sequence: 1,
      recipient: {
        contactId: 'social-cp-chief',
        unitId: 'social-child-protection',
        name: '社會局 兒少保護科 科長',
        email: 'chief@example.org',
      },
      dueAt: '2026-11-01T00:00:00.000Z',
    });
    const [queued] = await listOutbox(table, series.id, '2026-11');
    const held = await claim(table, queued!, 60);
    expect(await record(table, failedWrite(table, held!, 'MessageRejected: Email address is not verified.'))).toBe(true);
  });

  it('lists the coming meetings in date order with chair and answers, and leaves out cancelled and past ones', async () => {
    const overview = await consoleOverview({ table: stack().table, config, now: november });
    expect(overview.today).toBe('2026-11-16');
    expect(overview.upcoming.map((m) => [m.date, m.slotKey])).toEqual([
      ['2026-11-25', '2026-11'],
      ['2026-12-23', '2026-12'],
    ]);
    const invited = config.units.filter((u) => series.invitedUnitIds.includes(u.id)).reduce((n, u) => n + u.contacts.length, 0);
    expect(overview.upcoming[0]).toMatchObject({
      seriesName: series.name.zh,
      chairUnitName: '警察局 婦幼警察隊',
      invited,
      accepted: 1,
      declined: 0,
      // The decline answered the meeting before it moved.
      earlierVersion: 1,
    });
  });

  it('raises each alert whose cause is in the table', async () => {
    const { alerts } = await consoleOverview({ table: stack().table, config, now: november });
    expect(alertOf(alerts, 'failed-notices')).toEqual({ kind: 'failed-notices', failed: 1, unknown: 0 });
    expect(alertOf(alerts, 'overdue-minutes')?.meetings).toEqual([
      { seriesId: series.id, seriesName: series.name.zh, slotKey: '2026-10', date: '2026-10-14', dueDate: '2026-10-28' },
    ]);
    expect(alertOf(alerts, 'needs-decision')?.meetings.map((m) => m.date)).toEqual(['2026-12-23']);
    // Bundled office calendars end with 2026: in November, 2027's is missing.
    expect(alertOf(alerts, 'office-calendar-missing')).toEqual({ kind: 'office-calendar-missing', year: 2027 });
    // The Chiayi example is placeholders: each contact in use is listed once, with every reason.
    const chief = alertOf(alerts, 'placeholders-in-use')?.items.filter((i) => i.what === 'contact' && i.name.includes('兒少保護科 科長'));
    expect(chief).toHaveLength(1);
    expect(chief?.[0]?.reasons).toEqual(expect.arrayContaining(['尚未填寫', '範例網域', '標記為預留值']));
    expect(alertOf(alerts, 'overdue-follow-up')).toBeUndefined();
  });

  it('does not ask for next year\u2019s office calendar before November', async () => {
    const { alerts } = await consoleOverview({ table: stack().table, config, now: october });
    expect(alertOf(alerts, 'office-calendar-missing')).toBeUndefined();
  });

  it('names invitees still unanswered from three working days before the meeting, and not earlier', async () => {
    const { table } = stack();
    // 25 November 2026 is a Wednesday: three working days before it is Friday 20 November.
    const thursday = () => new Date('2026-11-19T01:00:00Z');
    const friday = () => new Date('2026-11-20T01:00:00Z');
    expect(alertOf((await consoleOverview({ table, config, now: thursday })).alerts, 'unanswered-invitations')).toBeUndefined();
    const alert = alertOf((await consoleOverview({ table, config, now: friday })).alerts, 'unanswered-invitations');
    expect(alert?.meetings.map((m) => [m.date, m.start])).toEqual([['2026-11-25', '14:00']]);
    const invitees = config.units
      .filter((u) => series.invitedUnitIds.includes(u.id))
      .flatMap((u) => u.contacts.map((c) => recipientName(u.name.zh, c.name)));
    // The chief accepted this version; the officer only answered the meeting before it moved.
    expect(alert?.meetings[0]?.unanswered).toEqual(invitees.filter((name) => !name.endsWith('兒少保護科 科長（待填）')));
    expect(alert?.meetings[0]?.unanswered).toContain(invitees.find((name) => name.includes('承辦人')));
    expect(alert?.meetings[0]?.invited).toBe(invitees.length);
  });

  it('counts working days on the office calendar: a closure on Monday 23 November brings the alert a day earlier', async () => {
    const { table } = stack();
    await putClosureIfNone(table, { date: '2026-11-23', reason: '颱風停止上班' }, 'test', '2026-11-18T01:00:00.000Z');
    const thursday = () => new Date('2026-11-19T01:00:00Z');
    const wednesday = () => new Date('2026-11-18T01:00:00Z');
    expect(alertOf((await consoleOverview({ table, config, now: thursday })).alerts, 'unanswered-invitations')?.meetings).toHaveLength(1);
    expect(alertOf((await consoleOverview({ table, config, now: wednesday })).alerts, 'unanswered-invitations')).toBeUndefined();
  });

  it('raises overdue follow-up only once an approved action item is past its due date', async () => {
    const { table } = stack();
    const september = testOccurrence({ seriesId: series.id, slotKey: '2026-09', date: '2026-09-23' });
    await createOccurrence(table, september);
    const context = { table, config, now: () => new Date('2026-10-01T01:00:00Z') };
    const chair = { kind: 'chair' as const, contactId: 'social-cp-chief', unitId: 'social-child-protection', via: 'test' };
    await saveMinutes(
      context,
      { actor: chair, series, occurrence: september },
      {
        expectedVersion: 0,
        submit: true,
        minutes: {
          attendance: series.invitedUnitIds.map((unitId) => ({ unitId, present: true, names: ['出席者'] })),
          summary: '討論。',
          resolutions: ['警政完成聯合訪視。'],
          actionItems: [{ description: '警政完成聯合訪視', ownerUnitId: 'police-women-children', dueDate: '2026-11-20', status: 'open' }],
        },
      },
    );
    const secretariat = { kind: 'secretariat' as const, subject: 'officer', via: 'test' };
    await changeMinutesState(context, { actor: secretariat, series, occurrence: september }, 'approve');
    // Due Friday 20 November: not yet on the 16th, overdue on Monday 23rd.
    expect(alertOf((await consoleOverview({ table, config, now: november })).alerts, 'overdue-follow-up')).toBeUndefined();
    const monday = () => new Date('2026-11-23T01:00:00Z');
    expect(alertOf((await consoleOverview({ table, config, now: monday })).alerts, 'overdue-follow-up')).toEqual({
      kind: 'overdue-follow-up',
      actionItems: 1,
      followUpForms: 0,
    });
  });
});
