// RSVPs end to end against DynamoDB Local: the link pages over real HTTP (the Hono routes served by
// @hono/node-server), and iMIP REPLY messages through the SES handler and the local .eml command.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { serve } from '@hono/node-server';
import type { S3Event } from 'aws-lambda';
import { useEmbeddedStack } from '../support/embedded-stack.ts';
import { appleReply, gmailReply, outlookReply } from '../unit/rsvp/reply-messages.ts';
import { big5, corpusUid, exchangeReply, replyMessage } from '../unit/rsvp/reply-corpus.ts';
import { loadCountyConfigFile } from '../../functions/adapters/config/county-config-file.ts';
import { listHeldReplies } from '../../functions/adapters/dynamodb/held-reply-store.ts';
import { createOccurrence } from '../../functions/adapters/dynamodb/occurrence-store.ts';
import { listRsvps, recordRsvp } from '../../functions/adapters/dynamodb/rsvp-store.ts';
import { signToken, type TokenClaims } from '../../functions/core/access/signed-token.ts';
import type { Occurrence } from '../../functions/core/planning/occurrence.ts';
import { rsvpLinks } from '../../functions/core/rsvp/rsvp-links.ts';
import { rsvpRoutes } from '../../functions/http/rsvp-routes.ts';
import { sesReplyHandler } from '../../functions/handlers/ses-reply.ts';
import { logger as runtimeLogger } from '../../functions/handlers/runtime.ts';
import { feedReplyFile } from '../../functions/use-cases/feed-reply-file.ts';
import { testOccurrence } from '../support/test-occurrence.ts';

const stack = useEmbeddedStack();
const config = loadCountyConfigFile();
const seriesId = 'child-protection-case-conference';
const signingKey = Buffer.from('integration-test-signing-key-32b');
const otherKey = Buffer.from('some-other-signing-key-of-32-byt');
let clock = new Date('2026-03-09T01:00:00Z'); // 2026-03-09 09:00 Asia/Taipei

const contactOf = (id: string) => config.units.flatMap((u) => u.contacts).find((c) => c.id === id)!;
const police = contactOf('police-wc-leader');
const health = contactOf('health-mh-chief');
const education = contactOf('education-sa-chief');
const mentalHealth = contactOf('mhc-director');
const notInvited = contactOf('wda-liaison'); // a unit the case conference does not invite

function occurrence(slotKey: string, date: string, fields: Partial<Occurrence> = {}): Occurrence {
  return testOccurrence({ seriesId, slotKey, date, uid: `rsvp-test-${slotKey}@safetynet-meetings`, ...fields });
}

const march = occurrence('2026-03', '2026-03-25');
const april = occurrence('2026-04', '2026-04-22', { sequence: 1, placementNote: '移至第四週三' }); // moved once
const may = occurrence('2026-05', '2026-05-27', { sequence: 1, status: 'cancelled' }); // typhoon day

function linksFor(occ: Occurrence, contactId: string, sequence = occ.sequence) {
  return rsvpLinks({
    baseUrl,
    key: signingKey,
    seriesId: occ.seriesId,
    slotKey: occ.slotKey,
    contactId,
    sequence,
    meetingStart: new Date(`${occ.date}T${occ.start}:00+08:00`),
    meetingEnd: new Date(new Date(`${occ.date}T${occ.start}:00+08:00`).getTime() + occ.durationMinutes * 60_000),
    now: clock,
  });
}

const tokenUrl = (token: string) => `${baseUrl}/rsvp/${token}`;
const tokenOf = (link: string) => new URL(link).pathname.split('/').pop()!;

function post(url: string, answer: string, contentType = 'application/x-www-form-urlencoded') {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: contentType.includes('json') ? JSON.stringify({ answer }) : `answer=${answer}`,
    redirect: 'manual',
  });
}

const rsvpsOf = (occ: Occurrence) => listRsvps(stack().table, seriesId, occ.slotKey);

let baseUrl = '';
let stopServer: () => Promise<void> = () => Promise.resolve();

beforeAll(async () => {
  for (const occ of [march, april, may]) expect(await createOccurrence(stack().table, occ)).toBe(true);
  const app = rsvpRoutes({ table: stack().table, config, signingKey, now: () => clock });
  await new Promise<void>((resolve) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
      baseUrl = `http://127.0.0.1:${info.port}`;
      stopServer = () => new Promise<void>((done) => server.close(() => done()));
      resolve();
    });
  });
});

afterAll(async () => {
  await stopServer();
});

afterEach(() => {
  clock = new Date('2026-03-09T01:00:00Z');
});

describe('RSVP links over HTTP', () => {
  it('GET shows the meeting and a button, and records nothing (mail scanners fetch every link)', async () => {
    const links = linksFor(march, police.id);
    for (const link of [links.accept, links.decline, links.accept]) {
      const response = await fetch(link);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(response.headers.get('cache-control')).toBe('no-store');
      const page = await response.text();
      expect(page).toContain('強化兒少保護跨網絡合作會議');
      expect(page).toContain('115年3月25日（星期三）下午2時至下午4時');
      expect(page).toContain('警察局');
      // Where: the venue's name and address.
      expect(page).toContain('日安民雄社會福利服務中心');
      expect(page).toContain('嘉義縣民雄鄉江厝店29之4號');
      expect(page).toMatch(/<form method="post">/);
      expect(page).toMatch(/<button type="submit" name="answer" value="accept"/);
      expect(page).toMatch(/<button type="submit" name="answer" value="decline"/);
      expect(page).not.toMatch(/<script/i);
      expect(page).not.toContain(police.email);
    }
    const head = await fetch(links.accept, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await rsvpsOf(march)).toEqual([]);
  });

  it('POST records the answer the token is scoped to, and a later answer replaces it', async () => {
    const links = linksFor(march, police.id);
    const accepted = await post(links.accept, 'accept');
    expect(accepted.status).toBe(200);
    const page = await accepted.text();
    expect(page).toContain('已記錄：出席');
    expect(page).toContain('115年3月25日（星期三）下午2時');
    expect(await rsvpsOf(march)).toEqual([
      { seriesId, slotKey: '2026-03', contactId: police.id, answer: 'accept', sequence: 0, source: 'link', at: clock.toISOString() },
    ]);

    clock = new Date('2026-03-10T03:00:00Z');
    // The decline link's page posts back to its own URL; the form field decides the answer.
    const declined = await post(links.decline, 'decline');
    expect(declined.status).toBe(200);
    expect(await declined.text()).toContain('已記錄：不克出席');
    expect(await rsvpsOf(march)).toEqual([
      {
        seriesId,
        slotKey: '2026-03',
        contactId: police.id,
        answer: 'decline',
        sequence: 0,
        source: 'link',
        at: '2026-03-10T03:00:00.000Z',
      },
    ]);

    // The GET page now shows what is on record.
    expect(await (await fetch(links.accept)).text()).toContain('目前紀錄：不克出席');
  });

  it('records who attends for the unit (代理出席) and a note with the answer', async () => {
    const link = linksFor(march, mentalHealth.id).accept;
    const response = await post(
      link,
      'accept&attendeeName=%E5%AD%B8%E5%8B%99%E7%A7%91+%E7%8E%8B%E7%B5%84%E9%95%B7&note=%E6%9C%83%E6%99%9A%E5%88%B0+30+%E5%88%86%E9%90%98',
    );
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toContain('已記錄：出席');
    expect(page).toContain('學務科 王組長');
    expect((await rsvpsOf(march)).find((r) => r.contactId === mentalHealth.id)).toMatchObject({
      answer: 'accept',
      attendeeName: '學務科 王組長',
      note: '會晚到 30 分鐘',
    });
    // Opening the link again shows them, ready to change.
    const again = await (await fetch(link)).text();
    expect(again).toContain('value="學務科 王組長"');
    expect(again).toContain('會晚到 30 分鐘</textarea');
  });

  it('refuses a note that is too long with a zh-TW message under the field, keeps what was typed, and records nothing', async () => {
    const link = linksFor(march, police.id).accept;
    const before = await rsvpsOf(march);
    const note = `請協助安排停車位。${'很'.repeat(200)}`;
    const body = new URLSearchParams({ answer: 'accept', attendeeName: '副隊長 林小姐', note }).toString();
    const response = await fetch(link, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
    expect(response.status).toBe(422);
    const page = await response.text();
    expect(page).toMatch(/<p class="field-error" id="note-error">備註最多 200 個字，目前 209 個字。/);
    expect(page).toMatch(/<textarea[^>]*id="note"[^>]*aria-describedby="note-hint note-error"[^>]*aria-invalid="true"/);
    expect(page).toContain(`${note}</textarea`);
    expect(page).toContain('value="副隊長 林小姐"');
    expect(page).toContain('尚未記錄回覆');
    expect(await rsvpsOf(march)).toEqual(before);
  });

  it('refuses a stand-in named with a decline, and says how to fix it', async () => {
    const link = linksFor(march, health.id).decline;
    const response = await post(link, 'decline&attendeeName=%E9%99%B3%E7%A7%91%E5%93%A1');
    expect(response.status).toBe(422);
    const page = await response.text();
    expect(page).toContain('選擇「不克出席」時不需填寫出席人員');
    expect(page).toContain('value="陳科員"');
    expect((await rsvpsOf(march)).filter((r) => r.contactId === health.id)).toEqual([]);
  });

  it('accepts only a form post with an answer', async () => {
    const link = linksFor(march, health.id).accept;
    const json = await post(link, 'accept', 'application/json');
    expect(json.status).toBe(415);
    expect(await json.text()).toContain('不支援的格式');
    const multipart = new FormData();
    multipart.set('answer', 'accept');
    expect((await fetch(link, { method: 'POST', body: multipart })).status).toBe(415);
    expect((await post(link, 'maybe')).status).toBe(400);
    expect((await post(link, 'tentative')).status).toBe(400);
    expect(
      (
        await fetch(link, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: `answer=accept&pad=${'x'.repeat(10_000)}`,
        })
      ).status,
    ).toBe(413);
    expect((await rsvpsOf(march)).filter((r) => r.contactId === health.id)).toEqual([]);
  });

  describe('rejects bad tokens with a clear page and records nothing', () => {
    const claims = (fields: Partial<TokenClaims> = {}): TokenClaims => ({
      purpose: 'rsvp',
      seriesId,
      slotKey: '2026-03',
      contactId: education.id,
      sequence: 0,
      exp: Math.floor(new Date('2026-03-25T08:00:00Z').getTime() / 1000),
      ...fields,
    });

    it.each<[string, () => string, number, string]>([
      ['forged (signed with another key)', () => signToken(claims(), otherKey), 404, '連結無效'],
      [
        'tampered (slot changed after signing)',
        () => {
          const [, signature] = signToken(claims(), signingKey).split('.');
          return `${Buffer.from(JSON.stringify(claims({ slotKey: '2026-04' }))).toString('base64url')}.${signature}`;
        },
        404,
        '連結無效',
      ],
      [
        'tampered (contact changed after signing)',
        () => {
          const [, signature] = signToken(claims(), signingKey).split('.');
          return `${Buffer.from(JSON.stringify(claims({ contactId: police.id }))).toString('base64url')}.${signature}`;
        },
        404,
        '連結無效',
      ],
      ['malformed', () => 'not-a-token', 404, '連結無效'],
      ['truncated', () => signToken(claims(), signingKey).slice(0, -4), 404, '連結無效'],
      ['absurdly long', () => 'a'.repeat(3000), 404, '連結無效'],
      ['expired', () => signToken(claims({ exp: Math.floor(clock.getTime() / 1000) - 60 }), signingKey), 410, '連結已過期'],
      [
        'for another purpose (a minutes link)',
        () => signToken({ ...claims(), purpose: 'minutes', sequence: undefined, role: 'invitee', version: 0 }, signingKey),
        400,
        '不是出席回覆連結',
      ],
      ['for an occurrence that does not exist', () => signToken(claims({ slotKey: '2026-06' }), signingKey), 404, '查無此會議'],
      ['for a series that is not configured', () => signToken(claims({ seriesId: 'no-such-series' }), signingKey), 404, '查無此會議'],
      [
        'for a contact the series does not invite',
        () => signToken(claims({ contactId: notInvited.id }), signingKey),
        403,
        '不在邀請名單中',
      ],
      ['for a cancelled occurrence', () => signToken(claims({ slotKey: '2026-05', sequence: 1 }), signingKey), 410, '會議已取消'],
      [
        'for an older version of a moved occurrence',
        () => signToken(claims({ slotKey: '2026-04', sequence: 0 }), signingKey),
        409,
        '會議已異動',
      ],
    ])('%s', async (_label, make, status, heading) => {
      const url = tokenUrl(make());
      const before = await Promise.all([march, april, may].map(rsvpsOf));
      for (const response of [await fetch(url), await post(url, 'accept')]) {
        expect(response.status).toBe(status);
        const page = await response.text();
        expect(page).toContain(heading);
        expect(page).toContain('未記錄');
        expect(page).not.toMatch(/<form/);
        expect(page).not.toMatch(/<script/i);
      }
      expect(await Promise.all([march, april, may].map(rsvpsOf))).toEqual(before);
    });

    it('an expired link: the meeting is over', async () => {
      const link = linksFor(march, education.id).accept;
      clock = new Date('2026-03-25T08:00:00Z'); // 16:00 in Taipei, the meeting's end
      expect((await fetch(link)).status).toBe(410);
      expect((await post(link, 'accept')).status).toBe(410);
      expect((await rsvpsOf(march)).filter((r) => r.contactId === education.id)).toEqual([]);
    });
  });

  it('a token scoped to another occurrence records that occurrence only, whatever URL carries it', async () => {
    const aprilToken = tokenOf(linksFor(april, education.id).accept);
    const marchToken = tokenOf(linksFor(march, education.id).accept);
    // The token is the whole credential: a query or a path that names March changes nothing.
    const response = await post(`${baseUrl}/rsvp/${aprilToken}?answer=accept&slotKey=2026-03&token=${marchToken}`, 'accept');
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('115年4月22日（星期三）下午2時');
    expect((await rsvpsOf(april)).map((r) => [r.contactId, r.answer, r.sequence])).toEqual([[education.id, 'accept', 1]]);
    expect((await rsvpsOf(march)).filter((r) => r.contactId === education.id)).toEqual([]);
  });
});

describe('iMIP REPLY messages', () => {
  const organizer = config.secretariat.mailbox;
  let captured: string[] = [];

  /** Everything the runtime's JSON logger prints, at every level, while a test runs. */
  function captureLogs(): () => void {
    captured = [];
    runtimeLogger.setLogLevel('DEBUG');
    const capture = (chunk: unknown) => {
      captured.push(String(chunk));
      return true;
    };
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(capture);
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(capture);
    return () => {
      out.mockRestore();
      err.mockRestore();
      runtimeLogger.setLogLevel('ERROR');
    };
  }

  /** The SES receipt rule stores each message in S3; here the "bucket" is a map. */
  const bucket = new Map<string, Buffer>();
  const handler = sesReplyHandler((name, key) => {
    const raw = bucket.get(`${name}/${key}`);
    return raw ? Promise.resolve(raw) : Promise.reject(new Error('NoSuchKey'));
  });
  const s3Event = (key: string): S3Event =>
    ({
      Records: [
        {
          eventName: 'ObjectCreated:Put',
          s3: { bucket: { name: 'replies' }, object: { key: encodeURIComponent(key).replace(/%20/g, '+') } },
        },
      ],
    }) as unknown as S3Event;

  async function deliver(key: string, raw: Buffer) {
    bucket.set(`replies/${key}`, raw);
    const [result] = await handler(s3Event(key));
    return result!.result;
  }

  it('records an Outlook REPLY arriving through SES and S3', async () => {
    const raw = await outlookReply({
      uid: march.uid,
      sequence: 0,
      attendee: health.email,
      from: health.email,
      partstat: 'ACCEPTED',
      organizer,
    });
    expect(await deliver('inbound/outlook reply 1', raw)).toMatchObject({
      outcome: 'recorded',
      source: 'imip',
      contactIds: [health.id],
      answer: 'accept',
    });
    expect((await rsvpsOf(march)).find((r) => r.contactId === health.id)).toMatchObject({ answer: 'accept', sequence: 0, source: 'imip' });
  });

  it('holds a Big5 Outlook REPLY (Outlook in Taiwan) from someone not invited, with their Chinese name read right', async () => {
    const calendar = exchangeReply
      .replace(corpusUid, march.uid)
      .replace('MAILTO:WC.Leader@Police.Example.org', `MAILTO:${notInvited.email}`);
    const raw = replyMessage({
      calendar: big5(calendar),
      charset: 'big5',
      method: 'REPLY',
      from: `王小明 <${notInvited.email}>`,
      to: organizer,
    });
    expect(await deliver('inbound/big5 reply', raw)).toMatchObject({ outcome: 'ignored', reason: 'not-invited', held: true });
    const held = (await listHeldReplies(stack().table)).find((r) => r.attendee === notInvited.email.toLowerCase());
    expect(held).toMatchObject({ attendeeName: '王小明', partstat: 'ACCEPTED', reason: 'not-invited' });
  });

  it('records an Apple Mail REPLY fed from a local .eml file, replacing the earlier answer', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rsvp-'));
    try {
      const file = join(dir, 'reply.eml');
      await writeFile(
        file,
        await appleReply({
          uid: march.uid,
          sequence: 0,
          attendee: health.email.toUpperCase(),
          from: health.email,
          partstat: 'DECLINED',
          organizer,
        }),
      );
      const result = await feedReplyFile({ table: stack().table, config, now: () => new Date('2026-03-11T00:00:00Z') }, file);
      expect(result).toMatchObject({ outcome: 'recorded', contactIds: [health.id], answer: 'decline' });
      expect((await rsvpsOf(march)).find((r) => r.contactId === health.id)).toMatchObject({
        answer: 'decline',
        source: 'imip',
        at: '2026-03-11T00:00:00.000Z',
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('ignores a REPLY whose From is not the attendee, and logs it without any address', async () => {
    const forger = 'forger@attacker.example.net';
    const before = await rsvpsOf(march);
    const restore = captureLogs();
    let result;
    try {
      result = await deliver(
        'inbound/forged',
        await gmailReply({ uid: march.uid, sequence: 0, attendee: education.email, from: forger, partstat: 'DECLINED', organizer }),
      );
    } finally {
      restore();
    }
    expect(result).toMatchObject({ outcome: 'ignored', reason: 'from-mismatch', seriesId, slotKey: '2026-03', contactIds: [education.id] });
    expect(await rsvpsOf(march)).toEqual(before);

    const lines = captured
      .join('')
      .split('\n')
      .filter((line) => line.trim().startsWith('{'));
    const mismatch = lines.map((line) => JSON.parse(line) as Record<string, unknown>).find((entry) => entry.reason === 'from-mismatch');
    expect(mismatch).toMatchObject({ level: 'WARN', outcome: 'ignored', seriesId, slotKey: '2026-03', contactIds: [education.id] });
    const everything = captured.join('');
    expect(everything).not.toContain(forger);
    expect(everything.toLowerCase()).not.toContain(education.email.toLowerCase());
    expect(everything).not.toMatch(/[\w.+-]+@[\w-]+\.[\w.-]+/);
  });

  it('ignores a REPLY to an older SEQUENCE than the meeting is at', async () => {
    const raw = await outlookReply({
      uid: april.uid,
      sequence: 0,
      attendee: police.email,
      from: police.email,
      partstat: 'DECLINED',
      organizer,
    });
    expect(await deliver('inbound/stale', raw)).toMatchObject({
      outcome: 'stale',
      sequence: 0,
      currentSequence: 1,
      contactIds: [police.id],
    });
    expect((await rsvpsOf(april)).filter((r) => r.contactId === police.id)).toEqual([]);

    const current = await outlookReply({
      uid: april.uid,
      sequence: 1,
      attendee: police.email,
      from: police.email,
      partstat: 'TENTATIVE',
      organizer,
    });
    expect(await deliver('inbound/current', current)).toMatchObject({ outcome: 'recorded', answer: 'tentative', sequence: 1 });
  });

  it('ignores replies to unknown UIDs and cancelled meetings, and holds those from people nobody invited', async () => {
    const stranger = 'stranger@example.com';
    expect(
      await deliver(
        'inbound/unknown',
        await outlookReply({ uid: 'not-ours@example.com', attendee: police.email, from: police.email, partstat: 'ACCEPTED', organizer }),
      ),
    ).toMatchObject({ outcome: 'ignored', reason: 'unknown-uid' });
    expect(
      await deliver(
        'inbound/cancelled',
        await outlookReply({ uid: may.uid, sequence: 1, attendee: police.email, from: police.email, partstat: 'ACCEPTED', organizer }),
      ),
    ).toMatchObject({ outcome: 'ignored', reason: 'cancelled' });
    expect(
      await deliver(
        'inbound/stranger',
        await outlookReply({ uid: march.uid, attendee: stranger, from: stranger, partstat: 'ACCEPTED', organizer }),
      ),
    ).toMatchObject({ outcome: 'ignored', reason: 'not-invited', held: true });
    expect(
      await deliver(
        'inbound/not-invited',
        await outlookReply({ uid: march.uid, attendee: notInvited.email, from: notInvited.email, partstat: 'ACCEPTED', organizer }),
      ),
    ).toMatchObject({ outcome: 'ignored', reason: 'not-invited' });
    expect(await rsvpsOf(may)).toEqual([]);
    expect((await rsvpsOf(march)).map((r) => r.contactId)).not.toContain(notInvited.id);
  });

  it('records nothing from a message that is not a REPLY, and says why', async () => {
    const request = await outlookReply({
      uid: march.uid,
      attendee: police.email,
      from: police.email,
      partstat: 'ACCEPTED',
      organizer,
      method: 'REQUEST',
    });
    // Not an answer; as mail that is no calendar reply it goes to the forward (plain-mail-forward.test.ts),
    // which sends nothing here: this county has no forward address and SES wrote no verdicts.
    expect(await deliver('inbound/request', request)).toMatchObject({ rejected: 'wrong-method', detail: 'REQUEST' });
  });
});

describe('the RSVP store', () => {
  it('ignores an answer for an older sequence than the stored one; an equal or newer one replaces it', async () => {
    const table = stack().table;
    const slotKey = '2026-07';
    const base = { seriesId, slotKey, contactId: police.id, source: 'imip' as const, at: '2026-07-01T00:00:00.000Z' };
    expect(await recordRsvp(table, { ...base, answer: 'accept', sequence: 2 })).toBe(true);
    expect(await recordRsvp(table, { ...base, answer: 'decline', sequence: 1 })).toBe(false);
    expect((await listRsvps(table, seriesId, slotKey)).map((r) => [r.answer, r.sequence])).toEqual([['accept', 2]]);
    expect(await recordRsvp(table, { ...base, answer: 'decline', sequence: 2 })).toBe(true);
    expect(await recordRsvp(table, { ...base, answer: 'tentative', sequence: 3 })).toBe(true);
    expect((await listRsvps(table, seriesId, slotKey)).map((r) => [r.answer, r.sequence])).toEqual([['tentative', 3]]);
    // An ad-hoc slot that starts with the same month is another occurrence.
    expect(await listRsvps(table, seriesId, '2026-07-15')).toEqual([]);
  });
});
