// One meeting's whole life, as the people invited to it read it in their mail: the March 2026 case
// conference, invited, moved twice, given another venue, its chair swapped, moved once more after
// its 7-day reminder was queued, held, and its minutes followed up. On the way a contact is added,
// one is removed right after a move and then re-added. Driven through the secretariat's tasks, the
// planner and the dispatcher against DynamoDB Local and the SES emulator; every message is read
// back, in the order it arrived, with mailparser and ical.js.
//
// Set NOTICE_SEQUENCE_DUMP=<dir> to write each person's mailbox there as plain text, to read it as
// they would.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ParsedMail } from 'mailparser';
import { useEmbeddedStack } from '../support/embedded-stack.ts';
import { calendarOf, rawMessageOf, storedEmails, type ParsedCalendar, type StoredEmail } from '../support/ses-store.ts';
import { caseConference, config, officeCalendar, taipeiMorning } from '../support/planning-fixtures.ts';
import { runCronCycle } from '../../lib/local-stack/cron-cycle.ts';
import { localContext } from '../../lib/local-stack/lambda-context.ts';
import { handler as planMeetings } from '../../functions/handlers/plan-meetings.ts';
import { Temporal } from '../../functions/core/calendar/local-date.ts';
import { rocFormalDate } from '../../functions/core/calendar/roc-date.ts';
import { getOccurrence, listOccurrences } from '../../functions/adapters/dynamodb/occurrence-store.ts';
import { listOutbox } from '../../functions/adapters/dynamodb/outbox-store.ts';
import { secretariatAccess } from '../../functions/use-cases/minutes/minutes-access.ts';
import { changeMinutesState, saveMinutes } from '../../functions/use-cases/minutes/write-minutes.ts';
import { distributeMinutes } from '../../functions/use-cases/minutes/distribute-minutes.ts';
import {
  addContact,
  cancelMeeting,
  changeMeetingVenue,
  moveMeeting,
  readdContact,
  reinstateMeeting,
  removeContact,
  swapMeetingChairs,
  type TaskContext,
} from '../../functions/use-cases/secretariat/tasks.ts';

const stack = useEmbeddedStack();
// The cycles send about 250 messages, and at the default 14 a second the dispatcher's pacer was half
// this file's time. 20 a second is the fastest at which it still sends four at a time, as at 14
// (concurrencyFor), so the order in which the mail arrives is made the same way.
beforeAll(() => void vi.stubEnv('SES_MAX_SEND_RATE', '20'));
afterAll(() => void vi.unstubAllEnvs());
const seriesId = caseConference.id;
const slot = '2026-03';

/** 09:00 Taipei on `date`, plus `minutes`. */
const at = (date: string, minutes = 0) => taipeiMorning(date).add({ minutes });
const ctx = (now: Temporal.Instant): TaskContext => ({ table: stack().table, config, actor: { id: 'secretariat-test' }, now });
const cycle = (now: Temporal.Instant) => runCronCycle(new Date(now.epochMilliseconds));
/** The planner alone, as its schedule runs it: what it queues waits for the dispatcher. */
const planOnly = (now: Temporal.Instant) => planMeetings({ scheduledTime: now.toString() }, localContext('plan-meetings'));

const squad = 'women-children.squad@example.org'; // 警察局 婦幼警察隊, police-wc-leader
const officer = 'child-protection.officer@example.org'; // 社會局 兒少保護科, removed and re-added
const deputy = 'deputy.squad@example.org'; // added after the first move
const healthChief = 'mental-health.chief@example.org'; // the March chair before the swap

const reasons = {
  firstMove: '配合縣長行程提前一日',
  secondMove: '與兒少保護聯繫會報同日，提前舉行',
  venue: '民雄中心場地整修',
  swap: '衛生局科長公假',
  lastMove: '配合議會議程順延一日',
  typhoon: '颱風停止上班',
  reinstated: '颱風警報解除，照常舉行',
};

type Mail = { email: StoredEmail; parsed: ParsedMail; text: string; subject: string; cal?: ParsedCalendar };

/**
 * One message as its reader gets it, parsed once: SES's MessageId names bytes that never change, and
 * the checks below read the same mailboxes many times (mailparser was most of their time).
 */
const readMail = new Map<string, Promise<Mail>>();
function read(email: StoredEmail): Promise<Mail> {
  let mail = readMail.get(email.messageId);
  if (!mail) {
    mail = rawMessageOf(email).then(({ parsed }) => {
      const hasCalendar = email.attachments.some((a) => a.contentType.startsWith('text/calendar'));
      return {
        email,
        parsed,
        text: parsed.text ?? '',
        subject: parsed.subject ?? '',
        ...(hasCalendar ? { cal: calendarOf(email) } : {}),
      };
    });
    readMail.set(email.messageId, mail);
  }
  return mail;
}

/** Everything one address received, in the order it arrived (`all`: the emulator's store, if already fetched). */
async function mailbox(address: string, all?: StoredEmail[]): Promise<Mail[]> {
  const received = (all ?? (await storedEmails(stack().sesEndpoint))).filter((e) =>
    e.destination.to.join().toLowerCase().includes(address),
  );
  const box: Mail[] = [];
  for (const email of received) box.push(await read(email));
  return box;
}

/**
 * What one address received about the March meeting, in the order it arrived: the messages whose
 * Message-ID is one of the meeting's outbox items (the dispatcher derives it from the item's key),
 * and the chair-change digests.
 */
async function marchMail(address: string, slotKey = slot): Promise<Mail[]> {
  const domain = config.secretariat.mailbox.split('@')[1];
  const ids = new Set(
    (await listOutbox(stack().table, seriesId, slotKey)).map(
      (item) => `<${createHash('sha256').update(`${item.pk}#${item.sk}`).digest('hex').slice(0, 32)}@${domain}>`,
    ),
  );
  return (await mailbox(address)).filter((m) => ids.has(m.parsed.messageId ?? '') || m.subject.includes('【主持異動】'));
}

const roc = (date: string) => rocFormalDate(Temporal.PlainDate.from(date));
const calendarMail = (box: Mail[]) => box.filter((m) => m.cal);
const attendeeAddresses = (cal: ParsedCalendar) =>
  cal.vevent.getAllProperties('attendee').map((a) =>
    String(a.getFirstValue())
      .toLowerCase()
      .replace(/^mailto:/, ''),
  );

function dump(name: string, box: Mail[]): void {
  const dir = process.env.NOTICE_SEQUENCE_DUMP;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  const lines = box.flatMap((m, i) => [
    `==== ${i + 1}. ${m.subject}`,
    ...(m.cal
      ? [`[${m.cal.method} SEQUENCE:${m.cal.event.sequence} STATUS:${String(m.cal.vevent.getFirstPropertyValue('status') ?? '-')}]`]
      : []),
    m.text,
    '',
  ]);
  writeFileSync(join(dir, `${name}.txt`), lines.join('\n'));
}

describe('the notices of one meeting, in the order each person reads them', () => {
  it('drives the meeting through its life', { timeout: 15 * 60_000 }, async () => {
    // 28 days ahead the chair (health) is told; 21 days ahead the invitations are queued.
    await cycle(at('2026-02-25'));
    await planOnly(at('2026-03-04'));
    // Moved before the queued invitations went out: everyone's first message is at SEQUENCE 1.
    await moveMeeting(ctx(at('2026-03-04', 60)), { seriesId, occurrence: slot, date: '2026-03-24', reason: reasons.firstMove });
    await cycle(at('2026-03-04', 70));

    // A deputy joins the squad: invited to the meeting as it is (SEQUENCE 1).
    await addContact(ctx(at('2026-03-05')), {
      unitId: 'police-women-children',
      contact: { id: 'police-wc-deputy', name: '副隊長', email: deputy },
      reason: '新任副隊長',
    });
    await cycle(at('2026-03-05', 10));

    // Moved again, and the officer removed before the dispatcher ran: they get the uninvitation
    // alone, never the update queued for them a minute earlier.
    await moveMeeting(ctx(at('2026-03-06')), { seriesId, occurrence: slot, date: '2026-03-19', reason: reasons.secondMove });
    await removeContact(ctx(at('2026-03-06', 5)), {
      unitId: 'social-child-protection',
      contactId: 'social-cp-officer',
      reason: '人事異動',
    });
    await cycle(at('2026-03-06', 10));
    // Back the same morning.
    await readdContact(ctx(at('2026-03-06', 60)), { unitId: 'social-child-protection', contactId: 'social-cp-officer', reason: '復職' });
    await cycle(at('2026-03-06', 70));

    await changeMeetingVenue(ctx(at('2026-03-09')), { seriesId, occurrence: slot, venueId: 'puzi-center', reason: reasons.venue });
    await cycle(at('2026-03-09', 10));

    // The squad chairs March in place of health, and health the squad's next meeting.
    const policeTurn = (await listOccurrences(stack().table, seriesId))
      .filter((o) => o.slotKey > slot && o.status === 'scheduled' && o.chairUnitId === 'police-women-children')
      .sort((a, b) => a.slotKey.localeCompare(b.slotKey))[0]!;
    expect(policeTurn, 'a later meeting the squad chairs').toBeDefined();
    await swapMeetingChairs(ctx(at('2026-03-10')), { seriesId, occurrence: slot, other: policeTurn.slotKey, reason: reasons.swap });
    await cycle(at('2026-03-10', 10));

    // The 7-day reminder of 3/19 is queued, then the meeting moves before it goes out.
    await planOnly(at('2026-03-12'));
    await moveMeeting(ctx(at('2026-03-12', 30)), { seriesId, occurrence: slot, date: '2026-03-20', reason: reasons.lastMove });
    await cycle(at('2026-03-12', 40));
    for (const day of ['2026-03-13', '2026-03-16', '2026-03-19', '2026-03-21', '2026-04-08']) await cycle(at(day));

    // The minutes are approved and distributed; the deputy leaves the squad before the dispatcher
    // runs: the read link queued for them is dropped at send time.
    const minutesAt = at('2026-04-09');
    const minutesContext = { table: stack().table, config, now: () => new Date(minutesAt.epochMilliseconds) };
    const access = await secretariatAccess(
      minutesContext,
      { kind: 'secretariat', subject: 'officer-lin', via: 'jwt:test' },
      seriesId,
      slot,
    );
    await saveMinutes(minutesContext, access, {
      expectedVersion: 0,
      minutes: {
        attendance: caseConference.invitedUnitIds.map((unitId) => ({ unitId, present: true, names: ['代表'] })),
        summary: '本月提報個案 2 案。',
        resolutions: [],
        actionItems: [],
      },
    });
    await changeMinutesState(minutesContext, access, 'submit', 1);
    await changeMinutesState(minutesContext, access, 'approve', 2);
    const distribution = await distributeMinutes(minutesContext, access, 3);
    expect(distribution.queued).toBeGreaterThan(1);
    await removeContact(ctx(at('2026-04-09', 5)), { unitId: 'police-women-children', contactId: 'police-wc-deputy', reason: '調職' });
    await cycle(at('2026-04-09', 10));

    // April's meeting, invited on 4/1, is cancelled for a typhoon and then held after all.
    await cancelMeeting(ctx(at('2026-04-13')), { seriesId, occurrence: '2026-04', reason: reasons.typhoon });
    await cycle(at('2026-04-13', 10));
    await reinstateMeeting(ctx(at('2026-04-13', 60)), { seriesId, occurrence: '2026-04', reason: reasons.reinstated });
    await cycle(at('2026-04-13', 70));
    await cycle(at('2026-04-14'));

    const march = (await getOccurrence(stack().table, seriesId, slot))!;
    expect(march).toMatchObject({ date: '2026-03-20', venueId: 'puzi-center', chairUnitId: 'police-women-children' });
    // The cases the rules are for did happen: queued first invitations, an update queued to the
    // officer before their removal, and a 7-day reminder of 3/19, all superseded, never sent.
    const outbox = await listOutbox(stack().table, seriesId, slot);
    const status = (kind: string, variant: string, sequence: number, contactId: string) =>
      outbox.find((i) => i.kind === kind && i.variant === variant && i.sequence === sequence && i.recipient.contactId === contactId)
        ?.status;
    expect(status('invitation', 'request', 0, 'police-wc-leader')).toBe('superseded');
    expect(status('invitation', 'request', 2, 'social-cp-officer')).toBe('superseded');
    expect(status('reminder', '7', 4, 'police-wc-leader')).toBe('superseded');
    expect(status('reminder', '7', 5, 'police-wc-leader')).toBe('sent');
    expect(status('minutes-distributed', 'read', 0, 'police-wc-deputy')).toBe('superseded');
    for (const [name, address] of Object.entries({ squad, officer, deputy, healthChief })) {
      dump(name, await mailbox(address));
      dump(`${name}-march`, await marchMail(address));
    }
  });

  it("the squad leader's first message is an invitation, although it was sent at SEQUENCE 1", async () => {
    const [first] = await marchMail(squad);
    expect(first!.subject).toContain('【開會通知】');
    expect(first!.cal!.method).toBe('REQUEST');
    expect(first!.cal!.event.sequence).toBe(1);
    expect(first!.text).not.toContain('異動');
    expect(first!.text).toContain(roc('2026-03-24'));
    // Nothing about a day the person was never told of.
    expect(first!.text).not.toContain(roc('2026-03-25'));
  });

  it('a contact added later is invited (【開會通知】), not told of a change', async () => {
    const box = await marchMail(deputy);
    expect(box[0]!.subject).toContain('【開會通知】');
    expect(box[0]!.cal!.event.sequence).toBe(1);
  });

  it('a move states the old day, the new day and the reason', async () => {
    const updates = (await marchMail(squad)).filter((m) => m.subject.includes('【會議異動】'));
    const second = updates.find((m) => m.cal!.event.sequence === 2)!;
    expect(second.text).toContain(`原 ${roc('2026-03-24')}`);
    expect(second.text).toContain(`新 ${roc('2026-03-19')}`);
    expect(second.text).toContain(`異動原因：${reasons.secondMove}`);
    const venue = updates.find((m) => m.cal!.event.sequence === 3)!;
    expect(venue.text).toMatch(/地點：原 .*民雄.* → 新 .*朴子/);
    expect(venue.text).toContain(`異動原因：${reasons.venue}`);
    const last = updates.find((m) => m.text.includes(`新 ${roc('2026-03-20')}`))!;
    expect(last.text).toContain(`原 ${roc('2026-03-19')}`);
    expect(last.text).toContain(`異動原因：${reasons.lastMove}`);
  });

  it('the removed contact is uninvited (RFC 5546 §3.2.5), then re-invited above that CANCEL', async () => {
    const box = calendarMail(await marchMail(officer));
    const cancels = box.filter((m) => m.cal!.method === 'CANCEL');
    expect(cancels).toHaveLength(1);
    const cancel = cancels[0]!;
    expect(cancel.cal!.vevent.getFirstPropertyValue('status')).toBeNull();
    expect(attendeeAddresses(cancel.cal!)).toEqual([officer]);
    expect(cancel.text).toContain('您已不在本次會議邀請名單');
    expect(cancel.subject).not.toContain('取消');
    // The update queued for them a minute before their removal never reached them.
    const before = box.slice(0, box.indexOf(cancel));
    expect(before.map((m) => m.cal!.event.sequence)).toEqual([1]);
    const after = box.slice(box.indexOf(cancel) + 1);
    expect(after[0]!.subject).toContain('【開會通知】');
    expect(after[0]!.cal!.method).toBe('REQUEST');
    expect(after[0]!.cal!.event.sequence).toBeGreaterThan(cancel.cal!.event.sequence);
    expect(attendeeAddresses(after[0]!.cal!)).toContain(officer);
    // Later updates reach them too, each above the last.
    expect(after.length).toBeGreaterThan(1);
  });

  it('nobody receives an older SEQUENCE of any meeting after a newer one', async () => {
    const all = await storedEmails(stack().sesEndpoint);
    const everyone = [...new Set(all.map((e) => e.destination.to.join()))];
    expect(everyone.length).toBeGreaterThan(5);
    for (const to of everyone) {
      const address = (/<([^>]+)>/.exec(to)?.[1] ?? to).toLowerCase();
      const byMeeting = new Map<string, number[]>();
      for (const m of calendarMail(await mailbox(address, all))) {
        const uid = m.cal!.event.uid;
        byMeeting.set(uid, [...(byMeeting.get(uid) ?? []), m.cal!.event.sequence]);
      }
      for (const [uid, seen] of byMeeting)
        for (let i = 1; i < seen.length; i++) expect(seen[i], `${address} ${uid}: ${seen.join(', ')}`).toBeGreaterThan(seen[i - 1]!);
    }
  });

  it('the chair digest says from which unit to which, and why', async () => {
    for (const address of [squad, healthChief]) {
      const digests = (await marchMail(address)).filter((m) => m.subject.includes(`【主持異動】${roc('2026-03-10')}`));
      expect(digests, address).toHaveLength(1);
      expect(digests[0]!.text).toContain('主持單位由「衛生局 心理健康科」改為「警察局 婦幼警察隊」');
      expect(digests[0]!.text).toContain('主持單位由「警察局 婦幼警察隊」改為「衛生局 心理健康科」');
      expect(digests[0]!.text).toContain(reasons.swap);
      expect(digests[0]!.text).not.toContain('取消');
    }
  });

  it('no reminder names an old day, and each goes once', async () => {
    const reminders = (await marchMail(squad)).filter((m) => m.subject.includes('【會議提醒】'));
    expect(reminders).toHaveLength(2);
    for (const reminder of reminders) {
      expect(reminder.text).toContain(roc('2026-03-20'));
      for (const old of ['2026-03-25', '2026-03-24', '2026-03-19']) expect(reminder.text).not.toContain(roc(old));
    }
  });

  it('deadlines are stated as ROC dates, on a working day', async () => {
    const box = await marchMail(squad);
    // 3/20 + 14 days is Friday 4/3, a day off (補假), as is Monday 4/6: due Tuesday 4/7.
    expect(officeCalendar.isWorkingDay(Temporal.PlainDate.from('2026-04-03'))).toBe(false);
    const due = `繳交期限：${roc('2026-04-07')}`;
    for (const tag of ['【主持通知】', '【會議紀錄】', '【紀錄逾期】']) {
      const notice = box.find((m) => m.subject.includes(tag));
      expect(notice, tag).toBeDefined();
      expect(notice!.text, tag).toContain(tag === '【主持通知】' ? '繳交期限：' : due);
      expect(notice!.text, tag).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    }
  });

  it('the approved minutes reach those invited when they are sent, not a contact removed meanwhile', async () => {
    const tag = '【會議紀錄分送】';
    expect((await marchMail(squad)).filter((m) => m.subject.includes(tag))).toHaveLength(1);
    expect((await marchMail(deputy)).filter((m) => m.subject.includes(tag))).toEqual([]);
  });

  it('a cancelled meeting held after all is announced as resumed, with both reasons', async () => {
    const april = calendarMail(await marchMail(squad, '2026-04'));
    expect(april.map((m) => `${m.cal!.method} ${m.cal!.event.sequence}`)).toEqual(['REQUEST 0', 'CANCEL 1', 'REQUEST 2']);
    const [, cancelled, resumed] = april;
    expect(cancelled!.subject).toContain('【會議取消】');
    expect(cancelled!.cal!.vevent.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(cancelled!.text).toContain(`取消原因：${reasons.typhoon}`);
    expect(resumed!.subject).toContain('【會議恢復】');
    expect(resumed!.text).toContain(`恢復原因：${reasons.reinstated}`);
    // The later chairs moved on when April was cancelled and back when it was reinstated: both told,
    // the second in the next day's digest (one digest per person per day).
    const digests = (await mailbox(squad)).filter((m) => m.subject.includes('【主持異動】'));
    const onCancel = digests.find((m) => m.subject.includes(roc('2026-04-13')))!;
    const onReinstate = digests.find((m) => m.subject.includes(roc('2026-04-14')))!;
    expect(onCancel.text).toContain(`原因：${roc('2026-04-22')}之會議取消，主持輪值順延`);
    expect(onReinstate, 'the chairs moving back are told').toBeDefined();
    expect(onReinstate.text).not.toContain('會議取消，主持輪值順延');
    expect(onReinstate.text).toContain(`原因：${roc('2026-04-22')}之會議恢復召開，主持輪值回復`);
    expect(onReinstate.text).not.toContain('主持輪值設定變更');
  });

  it('every English date names its month', async () => {
    for (const m of await marchMail(squad)) {
      const english = m.text.split('\n').filter((line) => /^\s*(When|Date and time|Deadline):/.test(line));
      for (const line of english)
        expect(line, m.subject).toMatch(/\b(January|February|March|April|May|June|July|August|September|October|November|December)\b/);
    }
  });
});
