// Issue 10, "Answers", driven as the secretariat and the units live it: the roster is changed
// through the secretariat's own tasks (addContact, removeContact, readdContact: what the console,
// the JSON API and `npm run cli -- contact …` call), the planner and dispatcher run as the cron does
// (runCronCycle), and the answers come back through the links and calendars in the mail the SES
// emulator received, not through links or REPLYs built by the test from the meeting's data:
//   - the added contact answers by the accept link in their own invitation, and by an Outlook REPLY
//     to the calendar part of that invitation;
//   - the removed contact's link from the invitation they did receive stops working, and their
//     REPLY is not an answer;
//   - a delegate REPLY (SENT-BY) from the added contact counts for a colleague of the same unit,
//     and one from the removed contact counts for nobody;
//   - a REPLY without ORGANIZER (Exchange) is matched on UID and attendee;
//   - a forwarded invitation answered by a stranger is listed for the secretariat;
//   - a re-added contact is invited again and can answer again.
import { serveApp, type ServedApp } from '../support/serve-app.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useEmbeddedStack } from '../support/embedded-stack.ts';
import { calendarOf, clearStore, storedEmails, type StoredEmail } from '../support/ses-store.ts';
import { caseConference, config, taipeiMorning } from '../support/planning-fixtures.ts';
import { outlookReply, type ReplySpec } from '../unit/rsvp/reply-messages.ts';
import { runCronCycle } from '../../lib/local-stack/cron-cycle.ts';
import { startLocalSecretariatSigner, type LocalSecretariatSigner } from '../../lib/local-stack/local-secretariat-signer.ts';
import { createApp, secretariatGroup } from '../../functions/http/app.ts';
import { countiesOf } from '../../functions/adapters/config/county-registry.ts';
import { getOccurrence } from '../../functions/adapters/dynamodb/occurrence-store.ts';
import { listRsvps } from '../../functions/adapters/dynamodb/rsvp-store.ts';
import { recordRawReply } from '../../functions/use-cases/record-raw-reply.ts';
import { addContact, readdContact, removeContact, type TaskContext } from '../../functions/use-cases/secretariat/tasks.ts';

const stack = useEmbeddedStack();
// Monday 9 March 2026, 09:00 in Taipei: the March case conference (25 March) has been announced.
const now = taipeiMorning('2026-03-09');
const cycle = () => runCronCycle(new Date(now.epochMilliseconds));
const contactOf = (id: string) => config.units.flatMap((u) => u.contacts).find((c) => c.id === id)!;
const leader = contactOf('police-wc-leader'); // 警察局 婦幼警察隊
const officer = contactOf('social-cp-officer'); // 社會局 兒少保護科, removed below
const health = contactOf('health-mh-chief'); // 衛生局
const deputy = { id: 'police-wc-deputy', name: '婦幼警察隊 副隊長', email: 'deputy.squad@example.org' };

let server: ServedApp | undefined;
let origin: string;
let signer: LocalSecretariatSigner;
let officerFirstInvitation: StoredEmail;
let leaderFirstInvitation: StoredEmail;

const tasks = (): TaskContext => ({ table: stack().table, config, actor: { id: 'secretariat:officer-lin' }, now });
const march = async () => (await getOccurrence(stack().table, caseConference.id, '2026-03'))!;
const answers = async () => Object.fromEntries((await listRsvps(stack().table, caseConference.id, '2026-03')).map((r) => [r.contactId, r]));

/** The March case conference's mail to one address, in the order sent. */
async function mailTo(address: string): Promise<StoredEmail[]> {
  return (await storedEmails(stack().sesEndpoint)).filter(
    (e) => e.subject.includes(caseConference.name.zh) && e.destination.to.join().includes(address) && calendarOf(e).event.uid,
  );
}

/** The accept link printed in a notice's text part, pointed at this test's server instead of PUBLIC_BASE_URL. */
function acceptLinkIn(email: StoredEmail): string {
  const text = email.body.text ?? '';
  const link = /https?:\/\/\S+\/rsvp\/\S+answer=accept\S*/.exec(text)?.[0];
  if (!link) throw new Error(`no accept link in the text of "${email.subject}"`);
  const url = new URL(link);
  return `${origin}${url.pathname}${url.search}`;
}

/** What Outlook sends back when the person presses 接受/拒絕 on the invitation they received. */
async function replyTo(invitation: StoredEmail, spec: Omit<ReplySpec, 'uid' | 'sequence' | 'organizer'>) {
  const { event, vevent } = calendarOf(invitation);
  const organizer = String(vevent.getFirstPropertyValue('organizer')).replace(/^mailto:/i, '');
  return recordRawReply(
    { table: stack().table, config },
    await outlookReply({ uid: event.uid, sequence: event.sequence, organizer, ...spec }),
    new Date(now.epochMilliseconds),
  );
}

const post = (url: string, body: string) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body, redirect: 'manual' });

beforeAll(async () => {
  // The links in the mail are signed by the dispatcher with the deployment's key (LINK_SIGNING_KEY,
  // set by useEmbeddedStack); the app checks them with the same key, as in one deployment.
  const deploymentKey = Buffer.from(process.env.LINK_SIGNING_KEY!, 'hex');
  signer = await startLocalSecretariatSigner();
  const app = createApp({
    connection: stack().table,
    counties: countiesOf([config]),
    now: () => new Date(now.epochMilliseconds),
    signingKey: deploymentKey,
    secretariatAuth: signer.authOptions,
  });
  server = await serveApp(app);
  origin = server.origin;

  await cycle();
  officerFirstInvitation = (await mailTo(officer.email))[0]!;
  leaderFirstInvitation = (await mailTo(leader.email))[0]!;
  expect(officerFirstInvitation, 'the officer was invited before being removed').toBeDefined();
  expect(leaderFirstInvitation, 'the squad leader was invited').toBeDefined();
});

afterAll(async () => {
  await server?.close();
  await signer?.stop();
});

describe('a contact added with the add-contact task', () => {
  let invitation: StoredEmail;

  it('is invited by the next dispatch', async () => {
    await clearStore(stack().sesEndpoint);
    await addContact(tasks(), { unitId: 'police-women-children', contact: deputy, reason: '新任副隊長' });
    await cycle();
    const mail = await mailTo(deputy.email);
    expect(mail).toHaveLength(1);
    invitation = mail[0]!;
    expect(calendarOf(invitation).method).toBe('REQUEST');
    expect(calendarOf(invitation).event.uid).toBe((await march()).uid);
  });

  it('answers by the accept link in that invitation', async () => {
    const link = acceptLinkIn(invitation);
    const page = await fetch(link);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('警察局 婦幼警察隊');
    // Looking records nothing: mail scanners open every link.
    expect((await answers())[deputy.id]).toBeUndefined();
    const recorded = await post(link, 'answer=accept&attendeeName=&note=');
    expect(recorded.status).toBe(200);
    expect(await recorded.text()).toContain('已記錄：出席');
    expect((await answers())[deputy.id]).toMatchObject({ answer: 'accept', source: 'link' });
  });

  it('answers by an Outlook REPLY to the calendar of that invitation', async () => {
    expect(await replyTo(invitation, { attendee: deputy.email, from: deputy.email, partstat: 'DECLINED' })).toMatchObject({
      outcome: 'recorded',
      contactIds: [deputy.id],
      answer: 'decline',
    });
    expect((await answers())[deputy.id]).toMatchObject({ answer: 'decline', source: 'imip' });
  });

  it('answers for a colleague of the same unit as a delegate (SENT-BY), recorded for that colleague', async () => {
    const before = (await answers())[deputy.id];
    expect(
      await replyTo(leaderFirstInvitation, { attendee: leader.email, from: deputy.email, sentBy: deputy.email, partstat: 'ACCEPTED' }),
    ).toMatchObject({ outcome: 'recorded', contactIds: [leader.id], answer: 'accept' });
    expect((await answers())[leader.id]).toMatchObject({ answer: 'accept', source: 'imip', answeredBy: deputy.id });
    // The delegate's own answer stays theirs.
    expect((await answers())[deputy.id]).toEqual(before);
  });
});

describe('a contact removed with the remove-contact task', () => {
  it('is sent the uninvitation, and the link of the invitation they hold stops working', async () => {
    const link = acceptLinkIn(officerFirstInvitation);
    expect((await fetch(link)).status).toBe(200); // the control: it worked while they were invited
    await clearStore(stack().sesEndpoint);
    await removeContact(tasks(), { unitId: 'social-child-protection', contactId: officer.id, reason: '人事異動' });
    await cycle();
    const [uninvitation] = await mailTo(officer.email);
    expect(calendarOf(uninvitation!).method).toBe('CANCEL');

    const page = await fetch(link);
    expect(page.status).toBe(403);
    expect(await page.text()).toContain('不在邀請名單中');
    expect((await post(link, 'answer=accept&attendeeName=&note=')).status).toBe(403);
    expect((await answers())[officer.id]).toBeUndefined();
  });

  it('cannot answer by REPLY to the invitation they hold, and the REPLY is held for the secretariat', async () => {
    expect(await replyTo(officerFirstInvitation, { attendee: officer.email, from: officer.email, partstat: 'ACCEPTED' })).toMatchObject({
      outcome: 'ignored',
      reason: 'not-invited',
      held: true,
    });
    expect((await answers())[officer.id]).toBeUndefined();
  });

  it('is no delegate of the unit any more: a SENT-BY REPLY from them answers for nobody', async () => {
    const chief = contactOf('social-cp-chief');
    const before = (await answers())[chief.id];
    const outcome = await replyTo(officerFirstInvitation, {
      attendee: chief.email,
      from: officer.email,
      sentBy: officer.email,
      partstat: 'DECLINED',
    });
    expect(outcome).toMatchObject({ outcome: 'ignored' });
    expect((await answers())[chief.id]).toEqual(before);
  });
});

describe('other replies', () => {
  it('matches a REPLY without ORGANIZER, as Exchange sends it, on UID and attendee', async () => {
    const { uid, sequence } = await march();
    const outcome = await recordRawReply(
      { table: stack().table, config },
      await outlookReply({
        uid,
        sequence,
        attendee: health.email,
        from: health.email,
        partstat: 'ACCEPTED',
        organizer: config.secretariat.mailbox,
        noOrganizer: true,
      }),
      new Date(now.epochMilliseconds),
    );
    expect(outcome).toMatchObject({ outcome: 'recorded', contactIds: [health.id], answer: 'accept' });
    expect((await answers())[health.id]).toMatchObject({ answer: 'accept', source: 'imip' });
  });

  it('lists a REPLY from someone nobody invited (a forwarded invitation) for the secretariat, and records no answer', async () => {
    const stranger = 'forwarded.to.colleague@example.net';
    const before = await answers();
    expect(await replyTo(officerFirstInvitation, { attendee: stranger, from: stranger, partstat: 'ACCEPTED' })).toMatchObject({
      outcome: 'ignored',
      reason: 'not-invited',
      held: true,
    });
    expect(await answers()).toEqual(before);

    const token = await signer.mint({ subject: 'officer-lin', groups: [secretariatGroup(config.county.id)] });
    const listed = await fetch(`${origin}/c/${config.county.id}/secretariat/held-replies`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(listed.status).toBe(200);
    const { heldReplies } = (await listed.json()) as { heldReplies: Array<Record<string, unknown>> };
    // The stranger's REPLY, and the removed officer's from the test above, are both there to see.
    expect(heldReplies.map((r) => [r.attendee, r.reason])).toEqual(
      expect.arrayContaining([
        [stranger, 'not-invited'],
        [officer.email.toLowerCase(), 'not-invited'],
      ]),
    );
    expect(heldReplies.find((r) => r.attendee === stranger)).toMatchObject({
      seriesId: caseConference.id,
      slotKey: '2026-03',
      partstat: 'ACCEPTED',
    });
  });
});

describe('a contact re-added with the re-add task', () => {
  it('is invited again and answers by the link of the new invitation', async () => {
    await clearStore(stack().sesEndpoint);
    await readdContact(tasks(), { unitId: 'social-child-protection', contactId: officer.id, reason: '復職' });
    await cycle();
    const mail = await mailTo(officer.email);
    expect(mail).toHaveLength(1);
    expect(calendarOf(mail[0]!).method).toBe('REQUEST');
    const link = acceptLinkIn(mail[0]!);
    expect((await post(link, 'answer=accept&attendeeName=&note=')).status).toBe(200);
    expect((await answers())[officer.id]).toMatchObject({ answer: 'accept', source: 'link' });
  });
});
