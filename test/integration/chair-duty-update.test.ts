// The chair is told of its duty 28 days ahead, the invitations go 21 days ahead: a meeting moved in
// between used to reach the chair first by the invitation, a week after they had put the old day
// in their diary. Through the cron cycle (plan, queue, dispatch to the SES emulator) and the
// secretariat's move, read back with mailparser as the chair's mail client would:
//   - the chair of the 2026-03-25 case conference (衛生局 心理健康科) gets the 主持通知 on 2/25;
//   - moved to 3/23 on 2/26: the chair, and only the chair, gets a short 主持會議異動 naming 3/23;
//   - a second move written as an override whose re-planning never ran (the process died after
//     the secretariat's write): the next cron cycle tells the chair all the same, from what is
//     stored;
//   - cycles repeated the same day send nothing more; once invited, the chair hears through the
//     invitation, like everyone else.
import { describe, expect, it } from 'vitest';
import { putOverride } from '../support/override-item.ts';
import { useEmbeddedStack } from '../support/embedded-stack.ts';
import { rawMessageOf, storedEmails, type StoredEmail } from '../support/ses-store.ts';
import { caseConference, config, taipeiMorning } from '../support/planning-fixtures.ts';
import { runCronCycle } from '../../lib/local-stack/cron-cycle.ts';
import { getOccurrence } from '../../functions/adapters/dynamodb/occurrence-store.ts';
import { appointActingChair, moveMeeting } from '../../functions/use-cases/secretariat/tasks.ts';
import type { Temporal } from '../../functions/core/calendar/local-date.ts';

const stack = useEmbeddedStack();
const cycle = (at: Temporal.Instant) => runCronCycle(new Date(at.epochMilliseconds));
const chair = config.units.find((u) => u.id === 'health-bureau')!.contacts[0]!;
const others = caseConference.invitedUnitIds
  .filter((id) => id !== 'health-bureau')
  .flatMap((id) => config.units.find((u) => u.id === id)!.contacts.map((c) => c.email));

/** Messages about the March meeting (its subject names the day: 3/25, then 3/23, then 3/24). */
async function aboutMarch(): Promise<StoredEmail[]> {
  return (await storedEmails(stack().sesEndpoint)).filter(
    (e) => /115年3月2[345]日/.test(e.subject) && e.subject.includes(caseConference.name.zh),
  );
}
const to = (e: StoredEmail) => e.destination.to.join();
const toChair = (mail: StoredEmail[]) => mail.filter((e) => to(e).includes(`<${chair.email}>`));

describe('the chair told of its duty, when the meeting moves before the invitations', () => {
  it('gets the chair notice, then a short update naming the new day; nobody else hears of it yet', async () => {
    const { table } = stack();
    await cycle(taipeiMorning('2026-02-25'));
    expect((await getOccurrence(table, caseConference.id, '2026-03'))?.chairUnitId).toBe('health-bureau');
    const [duty, ...more] = toChair(await aboutMarch());
    expect(more).toEqual([]);
    expect(duty?.subject).toBe('【主持通知】 115年3月25日（星期三）下午2時 強化兒少保護跨網絡合作會議');

    const movedAt = taipeiMorning('2026-02-26');
    await moveMeeting(
      { table, config, actor: { id: 'officer-lin', via: 'test' }, now: movedAt },
      { seriesId: caseConference.id, occurrence: '2026-03', date: '2026-03-23', reason: '會議室另有活動' },
    );
    await cycle(movedAt.add({ minutes: 5 }));
    const mail = await aboutMarch();
    const updates = mail.filter((e) => e.subject.includes('3月23日'));
    expect(updates.map((e) => [e.subject, to(e)])).toEqual([
      ['【主持會議異動】 115年3月23日（星期一）下午2時 強化兒少保護跨網絡合作會議', expect.stringContaining(`<${chair.email}>`)],
    ]);
    // Not invited yet: the other units hear of the March meeting with the invitations, on its new day.
    for (const email of others) expect(mail.filter((e) => to(e).includes(`<${email}>`))).toEqual([]);

    const { parsed } = await rawMessageOf(updates[0]!);
    const text = parsed.text ?? '';
    expect(text).toContain('貴單位擔任主持的下列會議已異動，日期、時間及地點請以本通知為準；開會通知將另行寄送。');
    expect(text).toContain('異動原因：會議室另有活動');
    expect(text).toContain('時間：115年3月23日（星期一）下午2時');
    // Never the day it no longer is, and no calendar object: the invitation brings that.
    expect(text).not.toContain('3月25日');
    expect(parsed.attachments.filter((a) => a.contentType.startsWith('text/calendar'))).toEqual([]);

    // The same day again: nothing more.
    const sent = (await storedEmails(stack().sesEndpoint)).length;
    await cycle(movedAt.add({ hours: 2 }));
    expect((await storedEmails(stack().sesEndpoint)).length).toBe(sent);
  });

  it('is told of a move whose re-planning died after the secretariat\u2019s write, by the next cycle', async () => {
    const { table } = stack();
    const at = taipeiMorning('2026-02-27');
    // The move as the secretariat's transaction stores it (change-occurrence.ts), and nothing else:
    // its re-planning and queueing never ran.
    await putOverride(table, {
      seriesId: caseConference.id,
      slotKey: '2026-03',
      date: '2026-03-24',
      forced: false,
      reason: '主持人行程衝突',
      updatedBy: 'officer-lin',
      updatedAt: at.toString(),
    });
    await cycle(at.add({ minutes: 5 }));
    const updates = toChair(await aboutMarch()).filter((e) => e.subject.includes('3月24日'));
    expect(updates.map((e) => e.subject)).toEqual(['【主持會議異動】 115年3月24日（星期二）下午2時 強化兒少保護跨網絡合作會議']);
    expect((await aboutMarch()).filter((e) => e.subject.includes('3月24日') && !to(e).includes(`<${chair.email}>`))).toEqual([]);
  });

  it('once invited, hears through the invitation like everyone else, and gets no chair update', async () => {
    // 21 days before 3/24: the invitations go out.
    await cycle(taipeiMorning('2026-03-03'));
    const latest = toChair(await aboutMarch()).filter((e) => e.subject.includes('3月24日'));
    expect(latest.map((e) => e.subject.slice(0, e.subject.indexOf('】') + 1)).sort()).toEqual(['【主持會議異動】', '【開會通知】'].sort());
  });

  it('an update queued for a unit that no longer chairs is not sent: that unit hears of the change of chair instead', async () => {
    const { table } = stack();
    const education = config.units.find((u) => u.id === 'education-department')!.contacts[0]!;
    // The April meeting (4/22): its chair, the education department, is told of its duty on 3/25.
    await cycle(taipeiMorning('2026-03-25'));
    const april = async () =>
      (await storedEmails(stack().sesEndpoint)).filter(
        (e) => e.subject.includes(caseConference.name.zh) && /115年4月2[23]日/.test(e.subject) && to(e).includes(`<${education.email}>`),
      );
    expect((await april()).map((e) => e.subject)).toEqual(['【主持通知】 115年4月22日（星期三）下午2時 強化兒少保護跨網絡合作會議']);
    const before = new Set((await storedEmails(stack().sesEndpoint)).map((e) => e.messageId));
    // Moved on 3/26 (its update to the education department queued), then, before any dispatch,
    // the police's squad appointed to chair it.
    const at = taipeiMorning('2026-03-26');
    const ctx = { table, config, actor: { id: 'officer-lin', via: 'test' }, now: at };
    await moveMeeting(ctx, { seriesId: caseConference.id, occurrence: '2026-04', date: '2026-04-23', reason: '會議室另有活動' });
    await appointActingChair(ctx, {
      seriesId: caseConference.id,
      occurrence: '2026-04',
      unitId: 'police-women-children',
      reason: '科長公假',
    });
    await cycle(at.add({ minutes: 5 }));
    const subjects = (await storedEmails(stack().sesEndpoint))
      .filter((e) => to(e).includes(`<${education.email}>`) && !before.has(e.messageId))
      .map((e) => e.subject);
    expect(subjects.filter((s) => s.startsWith('【主持會議異動】'))).toEqual([]);
    expect(subjects.filter((s) => s.startsWith('【主持異動】'))).toHaveLength(1);
  });
});
