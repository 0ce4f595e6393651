// The 開會通知單 link in an invitation, end to end: the daily cron plans and sends the March 2026 case
// conference through the SES emulator; each invitation, parsed back with mailparser and ical.js,
// carries a personal signed link in its text and HTML parts, never in the calendar object, and
// attaches no file. Opening the link over real HTTP gives the meeting's current notice as a PDF
// that poppler reads back, audited under the person; after a move the same link gives the 更正.
// Forged, cut, expired, other-county, not-invited and cancelled-meeting links get a zh-TW page and
// write nothing. With SCREENSHOT_DIR set, the PDFs a unit received are kept there for a person to look at.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { serveApp, type ServedApp } from '../support/serve-app.ts';
import { PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useEmbeddedStack } from '../support/embedded-stack.ts';
import { calendarOf, rawMessageOf, storedEmails } from '../support/ses-store.ts';
import { caseConference, config, officeCalendar, taipeiMorning } from '../support/planning-fixtures.ts';
import { countyB, tainanConfigJson } from '../support/two-counties.ts';
import { pdfText, compact } from '../support/documents/poppler.ts';
import { runCronCycle } from '../../lib/local-stack/cron-cycle.ts';
import { createApp } from '../../functions/http/app.ts';
import { countiesOf } from '../../functions/adapters/config/county-registry.ts';
import { countyConfigSchema } from '../../functions/core/series/county-config.ts';
import { keys } from '../../functions/adapters/dynamodb/keys.ts';
import { listAudit } from '../../functions/adapters/dynamodb/minutes-store.ts';
import { listIssuedNotices } from '../../functions/adapters/dynamodb/notice-store.ts';
import { linkSigningKey } from '../../functions/adapters/secrets/link-signing-key.ts';
import { countyBaseUrl, countySigningKey } from '../../functions/core/access/signed-token.ts';
import { noticeDocumentLink } from '../../functions/core/access/notice-document-link.ts';
import { changeOccurrence } from '../../functions/use-cases/secretariat/change-occurrence.ts';
import { inProcessDocumentRenderer } from '../../functions/use-cases/documents/in-process-renderer.ts';

const stack = useEmbeddedStack();
const A = config.county.id;
const cronMorning = taipeiMorning('2026-03-09');
/** The app's clock; tests move it past the meeting. */
let clock = Date.parse('2026-03-10T02:00:00Z');
const sentBase = 'http://127.0.0.1:3000'; // PUBLIC_BASE_URL of the embedded stack: where the mail's links point
const linkPattern = new RegExp(`${sentBase.replace(/[.:/]/g, '\\$&')}/c/${A}/documents/notice/[A-Za-z0-9_%.-]+`, 'g');
/** What a chair wrote about a child: it is in the table beside the meeting, and must never reach a notice. */
const caseText = '個案林小華（化名）於2月間遭受';

let server: ServedApp | undefined;
let origin = '';
/** Each invitee's link, by address, as the mail carried it. */
const linkOf = new Map<string, string>();

const local = (link: string) => link.replace(sentBase, origin);

beforeAll(async () => {
  const { table } = stack();
  await runCronCycle(new Date(cronMorning.epochMilliseconds));
  const counties = countiesOf([config, countyConfigSchema.parse(tainanConfigJson())]);
  const app = createApp({
    connection: table,
    counties,
    now: () => new Date(clock),
    signingKey: await linkSigningKey(),
    renderDocument: inProcessDocumentRenderer({ connection: table, counties }),
  });
  server = await serveApp(app);
  origin = server.origin;
});

afterAll(async () => {
  await server?.close();
});

async function scan(): Promise<Record<string, unknown>[]> {
  const { table } = stack();
  const items: Record<string, unknown>[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await table.client.send(new ScanCommand({ TableName: table.tableName, ConsistentRead: true, ExclusiveStartKey }));
    items.push(...(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items.sort((x, y) => `${String(x.pk)}|${String(x.sk)}`.localeCompare(`${String(y.pk)}|${String(y.sk)}`));
}

async function download(link: string, keepAs?: string) {
  const response = await fetch(link);
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (keepAs && process.env.SCREENSHOT_DIR) writeFileSync(join(process.env.SCREENSHOT_DIR, keepAs), bytes);
  return { status: response.status, headers: response.headers, bytes };
}

/** A refused link: the status, a zh-TW page with the heading, and not one item written. */
async function refused(link: string, status: number, heading: string) {
  const before = await scan();
  const response = await fetch(link);
  const page = await response.text();
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^text\/html/);
  expect(response.headers.get('cache-control')).toBe('no-store');
  expect(page).toContain('<html lang="zh-Hant-TW">');
  expect(page).toContain(`<h1>${heading}`);
  expect(page).not.toContain(caseConference.name.zh);
  expect(await scan()).toEqual(before);
}

describe('the 開會通知單 link in an invitation', () => {
  it('is personal, in the text and HTML parts only: never in the calendar object, and nothing is attached', async () => {
    const invitations = (await storedEmails(stack().sesEndpoint)).filter(
      (e) => e.subject.includes(caseConference.name.zh) && e.subject.includes('開會通知'),
    );
    expect(invitations.length).toBeGreaterThan(3);
    for (const email of invitations) {
      const { parsed } = await rawMessageOf(email);
      const inText = [...new Set(parsed.text!.match(linkPattern))];
      expect(inText, email.destination.to.join()).toHaveLength(1);
      const link = inText[0]!;
      expect(parsed.html).toContain(`href="${link}"`);
      // The calendar object, both as the alternative part and as the .ics attachment.
      for (const part of parsed.attachments) {
        expect(['text/calendar', 'application/ics']).toContain(part.contentType);
        expect(part.content.toString('utf8')).not.toContain('/documents/notice/');
      }
      expect(String(calendarOf(email).vevent.getFirstPropertyValue('description') ?? '')).not.toContain('documents/notice');
      linkOf.set(email.destination.to.join(), link);
    }
    // One link a person: no two invitees share one.
    expect(new Set(linkOf.values()).size).toBe(invitations.length);
  });

  it("gives the meeting's notice as a PDF, issued once and audited under each person who opens it", async () => {
    const { table } = stack();
    // Minutes with case text beside the meeting: a notice is made from the configuration and the meeting only.
    await table.client.send(
      new PutCommand({
        TableName: table.tableName,
        Item: {
          pk: keys.series(A, caseConference.id),
          sk: keys.minutesHead('2026-03'),
          entity: 'minutes-head',
          seriesId: caseConference.id,
          slotKey: '2026-03',
          state: 'draft',
          version: 1,
          minutes: { attendance: [], summary: caseText, resolutions: [caseText], actionItems: [] },
        },
      }),
    );
    const [first, second] = [...linkOf.values()];
    const file = await download(local(first!), 'notice-by-link.pdf');
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/pdf');
    expect(file.headers.get('cache-control')).toBe('no-store');
    expect(decodeURIComponent(file.headers.get('content-disposition')!)).toContain('開會通知單.pdf');
    const text = compact(await pdfText(file.bytes));
    expect(text).toContain(compact(caseConference.name.zh));
    expect(text).toContain('開會通知單');
    expect(text).toContain('115年3月25日');
    expect(text).not.toContain(compact(caseText));

    expect(await listIssuedNotices(table, caseConference.id, '2026-03')).toHaveLength(1);
    expect((await download(local(second!))).status).toBe(200);
    // The second person gets the same notice: no new 發文字號.
    const notices = await listIssuedNotices(table, caseConference.id, '2026-03');
    expect(notices.map((n) => [n.revision, n.kind])).toEqual([[1, 'original']]);

    const audit = await listAudit(table, caseConference.id, '2026-03');
    const issued = audit.filter((a) => a.action === 'issue-notice');
    const downloads = audit.filter((a) => a.action === 'download-document');
    expect(issued).toHaveLength(1);
    expect(issued[0]!.actor).toMatchObject({ kind: 'invitee', via: 'notice-document-link' });
    expect(downloads.map((d) => [d.actor.kind, d.document, d.version])).toEqual([
      ['invitee', 'meeting-notice.pdf', 1],
      ['invitee', 'meeting-notice.pdf', 1],
    ]);
    const contacts = downloads.map((d) => (d.actor.kind === 'invitee' ? d.actor.contactId : ''));
    expect(new Set(contacts).size).toBe(2);
  });

  it('refuses a forged, cut or borrowed token with a zh-TW page, and writes nothing', async () => {
    const link = local([...linkOf.values()][0]!);
    const token = decodeURIComponent(link.slice(link.lastIndexOf('/') + 1));
    const [payload, signature] = token.split('.') as [string, string];
    const flipped = signature.slice(0, -1) + (signature.endsWith('A') ? 'B' : 'A');
    const base = `${origin}/c/${A}/documents/notice/`;
    await refused(`${base}${encodeURIComponent(`${payload}.${flipped}`)}`, 404, '連結無效');
    await refused(`${base}${encodeURIComponent(token.slice(0, -10))}`, 404, '連結無效');
    await refused(`${base}not-a-token`, 404, '連結無效');
    // Claims rewritten to another meeting, signature kept: the signature covers the claims.
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    const other = Buffer.from(JSON.stringify({ ...claims, slotKey: '2026-04' })).toString('base64url');
    await refused(`${base}${encodeURIComponent(`${other}.${signature}`)}`, 404, '連結無效');
    // An RSVP token from the same mail, correctly signed, is not a notice link.
    const invitation = (await storedEmails(stack().sesEndpoint)).find((e) => e.subject.includes('開會通知'))!;
    const rsvp = /\/rsvp\/([^?\s"]+)\?answer=accept/.exec((await rawMessageOf(invitation)).parsed.text!)![1]!;
    await refused(`${base}${rsvp}`, 404, '連結無效');
  });

  it("is nothing on another county's routes", async () => {
    await refused(local([...linkOf.values()][0]!).replace(`/c/${A}/`, `/c/${countyB}/`), 404, '連結無效');
  });

  it('refuses a contact who is not invited to the meeting, though the link is correctly signed', async () => {
    const labour = config.units.find((u) => !caseConference.invitedUnitIds.includes(u.id) && u.contacts.length > 0)!;
    const link = noticeDocumentLink({
      baseUrl: countyBaseUrl(origin, A),
      key: countySigningKey(await linkSigningKey(), A),
      seriesId: caseConference.id,
      slotKey: '2026-03',
      contactId: labour.contacts[0]!.id,
      meetingStart: new Date('2026-03-25T06:00:00Z'),
      meetingEnd: new Date('2026-03-25T08:00:00Z'),
      now: new Date(clock),
    });
    await refused(link, 403, '不在邀請名單中');
  });

  it('after a move, the same link gives the 更正 with the new date', async () => {
    await changeOccurrence(stack().table, config, officeCalendar, {
      kind: 'move',
      seriesId: caseConference.id,
      occurrence: '2026-03-25',
      date: '2026-03-26',
      reason: '會議室衝突',
      actor: { id: 'officer-huang' },
      now: cronMorning.add({ hours: 30 }),
    });
    const file = await download(local([...linkOf.values()][0]!), 'notice-by-link-correction.pdf');
    expect(file.status).toBe(200);
    const text = compact(await pdfText(file.bytes));
    expect(text).toContain('更正');
    expect(text).toContain('115年3月26日');
    const notices = await listIssuedNotices(stack().table, caseConference.id, '2026-03');
    expect(notices.map((n) => n.kind)).toEqual(['original', 'correction']);
  });

  it('has expired once the meeting is over', async () => {
    const saved = clock;
    clock = Date.parse('2026-03-26T08:00:01Z'); // the moved meeting ended at 16:00 Taipei
    try {
      await refused(local([...linkOf.values()][0]!), 410, '連結已過期');
    } finally {
      clock = saved;
    }
  });

  it('refuses a cancelled meeting', async () => {
    await changeOccurrence(stack().table, config, officeCalendar, {
      kind: 'cancel',
      seriesId: caseConference.id,
      occurrence: '2026-03',
      reason: '颱風停止上班',
      actor: { id: 'officer-huang' },
      now: cronMorning.add({ hours: 31 }),
    });
    await refused(local([...linkOf.values()][0]!), 410, '會議已取消');
  });
});
