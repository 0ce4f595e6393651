// After the 2026-03-25 case conference (chaired by 衛生局), the chair's unit is told the minutes
// are due, with its own minutes link, and told again once they are late (due 14 days after).
import { describe, expect, it } from 'vitest';
import { useEmbeddedStack } from '../support/embedded-stack.ts';
import { clearStore, storedEmails } from '../support/ses-store.ts';
import { runCronCycle } from '../../lib/local-stack/cron-cycle.ts';
import { caseConference } from '../support/planning-fixtures.ts';

const stack = useEmbeddedStack();
const at = (iso: string) => new Date(iso);
const conferenceMail = async (tag: string) =>
  (await storedEmails(stack().sesEndpoint)).filter((e) => e.subject.includes(tag) && e.subject.includes('115年3月25日'));

describe('minutes reminders', () => {
  it('tells the chair unit the minutes are due after the meeting, once, with its minutes link', async () => {
    await runCronCycle(at('2026-03-09T01:00:00Z'));
    await clearStore(stack().sesEndpoint);
    await runCronCycle(at('2026-03-26T01:00:00Z'));
    await runCronCycle(at('2026-03-27T01:00:00Z'));
    const due = await conferenceMail('【會議紀錄】');
    expect(due.map((e) => e.destination.to.join())).toEqual([expect.stringContaining('mental-health.chief@example.org')]);
    expect(due[0]!.body.text).toMatch(new RegExp(`/minutes/${caseConference.id}/2026-03/[\\w-]+\\.[\\w-]+`));
  });

  it('sends an overdue reminder once the deadline has passed and the minutes are still missing', async () => {
    await runCronCycle(at('2026-04-09T01:00:00Z')); // due 2026-04-08
    await runCronCycle(at('2026-04-10T01:00:00Z'));
    expect(await conferenceMail('【紀錄逾期】')).toHaveLength(1);
  });
});
