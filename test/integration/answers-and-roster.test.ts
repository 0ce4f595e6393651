// Who may answer, and who is told, follows the roster as it is now (county-view.ts), over real HTTP
// and through the same inbound path SES uses, against DynamoDB Local:
//   - a contact added with `contact add` can answer by link and by calendar REPLY; a removed one
//     cannot, and is sent no minutes distribution;
//   - a REPLY sent by a delegate of the same unit (SENT-BY, as Outlook sends for a secretary) is
//     recorded for the contact it answers for; a delegate from another unit is not;
//   - a REPLY without ORGANIZER (as Exchange sends it) is matched on UID and attendee;
//   - a REPLY from someone nobody invited (a forwarded invitation) is kept and listed for the
//     secretariat over its JSON API.
// The roster changes are stored with the roster adapter, the very items `contact add` and
// `contact remove` write, so the test does not depend on the planner that runs after them.
import { randomBytes } from 'node:crypto';
import { serveApp, type ServedApp } from '../support/serve-app.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useEmbeddedStack } from '../support/embedded-stack.ts';
import { outlookReply } from '../unit/rsvp/reply-messages.ts';
import { testOccurrence } from '../support/test-occurrence.ts';
import { createApp, secretariatGroup } from '../../functions/http/app.ts';
import { countiesOf } from '../../functions/adapters/config/county-registry.ts';
import { loadCountyConfigFile } from '../../functions/adapters/config/county-config-file.ts';
import { countySigningKey } from '../../functions/core/access/signed-token.ts';
import { rsvpLinks } from '../../functions/core/rsvp/rsvp-links.ts';
import { createOccurrence } from '../../functions/adapters/dynamodb/occurrence-store.ts';
import { listRsvps } from '../../functions/adapters/dynamodb/rsvp-store.ts';
import { saveRemovalKeeping, saveRosterChange } from '../../functions/adapters/dynamodb/roster-store.ts';
import { listOutbox } from '../../functions/adapters/dynamodb/outbox-store.ts';
import { recordRawReply } from '../../functions/use-cases/record-raw-reply.ts';
import { secretariatAccess } from '../../functions/use-cases/minutes/minutes-access.ts';
import { changeMinutesState, saveMinutes } from '../../functions/use-cases/minutes/write-minutes.ts';
import { distributeMinutes } from '../../functions/use-cases/minutes/distribute-minutes.ts';
import { startLocalSecretariatSigner, type LocalSecretariatSigner } from '../../lib/local-stack/local-secretariat-signer.ts';

const stack = useEmbeddedStack();
const config = loadCountyConfigFile();
const series = config.series.find((s) => s.id === 'child-protection-case-conference')!;
const deploymentKey = randomBytes(32);
const signingKey = countySigningKey(deploymentKey, config.county.id);
const organizer = config.secretariat.mailbox;
let clock = new Date('2026-03-09T01:00:00Z'); // 09:00 in Taipei, two weeks before the meeting

const contactOf = (id: string) => config.units.flatMap((u) => u.contacts).find((c) => c.id === id)!;
const leader = contactOf('police-wc-leader'); // 警察局 婦幼警察隊
const officer = contactOf('social-cp-officer'); // 社會局 兒少保護科, removed below
const health = contactOf('health-mh-chief'); // 衛生局, invited, another unit than the police
const deputy = { id: 'police-wc-deputy', name: '婦幼警察隊 副隊長', email: 'deputy.squad@example.org', placeholder: false };
const march = testOccurrence({ seriesId: series.id, slotKey: '2026-03', date: '2026-03-25', uid: 'answers-roster-2026-03@test' });

let server: ServedApp | undefined;
let origin: string;
let signer: LocalSecretariatSigner;

const countyBase = () => `${origin}/c/${config.county.id}`;
const linkFor = (contactId: string) =>
  rsvpLinks({
    baseUrl: countyBase(),
    key: signingKey,
    seriesId: series.id,
    slotKey: march.slotKey,
    contactId,
    sequence: march.sequence,
    meetingStart: new Date('2026-03-25T06:00:00Z'),
    meetingEnd: new Date('2026-03-25T08:00:00Z'),
    now: clock,
  });
const post = (url: string, body: string) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body, redirect: 'manual' });
const reply = async (spec: Partial<Parameters<typeof outlookReply>[0]> & { attendee: string; from: string }) =>
  recordRawReply(
    { table: stack().table, config },
    await outlookReply({ uid: march.uid, sequence: 0, partstat: 'ACCEPTED', organizer, ...spec }),
    clock,
  );
const answers = async () => Object.fromEntries((await listRsvps(stack().table, series.id, march.slotKey)).map((r) => [r.contactId, r]));

beforeAll(async () => {
  const { table } = stack();
  expect(await createOccurrence(table, march)).toBe(true);
  const at = clock.toISOString();
  // `contact add --unit police-women-children --contact police-wc-deputy …`
  await saveRosterChange(table, { unitId: 'police-women-children', contact: deputy, removed: false, updatedBy: 'test', updatedAt: at });
  // `contact remove --unit social-child-protection --contact social-cp-officer`
  expect(
    await saveRemovalKeeping(
      table,
      { unitId: 'social-child-protection', contact: officer, removed: true, updatedBy: 'test', updatedAt: at },
      { contactId: 'social-cp-chief' },
    ),
  ).toBe(true);

  signer = await startLocalSecretariatSigner();
  const app = createApp({
    connection: table,
    counties: countiesOf([config]),
    now: () => clock,
    signingKey: deploymentKey,
    secretariatAuth: signer.authOptions,
  });
  server = await serveApp(app);
  origin = server.origin;
});

afterAll(async () => {
  await server?.close();
  await signer?.stop();
});

describe('answers follow the roster as it is now', () => {
  it('lets a contact added with `contact add` answer by link', async () => {
    const { accept } = linkFor(deputy.id);
    const page = await fetch(accept);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('警察局 婦幼警察隊');
    const recorded = await post(accept, 'answer=accept&attendeeName=&note=');
    expect(recorded.status).toBe(200);
    expect(await recorded.text()).toContain('已記錄：出席');
    expect((await answers())[deputy.id]).toMatchObject({ answer: 'accept', source: 'link' });
  });

  it('lets a contact added with `contact add` answer by calendar REPLY', async () => {
    clock = new Date('2026-03-10T01:00:00Z');
    expect(await reply({ attendee: deputy.email, from: deputy.email, partstat: 'DECLINED' })).toMatchObject({
      outcome: 'recorded',
      contactIds: [deputy.id],
      answer: 'decline',
    });
    expect((await answers())[deputy.id]).toMatchObject({ answer: 'decline', source: 'imip' });
  });

  it('refuses a removed contact\u2019s link and REPLY, and records nothing for them', async () => {
    const { accept } = linkFor(officer.id);
    const page = await fetch(accept);
    expect(page.status).toBe(403);
    expect(await page.text()).toContain('不在邀請名單中');
    expect((await post(accept, 'answer=accept')).status).toBe(403);
    expect(await reply({ attendee: officer.email, from: officer.email })).toMatchObject({ outcome: 'ignored', reason: 'not-invited' });
    expect((await answers())[officer.id]).toBeUndefined();
  });

  it('records a REPLY a delegate of the same unit sent (SENT-BY) for the contact it answers for', async () => {
    // The squad leader's deputy answers from the leader's calendar: ATTENDEE the leader, From and SENT-BY the deputy.
    expect(await reply({ attendee: leader.email, from: deputy.email, sentBy: deputy.email })).toMatchObject({
      outcome: 'recorded',
      contactIds: [leader.id],
      answer: 'accept',
    });
    expect((await answers())[leader.id]).toMatchObject({ answer: 'accept', source: 'imip', answeredBy: deputy.id });
    // The deputy's own answer is untouched.
    expect((await answers())[deputy.id]).toMatchObject({ answer: 'decline' });
  });

  it('does not take a REPLY sent for a contact by someone of another unit', async () => {
    expect(await reply({ attendee: leader.email, from: health.email, sentBy: health.email, partstat: 'DECLINED' })).toMatchObject({
      outcome: 'ignored',
      reason: 'delegate-not-in-unit',
      held: true,
    });
    expect((await answers())[leader.id]).toMatchObject({ answer: 'accept' });
  });

  it('matches a REPLY without ORGANIZER, as Exchange sends it, on UID and attendee', async () => {
    expect(await reply({ attendee: health.email, from: health.email, noOrganizer: true, partstat: 'TENTATIVE' })).toMatchObject({
      outcome: 'recorded',
      contactIds: [health.id],
      answer: 'tentative',
    });
  });
});

describe('a REPLY from someone nobody invited', () => {
  const stranger = 'colleague.of.police@example.net';

  it('is not an answer of any unit, but is kept and listed for the secretariat', async () => {
    clock = new Date('2026-03-11T02:00:00Z');
    const before = await answers();
    expect(
      await reply({ attendee: stranger, attendeeName: '轉寄收件人', from: stranger, partstat: 'ACCEPTED', sequence: 0 }),
    ).toMatchObject({ outcome: 'ignored', reason: 'not-invited', held: true, seriesId: series.id, slotKey: '2026-03' });
    expect(await answers()).toEqual(before);

    const token = await signer.mint({ subject: 'officer-lin', groups: [secretariatGroup(config.county.id)] });
    const listed = await fetch(`${countyBase()}/secretariat/held-replies`, { headers: { authorization: `Bearer ${token}` } });
    expect(listed.status).toBe(200);
    const body = (await listed.json()) as { heldReplies: Array<Record<string, unknown>> };
    expect(body.heldReplies[0]).toMatchObject({
      seriesId: series.id,
      slotKey: '2026-03',
      meetingDate: '2026-03-25',
      seriesName: '強化兒少保護跨網絡合作會議',
      reason: 'not-invited',
      attendee: stranger,
      attendeeName: '轉寄收件人',
      partstat: 'ACCEPTED',
      receivedAt: '2026-03-11T02:00:00.000Z',
    });
    expect(String(body.heldReplies[0]!.reasonText)).toContain('轉寄');
    // The removed officer's REPLY and the other unit's delegate were kept too.
    expect(body.heldReplies.map((r) => [r.attendee, r.reason]).sort()).toEqual(
      [
        [stranger, 'not-invited'],
        [officer.email.toLowerCase(), 'not-invited'],
        [leader.email.toLowerCase(), 'delegate-not-in-unit'],
      ].sort(),
    );

    // The same person answering again replaces their entry; nobody else sees the list.
    await reply({ attendee: stranger, from: stranger, partstat: 'DECLINED' });
    const again = (await (
      await fetch(`${countyBase()}/secretariat/held-replies`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as { heldReplies: Array<Record<string, unknown>> };
    expect(again.heldReplies.filter((r) => r.attendee === stranger).map((r) => r.partstat)).toEqual(['DECLINED']);
    expect((await fetch(`${countyBase()}/secretariat/held-replies`)).status).toBe(401);
    const otherCounty = await signer.mint({ subject: 'officer-lin', groups: [secretariatGroup('tainan-city')] });
    expect((await fetch(`${countyBase()}/secretariat/held-replies`, { headers: { authorization: `Bearer ${otherCounty}` } })).status).toBe(
      403,
    );
  });
});

describe('minutes distribution follows the roster as it is now', () => {
  it('queues a read link for the added contact and none for the removed one', async () => {
    clock = new Date('2026-03-26T02:00:00Z');
    const context = { table: stack().table, config, now: () => clock };
    const access = await secretariatAccess(context, { kind: 'secretariat', subject: 'officer-lin', via: 'jwt:test' }, series.id, '2026-03');
    await saveMinutes(context, access, {
      expectedVersion: 0,
      minutes: {
        attendance: series.invitedUnitIds.map((unitId) => ({ unitId, present: true, names: ['代表'] })),
        summary: '本月提報個案 2 案。',
        resolutions: [],
        actionItems: [],
      },
    });
    await changeMinutesState(context, access, 'submit', 1);
    await changeMinutesState(context, access, 'approve', 2);
    const result = await distributeMinutes(context, access, 3);
    const queued = (await listOutbox(stack().table, series.id, '2026-03')).filter((n) => n.kind === 'minutes-distributed');
    const recipients = queued.map((n) => n.recipient.contactId);
    expect(recipients).toContain(deputy.id);
    expect(recipients).toContain(leader.id);
    expect(recipients).not.toContain(officer.id);
    expect(result.recipients).toBe(recipients.length);
  });
});
