// A newcomer to a unit receives the invitations already out; a leaver receives a CANCEL with a
// higher SEQUENCE than the one they hold, naming them, and nobody else is disturbed.
import { describe, expect, it } from 'vitest';
import { useEmbeddedStack } from '../support/embedded-stack.ts';
import { calendarOf, clearStore, storedEmails } from '../support/ses-store.ts';
import { caseConference, config, officeCalendar, taipeiMorning } from '../support/planning-fixtures.ts';
import { runCronCycle } from '../../lib/local-stack/cron-cycle.ts';
import { getOccurrence } from '../../functions/adapters/dynamodb/occurrence-store.ts';
import { changeRoster } from '../../functions/use-cases/secretariat/change-roster.ts';
import { SecretariatInputError } from '../../functions/use-cases/secretariat/secretariat-input-error.ts';
import { listRosterChanges } from '../../functions/adapters/dynamodb/roster-store.ts';

const stack = useEmbeddedStack();
const now = taipeiMorning('2026-03-09');
const actor = { id: 'secretariat-test' };
const cycle = () => runCronCycle(new Date(now.epochMilliseconds));

describe('roster changes', () => {
  it('invites a contact added to a unit to the meetings already sent, and only them', async () => {
    await cycle();
    await clearStore(stack().sesEndpoint);
    await changeRoster(
      stack().table,
      config,
      officeCalendar,
      {
        kind: 'add',
        unitId: 'police-women-children',
        contact: { id: 'police-wc-deputy', name: '婦幼警察隊 副隊長', email: 'deputy.squad@example.org' },
        reason: '新任副隊長',
      },
      actor,
      now,
    );
    await cycle();
    const march = (await getOccurrence(stack().table, caseConference.id, '2026-03'))!;
    const mail = (await storedEmails(stack().sesEndpoint)).filter((e) => e.subject.includes(caseConference.name.zh));
    expect(mail.map((e) => e.destination.to.join())).toEqual(['"警察局 婦幼警察隊 副隊長" <deputy.squad@example.org>']);
    const cal = calendarOf(mail[0]!);
    expect(cal.method).toBe('REQUEST');
    expect(cal.event.uid).toBe(march.uid);
    expect(cal.event.sequence).toBe(march.sequence);
    expect(march.invitedContactIds).toContain('police-wc-deputy');
  });

  it('sends a contact removed from a unit a CANCEL with a higher SEQUENCE, once', async () => {
    await clearStore(stack().sesEndpoint);
    const march = (await getOccurrence(stack().table, caseConference.id, '2026-03'))!;
    await changeRoster(
      stack().table,
      config,
      officeCalendar,
      { kind: 'remove', unitId: 'social-child-protection', contactId: 'social-cp-officer', reason: '人事異動' },
      actor,
      now,
    );
    await cycle();
    const mail = (await storedEmails(stack().sesEndpoint)).filter((e) => e.subject.includes(caseConference.name.zh));
    expect(mail.map((e) => e.destination.to.join())).toEqual([expect.stringContaining('child-protection.officer@example.org')]);
    const cal = calendarOf(mail[0]!);
    expect(cal.method).toBe('CANCEL');
    expect(cal.event.uid).toBe(march.uid);
    expect(cal.event.sequence).toBe(march.sequence + 1);
    expect(cal.event.attendees.map((a) => String(a.getFirstValue()).toLowerCase())).toContain(
      'mailto:child-protection.officer@example.org',
    );
    // Everyone else keeps the meeting as it was.
    expect((await getOccurrence(stack().table, caseConference.id, '2026-03'))!.sequence).toBe(march.sequence);
    const again = await cycle();
    expect(again.dispatched.filter((d) => d.outcome === 'sent')).toEqual([]);
  });

  it.each([
    ['a name with a line break', { id: 'x-1', name: '隊長\r\nBcc: a@example.com', email: 'x1@example.org' }, 'contact.name', /不可換行/],
    ['a malformed address', { id: 'x-2', name: '隊長', email: 'not-an-address' }, 'contact.email', /電子郵件地址格式不對/],
    ['an id that is not a slug', { id: 'X 3', name: '隊長', email: 'x3@example.org' }, 'contact.id', /小寫英文字母/],
  ])('refuses %s and stores nothing', async (_label, contact, field, message) => {
    const before = await listRosterChanges(stack().table);
    await expect(
      changeRoster(
        stack().table,
        config,
        officeCalendar,
        { kind: 'add', unitId: 'police-women-children', contact, reason: '新任' },
        actor,
        now,
      ),
    ).rejects.toMatchObject({ code: 'invalid-contact', field, message: expect.stringMatching(message) as unknown });
    expect(await listRosterChanges(stack().table)).toEqual(before);
  });

  it('will not leave a unit without any contact', async () => {
    await expect(
      changeRoster(
        stack().table,
        config,
        officeCalendar,
        { kind: 'remove', unitId: 'health-bureau', contactId: 'health-mh-chief', reason: '人事異動' },
        actor,
        now,
      ),
    ).rejects.toThrow(SecretariatInputError);
  });
});
