// Each secretariat task through its one use case (use-cases/secretariat/tasks.ts), against DynamoDB
// Local: its primary course, and the audit record it leaves (who, when, why, each thing before →
// after, and who was told by which notice). The tests run in order on one table, as an officer's
// week would: offices close for a day and open again; March's case conference is moved, cancelled
// and reinstated; May gets an acting chair; 2027's calendar comes in; a contact leaves and comes back; a
// failed notice is resent; a chair's link is issued and revoked; February's minutes are approved,
// returned, approved again and distributed. (Bad input: secretariat-bad-input.test.ts.)
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it, beforeAll } from 'vitest';
import { useEmbeddedStack } from '../support/embedded-stack.ts';
import { caseConference, config, officeCalendar, taipeiMorning } from '../support/planning-fixtures.ts';
import { testOccurrence } from '../support/test-occurrence.ts';
import { planSeriesOccurrences } from '../../functions/use-cases/plan-series-occurrences.ts';
import * as tasks from '../../functions/use-cases/secretariat/tasks.ts';
import { listNoticeProblems } from '../../functions/use-cases/secretariat/failed-notices.ts';
import { meetingDetail } from '../../functions/use-cases/secretariat/meeting-detail.ts';
import { auditTrail } from '../../functions/use-cases/secretariat/audit-trail.ts';
import { describeAction, describePreview } from '../../functions/use-cases/secretariat/describe-change.ts';
import { saveMinutes } from '../../functions/use-cases/minutes/write-minutes.ts';
import { createOccurrence, getOccurrence, listOccurrences } from '../../functions/adapters/dynamodb/occurrence-store.ts';
import {
  claim,
  duePending,
  failedWrite,
  listFailed,
  listOutbox,
  record,
  unknownWrite,
} from '../../functions/adapters/dynamodb/outbox-store.ts';
import { listActions, listMeetingActions } from '../../functions/adapters/dynamodb/secretariat-action-store.ts';
import { getLinkVersion } from '../../functions/adapters/dynamodb/link-version-store.ts';
import { keys } from '../../functions/adapters/dynamodb/keys.ts';
import { listAudit } from '../../functions/adapters/dynamodb/minutes-store.ts';
import type { SecretariatAction } from '../../functions/core/audit/secretariat-action.ts';
import type { MinutesContent } from '../../functions/core/minutes/minutes-schema.ts';
import { Temporal } from '../../functions/core/calendar/local-date.ts';
import { calendarCsv } from '../support/office-calendar-csv.ts';
import { tableItems } from '../support/table-items.ts';

const stack = useEmbeddedStack();
const now = taipeiMorning('2026-03-09'); // Monday; March's case conference (25th) has been invited
const actor = { id: 'officer-lin', via: 'test' };
const ctx = (at: Temporal.Instant = now): tasks.TaskContext => ({
  table: stack().table,
  config,
  actor,
  now: at,
  links: { signingKey: new Uint8Array(32).fill(7), baseUrl: 'http://127.0.0.1:3000/c/chiayi-county' },
});
const march = { seriesId: caseConference.id, occurrence: '2026-03' };
/** Everyone the case conference invites: every contact of its six units. */
const invitees = config.units
  .filter((u) => caseConference.invitedUnitIds.includes(u.id))
  .flatMap((u) => u.contacts.map((c) => c.id))
  .sort();
/** Who the action told by notices of `kind` about the case conference. */
const toldIds = (action: SecretariatAction, kind: string) =>
  [...new Set((action.told ?? []).filter((t) => t.kind === kind && t.seriesId === caseConference.id).map((t) => t.contactId))].sort();

/** The audit record as stored: read back from its meeting's partition, with who was told. */
async function stored(action: SecretariatAction, meeting = { seriesId: caseConference.id, slotKey: '2026-03' }) {
  return (await listMeetingActions(stack().table, meeting)).find((a) => a.id === action.id);
}

beforeAll(async () => {
  await planSeriesOccurrences(stack().table, config, caseConference, officeCalendar, now);
});

describe('a closure', () => {
  it('declares a closure that moves the day’s meeting, and removes it again; both recorded county-wide', async () => {
    const declared = await tasks.declareOfficeClosure(ctx(), { date: '2026-03-25', reason: '颱風停止上班' });
    const moved = (await getOccurrence(stack().table, caseConference.id, '2026-03'))!;
    expect(moved.date).toBe('2026-03-24');
    expect(declared.action).toMatchObject({
      task: 'declare-closure',
      scope: 'county',
      reason: '颱風停止上班',
      changes: expect.arrayContaining([
        { subject: 'closure', ref: '2026-03-25', before: null, after: { date: '2026-03-25', reason: '颱風停止上班' } },
        expect.objectContaining({
          ref: `${caseConference.id}/2026-03`,
          before: expect.objectContaining({ date: '2026-03-25' }) as unknown,
          after: expect.objectContaining({ date: '2026-03-24' }) as unknown,
        }),
      ]) as unknown,
    });
    expect(toldIds(declared.action!, 'invitation')).toEqual(invitees);
    const countyWide = await listActions(stack().table);
    expect(countyWide.find((a) => a.id === declared.action!.id)).toMatchObject({ task: 'declare-closure', scope: 'county' });
    // Kept in the county's record, and in the history of the meeting it moved, with who was told.
    expect(toldIds((await stored(declared.action!))!, 'invitation')).toEqual(invitees);

    const removed = await tasks.removeOfficeClosure(ctx(), { date: '2026-03-25', reason: '颱風轉向，照常上班' });
    expect((await getOccurrence(stack().table, caseConference.id, '2026-03'))!.date).toBe('2026-03-25');
    expect(removed.action).toMatchObject({
      task: 'remove-closure',
      changes: expect.arrayContaining([expect.objectContaining({ subject: 'closure', ref: '2026-03-25', after: null })]) as unknown,
    });
    expect(toldIds(removed.action!, 'invitation')).toEqual(invitees);
  });
});

describe('one meeting', () => {
  it('previews a move without writing anything: who is told and what', async () => {
    const before = await tableItems(stack().table);
    const preview = await tasks.previewMoveMeeting(ctx(), { ...march, date: '2026-03-26', reason: '會議室衝突' });
    expect(preview.meetings).toEqual([
      expect.objectContaining({
        slotKey: '2026-03',
        before: expect.objectContaining({ date: '2026-03-25', status: 'scheduled' }) as unknown,
        after: expect.objectContaining({ date: '2026-03-26', status: 'scheduled' }) as unknown,
        shortNotice: false,
        notInvitedYet: false,
      }),
    ]);
    expect([...new Set(preview.told.map((t) => t.contactId))].sort()).toEqual(invitees);
    expect(preview.told.every((t) => t.kind === 'invitation')).toBe(true);
    expect(describePreview(config, preview)).toEqual([
      `${caseConference.name.zh} 3/26(四)：3/25(三) 14:00 → 3/26(四) 14:00`,
      expect.stringMatching(/^將通知：開會通知 7 人（社會局 兒少保護科 /),
    ]);
    expect(await tableItems(stack().table)).toEqual(before);
  });

  it('flags a change less than three days before the meeting', async () => {
    const preview = await tasks.previewMoveMeeting(ctx(taipeiMorning('2026-03-23')), {
      ...march,
      date: '2026-03-26',
      reason: '會議室衝突',
    });
    expect(preview.shortNotice).toBe(true);
    expect(describePreview(config, preview).at(-1)).toMatch(/距離會議不到 3 天/);
  });

  it('moves a meeting, tells every invitee, and records who, when, why, before → after and who was told', async () => {
    const result = await tasks.moveMeeting(ctx(), { ...march, date: '2026-03-26', reason: '會議室衝突' });
    expect((await getOccurrence(stack().table, caseConference.id, '2026-03'))!).toMatchObject({ date: '2026-03-26' });
    const record = (await stored(result.action))!;
    expect(record).toMatchObject({
      task: 'move',
      actor: { subject: 'officer-lin', via: 'test' },
      at: '2026-03-09T01:00:00.000Z',
      reason: '會議室衝突',
      scope: 'meeting',
      meetings: [{ seriesId: caseConference.id, slotKey: '2026-03' }],
      changes: [
        {
          subject: 'meeting',
          ref: `${caseConference.id}/2026-03`,
          before: expect.objectContaining({ date: '2026-03-25' }) as unknown,
          after: expect.objectContaining({ date: '2026-03-26' }) as unknown,
        },
      ],
    });
    expect(toldIds(record, 'invitation')).toEqual(invitees);
    // The notices it names are the ones queued: the outbox holds an update (sequence 1) for each.
    const sequence = (await getOccurrence(stack().table, caseConference.id, '2026-03'))!.sequence;
    const updates = (await listOutbox(stack().table, caseConference.id, '2026-03')).filter((n) => n.sequence === sequence);
    expect(updates.map((n) => n.recipient.contactId).sort()).toEqual(invitees);
    // The override leads back to the record.
    const { Item } = await stack().table.client.send(
      new GetCommand({
        TableName: stack().table.tableName,
        Key: { pk: keys.series(stack().table.county, caseConference.id), sk: keys.override('2026-03') },
      }),
    );
    expect(Item).toMatchObject({ auditId: result.action.id, updatedBy: 'officer-lin', reason: '會議室衝突' });
    // No address in the audit: names and ids only.
    expect(JSON.stringify(record)).not.toMatch(/@/);
    expect(describeAction(config, record)[0]).toBe('會議改期（原因：會議室衝突）');
  });

  it('cancels a meeting and reinstates it, each telling every invitee', async () => {
    const cancelled = await tasks.cancelMeeting(ctx(), { ...march, reason: '颱風停止上班' });
    expect((await getOccurrence(stack().table, caseConference.id, '2026-03'))!.status).toBe('cancelled');
    expect(toldIds((await stored(cancelled.action))!, 'cancellation')).toEqual(invitees);
    expect((await stored(cancelled.action))!.changes[0]).toMatchObject({
      before: { status: 'scheduled', date: '2026-03-26' },
      after: { status: 'cancelled' },
    });
    // Keep-turn: the later meetings' chairs moved on with it, and their history says why.
    const ripple = cancelled.action.meetings.filter((m) => m.slotKey !== '2026-03');
    expect(ripple.length).toBeGreaterThan(0);
    expect(await stored(cancelled.action, ripple[0])).toMatchObject({ task: 'cancel' });

    const reinstated = await tasks.reinstateMeeting(ctx(), { ...march, reason: '颱風轉向，照常開會' });
    const back = (await getOccurrence(stack().table, caseConference.id, '2026-03'))!;
    expect(back).toMatchObject({ status: 'scheduled', date: '2026-03-26' });
    const record = (await stored(reinstated.action))!;
    expect(record).toMatchObject({
      task: 'reinstate',
      changes: expect.arrayContaining([
        expect.objectContaining({
          ref: `${caseConference.id}/2026-03`,
          before: expect.objectContaining({ status: 'cancelled' }) as unknown,
        }),
      ]) as unknown,
    });
    expect(toldIds(record, 'invitation')).toEqual(invitees);
    // The chairs the cancellation moved are back where the rotation had them.
    for (const m of ripple) {
      const change = cancelled.action.changes.find((c) => c.ref === `${m.seriesId}/${m.slotKey}`)!;
      expect((await getOccurrence(stack().table, m.seriesId, m.slotKey))!.chairUnitId).toBe(
        (change.before as { chairUnitId: string }).chairUnitId,
      );
    }
  });

  it('appoints an acting chair for one meeting, leaves the rotation alone, and gives the meeting back', async () => {
    const before = await listOccurrences(stack().table, caseConference.id);
    const may = before.find((o) => o.slotKey === '2026-05')!;
    const acting = await tasks.appointActingChair(ctx(), {
      seriesId: caseConference.id,
      occurrence: '2026-05',
      unitId: 'mental-health-center',
      reason: '科長公出，由社區心理衛生中心代理主持',
    });
    const after = await listOccurrences(stack().table, caseConference.id);
    expect(after.find((o) => o.slotKey === '2026-05')!.chairUnitId).toBe('mental-health-center');
    for (const o of after.filter((x) => x.slotKey !== '2026-05'))
      expect(o.chairUnitId).toBe(before.find((b) => b.slotKey === o.slotKey)!.chairUnitId);
    const record = (await stored(acting.action, { seriesId: caseConference.id, slotKey: '2026-05' }))!;
    expect(record).toMatchObject({
      task: 'acting-chair',
      changes: [{ before: { chairUnitId: may.chairUnitId }, after: { chairUnitId: 'mental-health-center' } }],
    });
    // Both units hear of it in their chair-change digest: the unit whose turn it was, and the acting one.
    const digestUnits = new Set((record.told ?? []).filter((t) => t.kind === 'chair-change').map((t) => t.unitId));
    expect(digestUnits).toEqual(new Set([may.chairUnitId, 'mental-health-center']));

    await tasks.appointActingChair(ctx(), {
      seriesId: caseConference.id,
      occurrence: '2026-05',
      unitId: may.chairUnitId,
      reason: '科長返回',
    });
    expect((await getOccurrence(stack().table, caseConference.id, '2026-05'))!.chairUnitId).toBe(may.chairUnitId);
  });

  it('changes a venue and swaps two chairs, each recorded with its meetings before and after', async () => {
    const venue = await tasks.changeMeetingVenue(ctx(), { ...march, venueId: 'budai-center', reason: '民雄中心整修' });
    expect((await stored(venue.action))!).toMatchObject({
      task: 'venue',
      reason: '民雄中心整修',
      changes: [{ before: { venueId: 'minxiong-center' }, after: { venueId: 'budai-center' } }],
    });
    expect(toldIds(venue.action, 'invitation')).toEqual(invitees);

    const before = await listOccurrences(stack().table, caseConference.id);
    const chairOf = (slot: string) => before.find((o) => o.slotKey === slot)!.chairUnitId;
    const swap = await tasks.swapMeetingChairs(ctx(), {
      seriesId: caseConference.id,
      occurrence: '2026-06',
      other: '2026-07',
      reason: '科長出差',
    });
    expect(swap.action.meetings).toEqual([
      { seriesId: caseConference.id, slotKey: '2026-06' },
      { seriesId: caseConference.id, slotKey: '2026-07' },
    ]);
    expect(swap.action.changes).toEqual([
      expect.objectContaining({
        ref: `${caseConference.id}/2026-06`,
        before: expect.objectContaining({ chairUnitId: chairOf('2026-06') }) as unknown,
        after: expect.objectContaining({ chairUnitId: chairOf('2026-07') }) as unknown,
      }),
      expect.objectContaining({
        ref: `${caseConference.id}/2026-07`,
        before: expect.objectContaining({ chairUnitId: chairOf('2026-07') }) as unknown,
        after: expect.objectContaining({ chairUnitId: chairOf('2026-06') }) as unknown,
      }),
    ]);
    // In both meetings' history.
    expect(await stored(swap.action, { seriesId: caseConference.id, slotKey: '2026-07' })).toMatchObject({ task: 'swap-chairs' });
    const digestUnits = new Set((swap.action.told ?? []).filter((t) => t.kind === 'chair-change').map((t) => t.unitId));
    expect(digestUnits).toEqual(new Set([chairOf('2026-06'), chairOf('2026-07')]));
  });

  it('refuses an acting chair the series does not invite, naming the unit field', async () => {
    await expect(
      tasks.appointActingChair(ctx(), {
        seriesId: caseConference.id,
        occurrence: '2026-06',
        unitId: 'labour-youth-department',
        reason: '代理',
      }),
    ).rejects.toMatchObject({ code: 'unit-not-invited', field: 'unitId', message: expect.stringMatching(/勞/) as unknown });
  });

  it('adds an ad-hoc session and records it', async () => {
    const panel = config.series.find((s) => s.id === 'placement-review-panel')!;
    const added = await tasks.addAdHocSession(ctx(), { seriesId: panel.id, date: '2026-05-14', reason: '個案緊急安置審查' });
    expect(added.action).toMatchObject({
      task: 'add-session',
      meetings: [{ seriesId: panel.id, slotKey: 'adhoc-2026-05-14-1400' }],
      changes: [{ before: null, after: expect.objectContaining({ date: '2026-05-14', status: 'scheduled' }) as unknown }],
    });
  });
});

describe('the county', () => {
  it('imports next year’s office calendar from an uploaded CSV, moves the meeting off its new holiday, and records it', async () => {
    const february2027 = (await getOccurrence(stack().table, caseConference.id, '2027-02'))!;
    expect(february2027).toMatchObject({ date: '2027-02-24', provisional: true });
    const bytes = calendarCsv(2027, { '20270224': '測試補假' });
    const preview = await tasks.previewImportCalendarFile(ctx(), {
      fileName: '116年中華民國政府行政機關辦公日曆表.csv',
      bytes,
      reason: '116 年辦公日曆公告',
    });
    expect(preview.meetings.map((m) => m.slotKey)).toContain('2027-02');

    const result = await tasks.importCalendarFile(ctx(), {
      fileName: '116年中華民國政府行政機關辦公日曆表.csv',
      bytes,
      reason: '116 年辦公日曆公告',
    });
    expect(result.year.year).toBe(2027);
    expect(result.replaced).toBe(false);
    const moved = (await getOccurrence(stack().table, caseConference.id, '2027-02'))!;
    expect(moved.date).not.toBe('2027-02-24');
    expect(moved.provisional).toBe(false);
    expect(result.action).toMatchObject({
      task: 'import-calendar',
      scope: 'county',
      changes: expect.arrayContaining([
        expect.objectContaining({
          subject: 'calendar-year',
          ref: '2027',
          before: null,
          after: expect.objectContaining({ daysOff: 1 }) as unknown,
        }),
        expect.objectContaining({ ref: `${caseConference.id}/2027-02`, after: expect.objectContaining({ date: moved.date }) as unknown }),
      ]) as unknown,
    });
    expect((await listActions(stack().table)).map((a) => a.task)).toContain('import-calendar');
  });

  it('removes a contact, who is sent cancellations, and re-adds them, recording exactly who was told', async () => {
    const removed = await tasks.removeContact(ctx(), { unitId: 'social-child-protection', contactId: 'social-cp-officer', reason: '調職' });
    expect(removed.action).toMatchObject({
      task: 'remove-contact',
      changes: [{ subject: 'contact', ref: 'social-cp-officer', before: { unitId: 'social-child-protection' }, after: null }],
    });
    expect(toldIds(removed.action, 'cancellation')).toEqual(['social-cp-officer']);

    const readd = { unitId: 'social-child-protection', contactId: 'social-cp-officer', reason: '調回原單位' };
    const preview = await tasks.previewReaddContact(ctx(), readd);
    const back = await tasks.readdContact(ctx(), readd);
    expect(back.change).toMatchObject({
      removed: false,
      contact: { id: 'social-cp-officer', email: 'child-protection.officer@example.org' },
    });
    expect(back.action).toMatchObject({ task: 'readd-contact', changes: [{ before: null, after: { unitId: 'social-child-protection' } }] });
    // What the preview promised is what was queued, and the record names exactly that: the outbox
    // takes a notice once, so the invitation this contact was sent before their removal (for the
    // meeting as it still is) is not queued again. A fresh invitation for a re-added contact needs
    // a notice of its own in core/notices; until then nobody is told, and the record says so.
    expect(back.action.told).toEqual(preview.told);
    // The trail finds both by the person.
    const trail = await auditTrail(stack().table, config, { person: 'social-cp-officer' });
    expect(trail.map((a) => a.task)).toEqual(expect.arrayContaining(['remove-contact', 'readd-contact']));
  });
});

describe('notices, links and minutes', () => {
  it('resends a failed notice, and one of unknown outcome only once the officer confirms', async () => {
    const { table } = stack();
    const [first, second] = (await duePending(table, new Date(now.epochMilliseconds), 2)).items;
    await record(table, failedWrite(table, (await claim(table, first!, 60))!, 'MessageRejected 400'));
    await record(table, unknownWrite(table, (await claim(table, second!, 60))!, 'TimeoutError'));
    const problems = await listNoticeProblems(table, config);
    expect(problems.map((p) => p.statusText).sort()).toEqual(['寄送失敗', '結果不明（可能已寄達）']);
    const failed = problems.find((p) => p.status === 'failed')!;
    expect(failed.summary).toMatch(/寄送失敗（郵件服務拒收/);
    expect(config.series.map((s) => s.name.zh)).toContain(failed.meetings[0]!.seriesName);

    const resent = await tasks.retryFailedNotice(ctx(), { noticeId: failed.id, reason: '已請資訊室驗證寄件網域' });
    expect(resent.action).toMatchObject({
      task: 'retry-notice',
      changes: [{ subject: 'notice', before: { status: 'failed', lastError: 'MessageRejected 400' }, after: { status: 'pending' } }],
      told: [expect.objectContaining({ contactId: first!.recipient.contactId })],
    });
    const unknown = problems.find((p) => p.status === 'unknown')!;
    await expect(tasks.retryFailedNotice(ctx(), { noticeId: unknown.id, reason: '重寄' })).rejects.toMatchObject({
      code: 'unknown-outcome-needs-confirmation',
      field: 'confirmNotReceived',
    });
    await tasks.retryFailedNotice(ctx(), { noticeId: unknown.id, reason: '收件人電話確認未收到', confirmNotReceived: true });
    expect(await listFailed(table)).toEqual([]);
  });

  it('issues a chair’s minutes link and revokes it, recording neither link', async () => {
    const issued = await tasks.issueChairMinutesLink(ctx(), { ...march, reason: '主持人遺失通知信' });
    const chairUnit = (await getOccurrence(stack().table, caseConference.id, '2026-03'))!.chairUnitId;
    expect(config.units.find((u) => u.id === chairUnit)!.contacts[0]!.id).toBe(issued.contactId);
    expect(issued.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:3000/c/chiayi-county/minutes/${caseConference.id}/2026-03/`));
    const record = (await stored(issued.action))!;
    expect(record).toMatchObject({ task: 'issue-chair-link', changes: [{ subject: 'chair-link', ref: issued.contactId, before: null }] });
    expect(JSON.stringify(record)).not.toContain(issued.url.split('/').at(-1));

    const revoked = await tasks.revokeChairMinutesLink(ctx(), { ...march, contactId: issued.contactId, reason: '通知信誤轉寄' });
    expect(revoked.linkVersion).toBe(1);
    expect(await getLinkVersion(stack().table, issued.contactId)).toBe(1);
    expect(revoked.action.changes).toEqual([
      { subject: 'chair-link', ref: issued.contactId, before: { linkVersion: 0 }, after: { linkVersion: 1 } },
    ]);
  });

  it('approves, returns and distributes minutes, each with its reason; distribution tells every invitee', async () => {
    const { table } = stack();
    const february = testOccurrence({
      seriesId: caseConference.id,
      slotKey: '2026-02',
      date: '2026-02-25',
      chairUnitId: 'social-child-protection',
    });
    await createOccurrence(table, february);
    const minutes: MinutesContent = {
      attendance: caseConference.invitedUnitIds.map((unitId) => ({ unitId, present: true, names: ['出席者'] })),
      summary: '討論個案 2 案。',
      resolutions: ['決議：持續追蹤。'],
      actionItems: [{ description: '警政完成聯合訪視', ownerUnitId: 'police-women-children', dueDate: '2026-04-15', status: 'open' }],
    };
    const access = {
      actor: { kind: 'chair' as const, contactId: 'social-cp-chief', unitId: 'social-child-protection', via: 'test' },
      series: caseConference,
      occurrence: february,
    };
    const context = { table, config, now: () => new Date(now.epochMilliseconds) };
    await saveMinutes(context, access, { expectedVersion: 0, minutes, submit: true });

    const feb = { seriesId: caseConference.id, occurrence: '2026-02' };
    const later = (minutes: number) => ctx(now.add({ minutes }));
    const returned = await tasks.returnMinutes(later(1), { ...feb, reason: '出席名單不完整，請補正' });
    expect(returned).toMatchObject({ state: 'draft', version: 2 });
    expect(returned.action.changes).toEqual([
      {
        subject: 'minutes',
        ref: `${caseConference.id}/2026-02`,
        before: { state: 'submitted', version: 1 },
        after: { state: 'draft', version: 2 },
      },
    ]);
    await saveMinutes(context, access, { expectedVersion: 2, minutes, submit: true });
    const approved = await tasks.approveMinutes(later(2), { ...feb, reason: '內容無誤', expectedVersion: 3 });
    expect(approved).toMatchObject({ state: 'approved', version: 4 });
    const distributed = await tasks.distributeMinutesToInvitees(later(3), { ...feb, reason: '依規定分送' });
    expect(distributed).toMatchObject({ state: 'distributed', recipients: invitees.length, queued: invitees.length });
    expect(toldIds(distributed.action, 'minutes-distributed')).toEqual(invitees);

    // The minutes keep their own audit (the lifecycle), the secretariat's trail the reasons.
    expect((await listAudit(table, caseConference.id, '2026-02')).map((a) => a.action)).toEqual(
      expect.arrayContaining(['return', 'approve', 'distribute']),
    );
    const trail = await auditTrail(table, config, { meeting: { seriesId: caseConference.id, slotKey: '2026-02' } });
    expect(trail.map((a) => [a.task, a.reason])).toEqual([
      ['return-minutes', '出席名單不完整，請補正'],
      ['approve-minutes', '內容無誤'],
      ['distribute-minutes', '依規定分送'],
    ]);
  });

  it('shows a meeting as its page needs it: answers, notices per person, history and minutes', async () => {
    const detail = await meetingDetail(stack().table, config, { ...march, actor, now });
    expect(detail).toMatchObject({ seriesName: caseConference.name.zh, date: '2026-03-26', dateText: '3/26(四)', status: 'scheduled' });
    const chief = detail.units
      .find((u) => u.unitId === 'social-child-protection')!
      .contacts.find((c) => c.contactId === 'social-cp-chief')!;
    expect(chief).toMatchObject({ answer: 'no-answer', answerText: '未回覆' });
    expect(chief.notices.map((n) => n.kindText)).toContain('開會通知');
    expect(detail.history.map((h) => h.task)).toEqual(
      expect.arrayContaining(['move', 'cancel', 'reinstate', 'declare-closure', 'remove-closure', 'issue-chair-link', 'revoke-chair-link']),
    );
    expect(detail.answered.noAnswer).toBe(invitees.length);
  });
});
