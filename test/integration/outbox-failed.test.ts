// Notices a person must look at: one that failed for good, or one whose send has an unknown outcome
// (the request went out, no answer came back). Both stay visible to the secretariat, neither is
// sent again by the dispatcher on its own, and either can be queued again once, without a second
// item. Also: the dispatcher is not starved by items in backoff, and it keeps two clocks apart
// (what is due by the schedule's clock or --now, leases by the real clock).
import { keys } from '../../functions/adapters/dynamodb/keys.ts';
import { describe, expect, it } from 'vitest';
import { useEmbeddedStack } from '../support/embedded-stack.ts';
import { startFaultProxy } from '../support/fault-proxy.ts';
import { clearStore, storedEmails } from '../support/ses-store.ts';
import {
  claim,
  duePending,
  failedWrite,
  hasPending,
  listFailed,
  listOutbox,
  record,
  requeueFailed,
  retryWrite,
} from '../../functions/adapters/dynamodb/outbox-store.ts';
import { createOccurrence } from '../../functions/adapters/dynamodb/occurrence-store.ts';
import { sesMailerFromEnv } from '../../functions/adapters/ses/ses-mailer.ts';
import { defaultDispatchOptions, dispatchOutbox, type DispatchOptions } from '../../functions/use-cases/dispatch-outbox.ts';
import { handler as dispatchHandler } from '../../functions/handlers/dispatch-outbox.ts';
import { localContext } from '../../lib/local-stack/lambda-context.ts';
import { freePort } from '../../lib/local-stack/free-port.ts';
import type { Notice } from '../../functions/core/notices/notice.ts';
import { config } from '../support/planning-fixtures.ts';
import { testOccurrence } from '../support/test-occurrence.ts';
import { queueEnrolled } from '../support/enrol-contact.ts';

const stack = useEmbeddedStack();
const now = new Date('2026-03-09T01:00:00Z');
const notice: Notice = {
  seriesId: 'child-protection-case-conference',
  slotKey: '2026-03',
  kind: 'invitation',
  variant: 'request',
  sequence: 0,
  recipient: { contactId: 'police-wc-leader', unitId: 'police-women-children', name: '婦幼隊', email: 'squad@example.org' },
  dueAt: now.toISOString(),
};
const options = (overrides: Partial<DispatchOptions> = {}): DispatchOptions => ({
  ...defaultDispatchOptions,
  maxPerSecond: 200,
  shouldStop: () => false,
  links: () => ({}),
  now: () => now,
  ...overrides,
});
/** A meeting of the series in April, so reminders for it are not superseded. */
const april = testOccurrence({ seriesId: notice.seriesId, slotKey: '2026-04', date: '2026-04-22', chairUnitId: 'health-bureau' });
const aprilNotice = (contactId: string, dueAt: Date): Notice => ({
  ...notice,
  slotKey: april.slotKey,
  kind: 'reminder',
  variant: '7',
  dueAt: dueAt.toISOString(),
  recipient: { ...notice.recipient, contactId, name: contactId, email: `${contactId}@example.org` },
});
const addressOf = (to: string) => /<([^>]+)>/.exec(to)?.[1] ?? to;

describe('failed notices', () => {
  it('are listed for the secretariat and can be queued again, once', async () => {
    const { table } = stack();
    expect(await queueEnrolled(table, notice)).toBe(true);
    const [pending] = (await duePending(table, now, 10)).items;
    const claimed = (await claim(table, pending!, 60))!;
    expect(await record(table, failedWrite(table, claimed, 'MessageRejected 400'))).toBe(true);

    expect((await duePending(table, now, 10)).items).toEqual([]);
    const failed = await listFailed(table);
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ status: 'failed', lastError: 'MessageRejected 400', attempts: 1 });

    expect(await requeueFailed(table, failed[0]!, now)).toBe(true);
    expect(await requeueFailed(table, failed[0]!, now)).toBe(false); // already pending again
    expect(await listFailed(table)).toEqual([]);
    expect((await duePending(table, now, 10)).items).toEqual([expect.objectContaining({ status: 'pending', attempts: 0, sk: claimed.sk })]);
  });
});

describe('a send whose outcome is unknown', () => {
  it('is set aside for the secretariat, never resent on its own, and resent once when they ask', async () => {
    const { table, sesEndpoint } = stack();
    await createOccurrence(table, april);
    await clearStore(sesEndpoint);
    // One request SES takes and never answers (the mailer's deadline ends it), one whose connection
    // is cut after SES took it, and one that goes through.
    const silent = aprilNotice('silent', now);
    const dropped = aprilNotice('dropped', now);
    const plain = aprilNotice('plain', now);
    for (const n of [silent, dropped, plain]) expect(await queueEnrolled(table, n)).toBe(true);
    const proxy = await startFaultProxy({
      upstream: sesEndpoint,
      silentRecipients: [silent.recipient.email],
      droppedRecipients: [dropped.recipient.email],
    });
    try {
      // A deadline shorter than the default, so the silent send ends sooner, but not short: at 1.5 s
      // the plain send itself timed out beside a loaded test run (load average 15). The lease is
      // ten times it.
      const mailer = sesMailerFromEnv({ ...process.env, SES_ENDPOINT: proxy.endpoint }, { timeoutMillis: 5_000 });
      const first = await dispatchOutbox(table, mailer, config, options({ leaseSeconds: 50 }));
      const outcomeOf = (contactId: string) => first.find((r) => r.item.recipient.contactId === contactId)?.outcome;
      expect(outcomeOf('silent')).toBe('unknown');
      expect(outcomeOf('dropped')).toBe('unknown');
      expect(outcomeOf('plain')).toBe('sent');
      // SES did take both: that is why they must not go again without a person deciding.
      expect(
        proxy
          .records()
          .map((r) => `${r.recipient} ${r.outcome}`)
          .sort(),
      ).toEqual(['dropped@example.org accepted-then-dropped', 'plain@example.org forwarded', 'silent@example.org accepted-then-silent']);

      // Out of the pending index, into the secretariat's list, with what happened.
      expect(await hasPending(table)).toBe(false);
      const listed = await listFailed(table);
      expect(listed.map((i) => `${i.recipient.contactId} ${i.status}`).sort()).toEqual(['dropped unknown', 'silent unknown']);
      for (const item of listed) {
        expect(item.attempts).toBe(1);
        expect(item.lastError).toBeTruthy();
        expect(item.leaseToken).toBeUndefined();
      }

      // Later runs, however many, leave them alone: still one copy each.
      expect(await dispatchOutbox(table, mailer, config, options({ leaseSeconds: 50 }))).toEqual([]);
      const copies = async (contactId: string) =>
        (await storedEmails(sesEndpoint)).filter((e) => addressOf(e.destination.to.join()) === `${contactId}@example.org`).length;
      expect(await copies('silent')).toBe(1);
      expect(await copies('dropped')).toBe(1);

      // The secretariat checked: the silent one never arrived. One step queues it again, once.
      const silentItem = listed.find((i) => i.recipient.contactId === 'silent')!;
      expect(await requeueFailed(table, silentItem, now)).toBe(true);
      expect(await requeueFailed(table, silentItem, now)).toBe(false);
      const direct = sesMailerFromEnv({ ...process.env, SES_ENDPOINT: sesEndpoint });
      const resent = await dispatchOutbox(table, direct, config, options());
      expect(resent.map((r) => `${r.item.recipient.contactId} ${r.outcome}`)).toEqual(['silent sent']);
      const [item] = (await listOutbox(table, notice.seriesId, april.slotKey)).filter((i) => i.recipient.contactId === 'silent');
      expect(item).toMatchObject({ status: 'sent', attempts: 1, messageId: resent[0]!.messageId });
      expect(await copies('silent')).toBe(2);
      expect((await listFailed(table)).map((i) => i.recipient.contactId)).toEqual(['dropped']);
    } finally {
      await proxy.stop();
    }
  });
});

describe('the dispatcher under pressure', () => {
  it('is not starved by a crowd of items waiting out a backoff at the head of the outbox', async () => {
    const { table } = stack();
    await createOccurrence(table, { ...april, slotKey: '2026-04-b', uid: 'crowd@test' });
    const early = new Date('2026-03-09T00:00:00Z');
    const make = (i: number, dueAt: Date): Notice => ({ ...aprilNotice(`c-${i}`, dueAt), slotKey: '2026-04-b' });
    // 210 items ahead in the index, all waiting out a backoff until tomorrow (on the real clock)...
    for (let i = 0; i < 210; i++) {
      const queued = make(i, early);
      await queueEnrolled(table, queued);
      const claimed = (await claim(
        table,
        { pk: keys.outbox(table.county, queued.seriesId, queued.slotKey), sk: `reminder#7#0000#c-${i}`, attempts: 0 },
        60,
      ))!;
      expect(await record(table, retryWrite(table, claimed, new Date(Date.now() + 86_400_000), 'Throttling 400'))).toBe(true);
    }
    // ...and 20 ready behind them.
    for (let i = 210; i < 230; i++) await queueEnrolled(table, make(i, now));

    const results = await dispatchOutbox(table, sesMailerFromEnv(), config, options());
    expect(results.filter((r) => r.outcome === 'sent')).toHaveLength(20);
  });
});

describe("the dispatcher's two clocks", () => {
  it('sends what is due by the scheduled time (--now), while leases, backoffs and records stay on the real clock', async () => {
    const { table, sesEndpoint } = stack();
    await clearStore(sesEndpoint);
    // A simulated clock a year ahead of the real one: a lease taken on the real clock must still
    // hold under it, and a notice due only in that simulated future goes out.
    const realNow = Date.now();
    const day = 86_400_000;
    const simulated = new Date(realNow + 365 * day);
    const meeting = testOccurrence({
      seriesId: notice.seriesId,
      slotKey: 'clock-test',
      uid: 'clock-test@test',
      date: new Date(realNow + 400 * day).toISOString().slice(0, 10),
      chairUnitId: 'health-bureau',
    });
    await createOccurrence(table, meeting);
    const at = (contactId: string, dueAt: Date): Notice => ({ ...aprilNotice(contactId, dueAt), slotKey: meeting.slotKey });
    const dueInSimulation = at('due-in-simulation', new Date(realNow + 200 * day));
    const notYetDue = at('not-yet-due', new Date(realNow + 2 * 365 * day));
    const leasedElsewhere = at('leased-elsewhere', new Date(realNow - day));
    for (const n of [dueInSimulation, notYetDue, leasedElsewhere]) expect(await queueEnrolled(table, n)).toBe(true);
    // Another dispatcher holds this one for two minutes of real time.
    const [held] = (await listOutbox(table, notice.seriesId, meeting.slotKey)).filter((i) => i.recipient.contactId === 'leased-elsewhere');
    const theirs = (await claim(table, held!, 120))!;

    // Through the handler, as `npm start -- --once --now <simulated>` calls it.
    const results = await dispatchHandler({ scheduledTime: simulated.toISOString() }, localContext('dispatch-outbox'));
    const after = Date.now();

    expect(results.map((r) => `${r.item.recipient.contactId} ${r.outcome}`)).toEqual(['due-in-simulation sent']);
    const items = new Map((await listOutbox(table, notice.seriesId, meeting.slotKey)).map((i) => [i.recipient.contactId, i]));
    // The other dispatcher's lease was not taken over, though it ended long ago on the simulated clock.
    expect(items.get('leased-elsewhere')).toMatchObject({ status: 'pending', leaseToken: theirs.leaseToken, attempts: 1 });
    expect(items.get('not-yet-due')).toMatchObject({ status: 'pending', attempts: 0 });
    const sent = items.get('due-in-simulation')!;
    expect(sent.status).toBe('sent');
    // Recorded on the real clock: when it really went out, and kept 400 real days.
    expect(Date.parse(sent.sentAt!)).toBeGreaterThanOrEqual(realNow - 1_000);
    expect(Date.parse(sent.sentAt!)).toBeLessThanOrEqual(after);
    const expiresAt = (sent as unknown as { expiresAt: number }).expiresAt;
    expect(expiresAt * 1000).toBeGreaterThanOrEqual(realNow + 399 * day);
    expect(expiresAt * 1000).toBeLessThanOrEqual(after + 400 * day);
    expect((await storedEmails(sesEndpoint)).map((e) => addressOf(e.destination.to.join()))).toEqual(['due-in-simulation@example.org']);
  });
});

// Last in the file: its item is left waiting out a backoff, which a later dispatch here would send.
describe('a send that never reached SES', () => {
  it('is retried after a backoff, not set aside: nothing of it left this machine', async () => {
    const { table } = stack();
    await createOccurrence(table, { ...april, slotKey: '2026-04-c', uid: 'unreached@test' });
    const unreached = { ...aprilNotice('unreached', now), slotKey: '2026-04-c' };
    expect(await queueEnrolled(table, unreached)).toBe(true);
    // Nothing listens on this port: the connection is refused before a byte of the request goes.
    const closed = sesMailerFromEnv({ ...process.env, SES_ENDPOINT: `http://127.0.0.1:${await freePort()}` });
    const results = await dispatchOutbox(table, closed, config, options());
    expect(results.map((r) => r.outcome)).toEqual(['retry']);
    const [item] = await listOutbox(table, notice.seriesId, '2026-04-c');
    expect(item).toMatchObject({ status: 'pending', attempts: 1 });
    expect(item!.lastError).toContain('ECONNREFUSED');
    expect(item!.leaseToken).toBeUndefined();
    expect((await listFailed(table)).map((i) => i.recipient.contactId)).not.toContain('unreached');
  });
});
