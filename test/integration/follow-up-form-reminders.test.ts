// Outcome follow-up forms (成效追蹤表) owed after a placement panel (issue 10 §4), through the daily
// cron cycle against DynamoDB Local and the SES emulator, every message parsed back with mailparser.
// The March 2026 panel (Thursday 12 March) approves minutes owing foster forms from 社會局 兒少保護科
// and kinship forms from 衛生局 心理健康科, due the day before the July panel (Thursday 9 July):
// Wednesday 8 July. The July invitation (18 June) lists both; the kinship forms arrive on 20 June;
// then only the foster forms are listed and reminded of, three working days ahead (Friday 3 July)
// and on the day, and the minutes' case names never leave in any message.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { useEmbeddedStack } from '../support/embedded-stack.ts';
import { clearStore, rawMessageOf, storedEmails, type StoredEmail } from '../support/ses-store.ts';
import { runCronCycle } from '../../lib/local-stack/cron-cycle.ts';
import { loadCountyConfigFile } from '../../functions/adapters/config/county-config-file.ts';
import { getOccurrence } from '../../functions/adapters/dynamodb/occurrence-store.ts';
import { changeMinutesState, followUpMinutes, saveMinutes } from '../../functions/use-cases/minutes/write-minutes.ts';
import type { MinutesContext, OccurrenceAccess } from '../../functions/use-cases/minutes/minutes-context.ts';
import type { MinutesContent } from '../../functions/core/minutes/minutes-schema.ts';
import type { Notice } from '../../functions/core/notices/notice.ts';
import { listOutbox, queueNotice } from '../../functions/adapters/dynamodb/outbox-store.ts';

const stack = useEmbeddedStack();
// Each cycle sends every series' notices of the day, paced: at 20 a second rather than the default 14,
// the fastest at which the dispatcher still sends four at a time, as at 14 (concurrencyFor).
beforeAll(() => void vi.stubEnv('SES_MAX_SEND_RATE', '20'));
afterAll(() => void vi.unstubAllEnvs());
const config = loadCountyConfigFile();
const panel = config.series.find((s) => s.id === 'placement-review-panel')!;
const at = (iso: string) => new Date(iso);
/** 09:00 in Taipei on the day. */
const cron = (day: string) => runCronCycle(at(`${day}T01:00:00Z`));

/** What a chair might type about a case: it must stay in the minutes. */
const caseName = '王小明';
const caseNumber = 'CP-113-0042';

const foster = 'child-protection.chief@example.org'; // 社會局 兒少保護科, owes the foster forms
const fosterOfficer = 'child-protection.officer@example.org';
const kinship = 'mental-health.chief@example.org'; // 衛生局 心理健康科, owes the kinship forms

async function textOf(email: StoredEmail): Promise<string> {
  const { parsed } = await rawMessageOf(email);
  return `${parsed.subject ?? ''}\n${parsed.text ?? ''}\n${typeof parsed.html === 'string' ? parsed.html : ''}`;
}
const to = (email: StoredEmail) => email.destination.to.join();
const address = (email: StoredEmail) => /<([^>]+)>/.exec(to(email))?.[1] ?? to(email);
/** The July panel's own notices (other series meet that week too). */
const ofJulyPanel = (email: StoredEmail) => email.subject.includes('115年7月9日') && email.subject.includes(panel.name.zh);

describe('follow-up forms owed after a placement panel', () => {
  it('are listed in the next panel’s invitation and reminded to the owing unit only while owed', async () => {
    const { table, sesEndpoint } = stack();
    await cron('2026-03-02');
    const march = (await getOccurrence(table, panel.id, '2026-03'))!;
    expect(march.date).toBe('2026-03-12');
    const july = (await getOccurrence(table, panel.id, '2026-07'))!;
    expect(july.date).toBe('2026-07-09');

    let clock = Date.parse('2026-03-13T02:00:00Z');
    const context: MinutesContext = { table, config, now: () => new Date(++clock) };
    const chair: OccurrenceAccess = {
      actor: { kind: 'chair', contactId: 'social-cw-chief', unitId: 'social-child-welfare', via: 'test' },
      series: panel,
      occurrence: march,
    };
    const secretariat: OccurrenceAccess = { ...chair, actor: { kind: 'secretariat', subject: 'officer-wang', via: 'test' } };
    const minutes: MinutesContent = {
      // The panel members are marked one by one (a committee), the other units by name.
      attendance: panel.invitedUnitIds.map((unitId) => {
        const unit = config.units.find((u) => u.id === unitId)!;
        return unit.committee
          ? { unitId, present: true, names: [], members: unit.contacts.map((c) => ({ contactId: c.id, present: true })) }
          : { unitId, present: true, names: ['委員'] };
      }),
      summary: `審查${caseName}（${caseNumber}）等安置提案。`,
      resolutions: [`${caseName}案同意寄養安置，${caseNumber}。`],
      actionItems: [],
      placementReview: {
        proposals: [
          { placementType: 'foster', caseCount: 1 },
          { placementType: 'kinship', caseCount: 1 },
        ],
        followUpForms: [
          { placementType: 'foster', ownerUnitId: 'social-child-protection', formsOwed: 1, dueDate: '2026-07-08', status: 'owed' },
          { placementType: 'kinship', ownerUnitId: 'health-bureau', formsOwed: 1, dueDate: '2026-07-08', status: 'owed' },
        ],
      },
    };
    await saveMinutes(context, chair, { expectedVersion: 0, minutes, submit: true });
    await changeMinutesState(context, secretariat, 'approve');
    await clearStore(sesEndpoint);

    // The July invitation, three weeks ahead, lists both forms by unit and placement type.
    await cron('2026-06-18');
    const invitations = (await storedEmails(sesEndpoint)).filter((e) => e.subject.startsWith('【開會通知】') && ofJulyPanel(e));
    expect(invitations.length).toBe(10);
    const invitation = await rawMessageOf(invitations[0]!);
    expect(invitation.parsed.text).toContain('應繳成效追蹤表：社會局 兒少保護科 — 寄養安置，期限 115年7月8日（星期三）');
    expect(invitation.parsed.text).toContain('應繳成效追蹤表：衛生局 心理健康科 — 親屬安置，期限 115年7月8日（星期三）');
    expect(invitation.parsed.text).toContain('Outcome follow-up form owed: ');

    // The kinship forms arrive; the secretariat marks them received.
    clock = Date.parse('2026-06-20T02:00:00Z');
    await followUpMinutes(context, secretariat, { followUpForms: [{ placementType: 'kinship', status: 'received' }] });

    const followUpMail = async () => (await storedEmails(sesEndpoint)).filter((e) => e.subject.startsWith('【成效追蹤表】'));
    // Thursday 2 July is four working days ahead: nothing yet.
    await cron('2026-07-02');
    expect(await followUpMail()).toEqual([]);
    for (const day of ['2026-07-03', '2026-07-04', '2026-07-08']) await cron(day);
    await runCronCycle(at('2026-07-08T05:00:00Z')); // the same day again: nothing doubled
    await cron('2026-07-09');
    const mail = await storedEmails(sesEndpoint);
    const reminders = await followUpMail();
    // Ahead on Friday 3 July and on the day, Wednesday 8 July, to each contact of the owing unit, once each.
    const subjectAhead = '【成效追蹤表】繳交提醒 寄養安置 期限115年7月8日（星期三） 在地評估小組會議（兒少家外安置）';
    const subjectDue = '【成效追蹤表】今日到期 寄養安置 期限115年7月8日（星期三） 在地評估小組會議（兒少家外安置）';
    expect(reminders.map((e) => [address(e), e.subject]).sort()).toEqual(
      [
        [foster, subjectAhead],
        [fosterOfficer, subjectAhead],
        [foster, subjectDue],
        [fosterOfficer, subjectDue],
      ].sort(),
    );
    const ahead = (await rawMessageOf(reminders[0]!)).parsed.text!;
    expect(ahead).toContain('應繳單位：社會局 兒少保護科');
    expect(ahead).toContain('決議會議：115年3月12日（星期四） 在地評估小組會議（兒少家外安置）');
    expect(ahead).toMatch(/承辦人：|承辦單位：/);
    // 衛生局 handed its kinship forms in: it is reminded of nothing (nor listed, below).
    expect(reminders.filter((e) => to(e).includes(kinship))).toEqual([]);

    // The 7-day reminder of the July panel lists only what is still owed.
    const weekAhead = mail.find((e) => e.subject.startsWith('【會議提醒】') && ofJulyPanel(e))!;
    const weekAheadText = (await rawMessageOf(weekAhead)).parsed.text!;
    expect(weekAheadText).toContain('應繳成效追蹤表：社會局 兒少保護科 — 寄養安置');
    expect(weekAheadText).not.toContain('衛生局 心理健康科 — 親屬安置');

    // No message of the whole run carries what the chair typed about the case.
    for (const email of [...invitations, ...mail]) {
      const text = await textOf(email);
      expect(text).not.toContain(caseName);
      expect(text).not.toContain(caseNumber);
    }
  });

  it('a reminder queued before the form was received is not sent (checked again at send time)', async () => {
    const { table, sesEndpoint } = stack();
    // As the morning run would have queued it for 衛生局, had the kinship forms still been owed then.
    const health = config.units.find((u) => u.id === 'health-bureau')!.contacts[0]!;
    const notice: Notice = {
      seriesId: panel.id,
      slotKey: '2026-03',
      kind: 'follow-up-due',
      variant: 'kinship-due',
      sequence: 0,
      recipient: { contactId: health.id, unitId: 'health-bureau', name: health.name, email: health.email },
      dueAt: '2026-07-10T00:00:00.000Z',
    };
    expect(await queueNotice(table, notice)).toBe(true);
    await clearStore(sesEndpoint);
    await cron('2026-07-10');
    expect((await storedEmails(sesEndpoint)).filter((e) => e.subject.includes('成效追蹤表'))).toEqual([]);
    const item = (await listOutbox(table, panel.id, '2026-03')).find((o) => o.kind === 'follow-up-due' && o.variant === 'kinship-due');
    expect(item?.status).toBe('superseded');
  });
});
