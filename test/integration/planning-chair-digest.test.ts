// A typhoon cancels the March case conference: the rotation keeps the unit's turn, so the chair of
// every later meeting moves. Through the whole cron cycle (plan, queue, dispatch through the SES
// emulator), each person concerned receives one message, read back here as a mail client would.
import { describe, expect, it } from 'vitest';
import { putOverride } from '../support/override-item.ts';
import { useEmbeddedStack } from '../support/embedded-stack.ts';
import { clearStore, rawMessageOf, storedEmails } from '../support/ses-store.ts';
import { caseConference, config, taipeiMorning } from '../support/planning-fixtures.ts';
import { runCronCycle } from '../../lib/local-stack/cron-cycle.ts';
import { listOccurrences } from '../../functions/adapters/dynamodb/occurrence-store.ts';
import type { Temporal } from '../../functions/core/calendar/local-date.ts';

const stack = useEmbeddedStack();
const cycle = (at: Temporal.Instant) => runCronCycle(new Date(at.epochMilliseconds));
const morning = taipeiMorning('2026-03-02');

describe('the chair-change digest, end to end', () => {
  it('one cancellation: one message per person, naming each meeting from which unit to which, and why', async () => {
    const { table, sesEndpoint } = stack();
    await cycle(morning);
    await clearStore(sesEndpoint);
    const at = morning.add({ hours: 1 });
    await putOverride(table, {
      seriesId: caseConference.id,
      slotKey: '2026-03',
      cancelled: true,
      reason: '颱風停止上班',
      updatedBy: 'test',
      updatedAt: at.toString(),
    });
    await cycle(at);

    const moved = (await listOccurrences(table, caseConference.id)).filter((o) => o.chairChange);
    expect(moved.length).toBeGreaterThan(5);
    const digests = (await storedEmails(sesEndpoint)).filter((e) => e.subject.startsWith('【主持異動】'));
    const rotation = ['social-child-protection', 'police-women-children', 'health-bureau', 'education-department'];
    const people = rotation.flatMap((id) => config.units.find((u) => u.id === id)!.contacts.map((c) => c.email));
    const recipients = digests.map((e) => e.destination.to.join());
    expect(recipients.length).toBe(people.length);
    for (const email of people) expect(recipients.filter((to) => to.includes(`<${email}>`))).toHaveLength(1);

    const unitName = (id: string) => config.units.find((u) => u.id === id)!.name.zh;
    for (const email of digests) {
      const { parsed } = await rawMessageOf(email);
      expect(parsed.subject).toMatch(/^【主持異動】115年3月2日（星期一） 會議主持單位異動通知（\d+ 場）$/);
      expect(parsed.attachments.filter((a) => a.contentType.startsWith('text/calendar'))).toEqual([]);
      const text = parsed.text ?? '';
      const lines = text.split('\n').filter((l) => l.includes('主持單位由'));
      expect(lines.length).toBeGreaterThan(0);
      // Each line is one meeting this person's unit chaired or now chairs.
      const to = parsed.to && !Array.isArray(parsed.to) ? parsed.to.text : '';
      const unit = rotation.find((id) => config.units.find((u) => u.id === id)!.contacts.some((c) => to.includes(c.email)))!;
      for (const line of lines) expect(line).toContain(`「${unitName(unit)}」`);
      expect(text).toContain('原因：115年3月25日（星期三）之會議取消，主持輪值順延');
      expect(text).not.toContain('互換');
    }
    // Every moved meeting is in the digests of both its units.
    const all = (await Promise.all(digests.map(async (e) => (await rawMessageOf(e)).parsed.text ?? ''))).join('\n');
    for (const o of moved) expect(all).toContain(`主持單位由「${unitName(o.chairChange!.fromUnitId)}」改為「${unitName(o.chairUnitId)}」`);
  });

  it('a repeated cycle the same day sends no second digest', async () => {
    const { sesEndpoint } = stack();
    const digestsSent = async () => (await storedEmails(sesEndpoint)).filter((e) => e.subject.startsWith('【主持異動】')).length;
    const before = await digestsSent();
    expect(before).toBeGreaterThan(0);
    await cycle(morning.add({ hours: 3 }));
    expect(await digestsSent()).toBe(before);
  });
});
