// Minutes over real HTTP (@hono/node-server on a free port) against DynamoDB Local and the SES
// emulator: a chair drafts, edits and submits; the secretariat, signed in with a JWT verified
// against the local signer's JWKS, approves and distributes; every invited contact is mailed a
// read link, never the text. Every refusal is its own test and leaves the table exactly as it was.
import { randomBytes } from 'node:crypto';
import { serveApp, type ServedApp } from '../support/serve-app.ts';
import { ScanCommand, type ScanCommandOutput } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { useEmbeddedStack } from '../support/embedded-stack.ts';
import { storedEmails } from '../support/ses-store.ts';
import { createApp, secretariatGroup } from '../../functions/http/app.ts';
import { countiesOf } from '../../functions/adapters/config/county-registry.ts';
import { countySigningKey } from '../../functions/core/access/signed-token.ts';
import { loadCountyConfigFile } from '../../functions/adapters/config/county-config-file.ts';
import { createOccurrence } from '../../functions/adapters/dynamodb/occurrence-store.ts';
import { listMinutesVersions } from '../../functions/adapters/dynamodb/minutes-store.ts';
import { getLinkVersion, loadLinkVersions } from '../../functions/adapters/dynamodb/link-version-store.ts';
import { signToken } from '../../functions/core/access/signed-token.ts';
import type { Occurrence } from '../../functions/core/planning/occurrence.ts';
import type { MinutesContent } from '../../functions/core/minutes/minutes-schema.ts';
import type { AuditRecord } from '../../functions/core/minutes/minutes-record.ts';
import { signMinutesLink, minutesNoticeLinks, type MinutesRole } from '../../functions/use-cases/minutes/minutes-links.ts';
import { openActionItems } from '../../functions/use-cases/minutes/minutes-views.ts';
import { defaultDispatchOptions, dispatchOutbox } from '../../functions/use-cases/dispatch-outbox.ts';
import { sesMailerFromEnv } from '../../functions/adapters/ses/ses-mailer.ts';
import { queueNotice } from '../../functions/adapters/dynamodb/outbox-store.ts';
import { logger } from '../../functions/handlers/runtime.ts';
import { startLocalSecretariatSigner, type LocalSecretariatSigner } from '../../lib/local-stack/local-secretariat-signer.ts';
import { testOccurrence } from '../support/test-occurrence.ts';

const stack = useEmbeddedStack();
const config = loadCountyConfigFile();
const series = config.series.find((s) => s.id === 'child-protection-case-conference')!;
const panel = config.series.find((s) => s.id === 'placement-review-panel')!;
/** The deployment's link secret; the county's routes check links signed with the key derived from it. */
const deploymentKey = randomBytes(32);
const signingKey = countySigningKey(deploymentKey, config.county.id);

// A clock that moves forward 1 ms at every look, so audit records sort in the order things happened.
let clock = Date.parse('2026-03-26T02:00:00Z'); // Thursday 26 March 2026, 10:00 in Taipei
const now = () => new Date(++clock);
const setClock = (iso: string) => (clock = Date.parse(iso));

const chair = 'social-cp-chief'; // 社會局 兒少保護科, the chair unit of March
const coChair = 'social-cp-officer'; // the same unit's officer, who may write too
const invitee = 'health-mh-chief'; // 衛生局 心理健康科, invited
const notInvited = 'labour-youth-chief'; // 勞青處, not invited to the case conference

let server: ServedApp | undefined;
let baseUrl: string;
let signer: LocalSecretariatSigner;
let secretariatToken: string;
const logLines: string[] = [];

function occurrence(seriesId: string, slotKey: string, date: string, chairUnitId: string): Occurrence {
  return testOccurrence({ seriesId, slotKey, date, chairUnitId });
}

beforeAll(async () => {
  // Every log line the handlers write, to prove none carries an address or minutes text.
  logger.setLogLevel('INFO');
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    logLines.push(String(chunk));
    return true;
  });
  const { table } = stack();
  await createOccurrence(table, occurrence(series.id, '2026-02', '2026-02-25', 'social-child-protection'));
  await createOccurrence(table, occurrence(series.id, '2026-03', '2026-03-25', 'social-child-protection'));
  await createOccurrence(table, occurrence(series.id, '2026-04', '2026-04-22', 'police-women-children'));
  await createOccurrence(table, occurrence(panel.id, '2026-03', '2026-03-20', 'social-child-welfare'));
  signer = await startLocalSecretariatSigner();
  secretariatToken = await signer.mint({ subject: 'officer-wang', groups: [secretariatGroup(config.county.id)] });
  const app = createApp({
    connection: table,
    counties: countiesOf([config]),
    now,
    signingKey: deploymentKey,
    secretariatAuth: signer.authOptions,
  });
  server = await serveApp(app);
  baseUrl = `${server.origin}/c/${config.county.id}`;
});

afterAll(async () => {
  vi.restoreAllMocks();
  logger.setLogLevel('ERROR');
  await server?.close();
  await signer?.stop();
});

async function link(role: MinutesRole, contactId: string, slotKey = '2026-03', seriesId = series.id): Promise<string> {
  const linkVersion = await getLinkVersion(stack().table, contactId);
  return signMinutesLink({ seriesId, slotKey, contactId, role, linkVersion, now: now() }, signingKey, baseUrl).url;
}
const apiOf = (url: string) => url.replace('/minutes/', '/api/minutes/');

async function call(method: string, url: string, body?: unknown, headers: Record<string, string> = {}) {
  const init: RequestInit = { method, headers: { ...headers }, redirect: 'manual' };
  if (body !== undefined) {
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
    (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
  }
  const response = await fetch(url.startsWith('http') ? url : `${baseUrl}${url}`, init);
  const text = await response.text();
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    /* a page */
  }
  return { status: response.status, json, text, headers: response.headers };
}
const asSecretariat = (method: string, path: string, body?: unknown) =>
  call(method, path, body, { authorization: `Bearer ${secretariatToken}` });

async function scanTable(): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: ScanCommandOutput['LastEvaluatedKey'];
  do {
    const page = await stack().table.client.send(
      new ScanCommand({ TableName: stack().table.tableName, ConsistentRead: true, ExclusiveStartKey: startKey }),
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items.sort((a, b) => `${String(a.pk)}|${String(a.sk)}`.localeCompare(`${String(b.pk)}|${String(b.sk)}`));
}

const summaryMarker = '機密摘要-不得外流';
const resolutionMarker = '決議甲：<script>window.__pwned=1</script>';
function marchMinutes(overrides: Partial<MinutesContent> = {}): MinutesContent {
  return {
    attendance: series.invitedUnitIds.map((unitId, index) => ({
      unitId,
      present: index < 5,
      names: index < 5 ? [`出席者${index + 1}`] : [],
    })),
    summary: `${summaryMarker}：本月討論個案 3 案。`,
    resolutions: [resolutionMarker, '決議乙：衛政提供資源清單。'],
    actionItems: [
      { description: '警政完成聯合訪視', ownerUnitId: 'police-women-children', dueDate: '2026-04-15', status: 'open' },
      { description: '衛政提供資源清單', ownerUnitId: 'health-bureau', dueDate: '2026-04-01', status: 'done' },
      { description: '教育處追蹤就學狀況', ownerUnitId: 'education-department', dueDate: '2026-05-31', status: 'open' },
    ],
    ...overrides,
  };
}

/** What the audit trail of March must show, appended as the tests act. */
const expectedTrail: Array<Pick<AuditRecord, 'action'> & { who: string }> = [];
const expectAudit = (action: AuditRecord['action'], who: string) => expectedTrail.push({ action, who });

describe('minutes: the chair drafts, edits and submits', () => {
  it('opens empty minutes with the chair link', async () => {
    const response = await call('GET', apiOf(await link('chair', chair)));
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({
      state: 'none',
      version: 0,
      role: 'chair',
      dueDate: '2026-04-08',
      minutes: { attendance: [], resolutions: [] },
    });
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    expectAudit('read', `chair:${chair}`);
  });

  it('saves a draft, then an edit as a new version', async () => {
    const url = apiOf(await link('chair', chair));
    const draft = marchMinutes({ summary: '', attendance: [], actionItems: [] });
    expect((await call('PUT', url, { expectedVersion: 0, minutes: draft })).json).toEqual({ state: 'draft', version: 1 });
    expectAudit('save', `chair:${chair}`);
    expect((await call('PUT', url, { expectedVersion: 1, minutes: marchMinutes() })).json).toEqual({ state: 'draft', version: 2 });
    expectAudit('save', `chair:${chair}`);

    const read = await call('GET', url);
    expectAudit('read', `chair:${chair}`);
    expect(read.json).toMatchObject({ state: 'draft', version: 2, minutes: marchMinutes() });
    const versions = await listMinutesVersions(stack().table, series.id, '2026-03');
    expect(versions.map((v) => [v.version, v.state, v.event, v.minutes.summary])).toEqual([
      [1, 'draft', 'save', ''],
      [2, 'draft', 'save', marchMinutes().summary],
    ]);
  });

  it('refuses the second of two concurrent saves from the same version with 409, and loses neither', async () => {
    const chairUrl = apiOf(await link('chair', chair));
    const coChairUrl = apiOf(await link('chair', coChair));
    const mine = marchMinutes({ resolutions: [resolutionMarker, '科長版本'] });
    const theirs = marchMinutes({ resolutions: [resolutionMarker, '承辦人版本'] });
    const [a, b] = await Promise.all([
      call('PUT', chairUrl, { expectedVersion: 2, minutes: mine }),
      call('PUT', coChairUrl, { expectedVersion: 2, minutes: theirs }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const [winner, loser] =
      a.status === 200
        ? [
            { r: a, m: mine, who: chair, url: chairUrl },
            { r: b, m: theirs, who: coChair, url: coChairUrl },
          ]
        : [
            { r: b, m: theirs, who: coChair, url: coChairUrl },
            { r: a, m: mine, who: chair, url: chairUrl },
          ];
    expectAudit('save', `chair:${winner.who}`);
    expect(loser.r.json).toMatchObject({ error: 'version-conflict', currentVersion: 3 });

    // Version 3 is the winner's, whole; nothing of the loser's was stored.
    let versions = await listMinutesVersions(stack().table, series.id, '2026-03');
    expect(versions.map((v) => v.version)).toEqual([1, 2, 3]);
    expect(versions[2]!.minutes).toEqual(winner.m);
    expect(versions[2]!.savedBy).toMatchObject({ kind: 'chair', contactId: winner.who });

    // The loser was told, and saves again on top of version 3: both are kept.
    expect((await call('PUT', loser.url, { expectedVersion: 3, minutes: loser.m })).json).toEqual({ state: 'draft', version: 4 });
    expectAudit('save', `chair:${loser.who}`);
    versions = await listMinutesVersions(stack().table, series.id, '2026-03');
    expect(versions.map((v) => v.minutes)).toEqual([expect.anything(), marchMinutes(), winner.m, loser.m]);
  });

  it('keeps exactly one of many saves racing from the same version', async () => {
    const urls = await Promise.all([chair, coChair, chair, coChair, chair].map((contact) => link('chair', contact)));
    const results = await Promise.all(
      urls.map((url, index) =>
        call('PUT', apiOf(url), { expectedVersion: 4, minutes: marchMinutes({ resolutions: [resolutionMarker, `第${index}份`] }) }),
      ),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(4);
    const winner = results.findIndex((r) => r.status === 200);
    expectAudit('save', `chair:${[chair, coChair, chair, coChair, chair][winner]}`);
    const versions = await listMinutesVersions(stack().table, series.id, '2026-03');
    expect(versions.map((v) => v.version)).toEqual([1, 2, 3, 4, 5]);
    expect(versions[4]!.minutes.resolutions[1]).toBe(`第${winner}份`);
    // Put the agreed text back for the rest of the story.
    expect((await call('PUT', apiOf(urls[0]!), { expectedVersion: 5, minutes: marchMinutes() })).status).toBe(200);
    expectAudit('save', `chair:${chair}`);
  });

  it('does not show undistributed minutes to an invited contact', async () => {
    const response = await call('GET', apiOf(await link('invitee', invitee)));
    expect(response.status).toBe(404);
    expect(response.json.error).toBe('not-distributed');
    expect(response.text).not.toContain(summaryMarker);
  });

  it('submits the current version, after which the chair can no longer change it', async () => {
    const url = apiOf(await link('chair', chair));
    expect((await call('POST', `${url}/submit`, { expectedVersion: 6 })).json).toEqual({ state: 'submitted', version: 7 });
    expectAudit('submit', `chair:${chair}`);
    const edit = await call('PUT', url, { expectedVersion: 7, minutes: marchMinutes({ summary: '改' }) });
    expect(edit.status).toBe(409);
    expect(edit.json.error).toBe('not-allowed-now');
  });
});

describe('minutes: the secretariat approves and distributes', () => {
  it('refuses the secretariat routes without a sign-in token, or with a chair link token as one', async () => {
    expect((await call('POST', `/secretariat/minutes/${series.id}/2026-03/approve`)).status).toBe(401);
    const chairToken = (await link('chair', chair)).split('/').at(-1)!;
    expect(
      (await call('POST', `/secretariat/minutes/${series.id}/2026-03/approve`, undefined, { authorization: `Bearer ${chairToken}` }))
        .status,
    ).toBe(401);
    expect((await call('GET', '/secretariat/minutes-status')).status).toBe(401);
  });

  it('approves; the open action items then carry forward to the next meeting of the series', async () => {
    expect(await openActionItems(stack().table, series.id)).toEqual([]); // submitted is not yet approved
    const approved = await asSecretariat('POST', `/secretariat/minutes/${series.id}/2026-03/approve`, { expectedVersion: 7 });
    expect(approved.json).toEqual({ state: 'approved', version: 8 });
    expectAudit('approve', 'secretariat:officer-wang');
    const carried = await openActionItems(stack().table, series.id);
    expect(carried.map((i) => [i.description, i.ownerUnitId, i.dueDate, i.slotKey])).toEqual([
      ['警政完成聯合訪視', 'police-women-children', '2026-04-15', '2026-03'],
      ['教育處追蹤就學狀況', 'education-department', '2026-05-31', '2026-03'],
    ]);
  });

  it("lists the open action items in the next meeting's invitation, without their text for a case conference", async () => {
    const recipient = {
      contactId: 'police-wc-leader',
      unitId: 'police-women-children',
      name: '婦幼警察隊',
      email: 'women-children.squad@example.org',
    };
    await queueNotice(stack().table, {
      seriesId: series.id,
      slotKey: '2026-04',
      kind: 'invitation',
      variant: 'request',
      sequence: 0,
      recipient,
      dueAt: new Date(0).toISOString(),
    });
    await dispatchOutbox(stack().table, sesMailerFromEnv(), config, {
      ...defaultDispatchOptions,
      shouldStop: () => false,
      links: () => ({}),
      now,
    });
    const invitation = (await storedEmails(stack().sesEndpoint)).find(
      (e) => e.subject.includes('開會通知') && e.subject.includes('115年4月22日'),
    );
    expect(invitation?.body.text).toContain('待辦事項追蹤（2 項未結）');
    // Formal text carries the ROC date only: 2026-04-15 is a Wednesday in ROC year 115.
    expect(invitation?.body.text).toContain('警察局 婦幼警察隊，期限 115年4月15日（星期三）');
    expect(invitation?.body.text).not.toContain('2026-04-15');
    // The chair typed these: in a meeting about children they stay in the minutes, out of mail.
    expect(invitation?.body.text).not.toContain('警政完成聯合訪視');
  });

  it('distributes: every invited contact is mailed a personal read link, not the minutes', async () => {
    const distributed = await asSecretariat('POST', `/secretariat/minutes/${series.id}/2026-03/distribute`);
    expectAudit('distribute', 'secretariat:officer-wang');
    const contacts = series.invitedUnitIds.flatMap((id) => config.units.find((u) => u.id === id)!.contacts);
    expect(distributed.json).toEqual({
      state: 'distributed',
      version: 9,
      recipients: contacts.length,
      queued: contacts.length,
      alreadyDistributed: false,
    });

    const linkVersions = await loadLinkVersions(stack().table);
    const results = await dispatchOutbox(stack().table, sesMailerFromEnv(), config, {
      ...defaultDispatchOptions,
      shouldStop: () => false,
      links: (item) => minutesNoticeLinks(item, { signingKey, baseUrl, linkVersions, now: now() }),
      now,
    });
    expect(results.map((r) => r.outcome)).toEqual(contacts.map(() => 'sent'));

    const mail = (await storedEmails(stack().sesEndpoint)).filter((e) => e.subject.includes('會議紀錄分送'));
    const addressOf = (to: string) => /<([^>]+)>/.exec(to)?.[1] ?? to;
    expect(mail.map((e) => addressOf(e.destination.to.join())).sort()).toEqual(contacts.map((c) => c.email).sort());
    for (const email of mail) {
      const text = `${email.body.text ?? ''}${email.body.html ?? ''}`;
      expect(text).not.toContain(summaryMarker);
      expect(text).not.toContain('決議甲');
      expect(text).not.toContain('聯合訪視');
      expect(text).toMatch(/\/minutes\/child-protection-case-conference\/2026-03\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/);
    }

    // The health bureau's chief follows the link in their e-mail and reads the minutes.
    const theirs = mail.find((e) => e.destination.to.join().includes('mental-health.chief@example.org'))!;
    const readLink = /(http:\/\/127\.0\.0\.1:\d+\/c\/[a-z0-9-]+\/minutes\/[^\s"<]+)/.exec(theirs.body.text ?? '')![1]!;
    const page = await call('GET', readLink);
    expectAudit('read', `invitee:${invitee}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(summaryMarker);
    expect(page.text).toContain('決議甲：&lt;script&gt;window.__pwned=1&lt;/script&gt;');
    expect(page.text).not.toContain('<script>');
    expect(page.text).not.toContain('<form');
    // The read link does not write.
    const write = await call('PUT', apiOf(readLink), { expectedVersion: 9, minutes: marchMinutes() });
    expect(write.status).toBe(403);
  });

  it('distributes again without mailing anyone twice', async () => {
    const again = await asSecretariat('POST', `/secretariat/minutes/${series.id}/2026-03/distribute`);
    expectAudit('distribute', 'secretariat:officer-wang');
    expect(again.json).toMatchObject({ state: 'distributed', version: 9, queued: 0, alreadyDistributed: true });
  });

  it('lists the audit trail of the meeting: who did what, when, through which credential', async () => {
    const trail = (await asSecretariat('GET', `/secretariat/minutes/${series.id}/2026-03/audit`)).json.audit as AuditRecord[];
    const who = (r: AuditRecord) =>
      r.actor.kind === 'secretariat' ? `secretariat:${r.actor.subject}` : `${r.actor.kind}:${r.actor.contactId}`;
    expect(trail.map((r) => ({ action: r.action, who: who(r) }))).toEqual(expectedTrail);
    for (const record of trail) {
      expect(record.actor.via).toMatch(/^(link|jwt):[A-Za-z0-9_-]{16}$/);
      expect(Date.parse(record.at)).toBeGreaterThan(Date.parse('2026-03-26T00:00:00Z'));
      expect(JSON.stringify(record)).not.toMatch(/@|機密摘要|決議甲/);
    }
    expect(trail.filter((r) => r.action !== 'read').map((r) => r.version)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 9]);
  });

  it('offers no way to change or delete an audit record', async () => {
    for (const method of ['PUT', 'PATCH', 'DELETE', 'POST']) {
      expect((await asSecretariat(method, `/secretariat/minutes/${series.id}/2026-03/audit`, {})).status).toBe(404);
    }
  });
});

describe('minutes: the secretariat follows up', () => {
  it('shows minutes status per meeting, and the missing April minutes as overdue once past due', async () => {
    setClock('2026-05-10T02:00:00Z');
    const status = (await asSecretariat('GET', `/secretariat/minutes-status?series=${series.id}`)).json.minutes as Array<
      Record<string, unknown>
    >;
    expect(status.map((r) => [r.slotKey, r.state, r.version, r.dueDate, r.overdue])).toEqual([
      ['2026-02', 'none', 0, '2026-03-11', true],
      ['2026-03', 'distributed', 9, '2026-04-08', false],
      ['2026-04', 'none', 0, '2026-05-06', true],
    ]);
  });

  it('refuses a filter it does not know in zh-TW, naming it', async () => {
    for (const [path, message] of [
      ['/secretariat/minutes-status?since=2026-3-1', '起始日期（since）須為 YYYY-MM-DD，例如 2026-03-01'],
      ['/secretariat/minutes-status?unit=police', '不認得的篩選條件「unit」，只能用 series（系列代號）與 since（起始日期）'],
      ['/secretariat/action-items?state=done', '待辦事項狀態（state）須為 open（未完成）或 overdue（逾期）'],
    ]) {
      const refused = await asSecretariat('GET', path!);
      expect({ path, status: refused.status, json: refused.json }).toEqual({
        path,
        status: 422,
        json: { error: 'invalid-query', message },
      });
    }
  });

  it('lists open and overdue action items across series', async () => {
    const open = (await asSecretariat('GET', '/secretariat/action-items?state=open')).json.actionItems as Array<Record<string, unknown>>;
    expect(open.map((i) => i.description)).toEqual(['警政完成聯合訪視', '教育處追蹤就學狀況']);
    const overdue = (await asSecretariat('GET', '/secretariat/action-items?state=overdue')).json.actionItems as Array<
      Record<string, unknown>
    >;
    expect(overdue.map((i) => [i.description, i.dueDate])).toEqual([['警政完成聯合訪視', '2026-04-15']]);
    expect((await asSecretariat('GET', '/secretariat/action-items?state=everything')).status).toBe(422);
  });

  it('lists overdue follow-up forms of the placement review panel', async () => {
    setClock('2026-03-21T02:00:00Z');
    const panelChair = 'social-cw-chief';
    const minutes: MinutesContent = {
      attendance: panel.invitedUnitIds.map((unitId) => ({ unitId, present: true, names: ['委員'] })),
      summary: '審查提案。',
      resolutions: [],
      actionItems: [],
      placementReview: {
        proposals: [
          { placementType: 'foster', caseCount: 3 },
          { placementType: 'institutional', caseCount: 2 },
        ],
        followUpForms: [
          { placementType: 'foster', formsOwed: 3, dueDate: '2026-05-01', status: 'owed' },
          { placementType: 'institutional', formsOwed: 2, dueDate: '2026-07-01', status: 'owed' },
        ],
      },
    };
    const saved = await call('PUT', apiOf(await link('chair', panelChair, '2026-03', panel.id)), { expectedVersion: 0, minutes });
    expect(saved.json).toEqual({ state: 'draft', version: 1 });
    setClock('2026-05-10T02:00:00Z');
    const report = (await asSecretariat('GET', '/secretariat/overdue')).json as {
      minutes: Array<Record<string, unknown>>;
      actionItems: Array<Record<string, unknown>>;
      followUpForms: Array<Record<string, unknown>>;
    };
    expect(report.followUpForms.map((f) => [f.seriesId, f.placementType, f.formsOwed, f.dueDate])).toEqual([
      [panel.id, 'foster', 3, '2026-05-01'],
    ]);
    expect(report.actionItems.map((i) => i.description)).toEqual(['警政完成聯合訪視']);
    expect(report.minutes.map((m) => `${String(m.seriesId)}/${String(m.slotKey)}`)).toEqual([
      `${series.id}/2026-02`,
      `${panel.id}/2026-03`,
      `${series.id}/2026-04`,
    ]);
  });

  it('marks an action item done, as a new version; it no longer carries forward', async () => {
    const done = await asSecretariat('POST', `/secretariat/minutes/${series.id}/2026-03/follow-up`, {
      expectedVersion: 9,
      actionItems: [{ index: 0, status: 'done' }],
    });
    expect(done.json).toEqual({ state: 'distributed', version: 10 });
    expect((await openActionItems(stack().table, series.id)).map((i) => i.description)).toEqual(['教育處追蹤就學狀況']);
    expect(((await asSecretariat('GET', '/secretariat/action-items?state=overdue')).json.actionItems as unknown[]).length).toBe(0);
  });
});

describe('minutes: refusals store nothing', () => {
  // February's minutes: the chair has a draft at version 1, so every request below would succeed
  // but for the one thing wrong with it.
  const slot = '2026-02';
  const body = () => ({ expectedVersion: 1, minutes: marchMinutes() });
  let chairUrl: string;

  beforeAll(async () => {
    setClock('2026-03-26T02:00:00Z');
    chairUrl = apiOf(await link('chair', chair, slot));
    expect((await call('PUT', chairUrl, { expectedVersion: 0, minutes: marchMinutes({ summary: '' }) })).status).toBe(200);
  });

  async function refused(request: () => Promise<{ status: number; json: Record<string, unknown> }>, status: number, error: string) {
    const before = await scanTable();
    const response = await request();
    expect(response.status).toBe(status);
    expect(response.json.error).toBe(error);
    expect(await scanTable()).toEqual(before);
  }

  it('refuses a forged token: a claim changed after signing', async () => {
    const [payload, signature] = chairUrl.split('/').at(-1)!.split('.') as [string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const forged = `${Buffer.from(JSON.stringify({ ...claims, contactId: chair, exp: (claims.exp as number) + 86_400 * 365 })).toString('base64url')}.${signature}`;
    await refused(() => call('PUT', chairUrl.replace(/[^/]+$/, forged), body()), 404, 'invalid-link');
  });

  it('refuses a forged token: signed with another key', async () => {
    const token = signToken(
      {
        purpose: 'minutes',
        seriesId: series.id,
        slotKey: slot,
        contactId: chair,
        role: 'chair',
        version: 0,
        exp: Math.floor(clock / 1000) + 3600,
      },
      randomBytes(32),
    );
    await refused(() => call('PUT', chairUrl.replace(/[^/]+$/, token), body()), 404, 'invalid-link');
  });

  it('refuses an expired token', async () => {
    const expired = signMinutesLink(
      { seriesId: series.id, slotKey: slot, contactId: chair, role: 'chair', linkVersion: 0, now: new Date(clock - 91 * 86_400_000) },
      signingKey,
      baseUrl,
    ).url;
    await refused(() => call('PUT', apiOf(expired), body()), 401, 'expired-link');
  });

  it('refuses another occurrence\u2019s token', async () => {
    const april = (await link('chair', 'police-wc-leader', '2026-04')).split('/').at(-1)!;
    await refused(() => call('PUT', chairUrl.replace(/[^/]+$/, april), body()), 403, 'wrong-occurrence');
    // Its own meeting's chair link from March does not open February either.
    const march = (await link('chair', chair, '2026-03')).split('/').at(-1)!;
    await refused(() => call('PUT', chairUrl.replace(/[^/]+$/, march), body()), 403, 'wrong-occurrence');
  });

  it('refuses a revoked token, and accepts the new one issued after', async () => {
    const old = apiOf(await link('chair', coChair, slot));
    const revoked = await asSecretariat('POST', `/secretariat/contacts/${coChair}/revoke-links`);
    expect(revoked.json).toEqual({ contactId: coChair, linkVersion: 1 });
    await refused(() => call('PUT', old, body()), 401, 'revoked-link');
    const fresh = await asSecretariat('POST', `/secretariat/minutes/${series.id}/${slot}/chair-link`, { contactId: coChair });
    expect(fresh.status).toBe(200);
    expect((await call('GET', apiOf(fresh.json.url as string))).status).toBe(200);
  });

  it('refuses a chair link for a contact outside the chair unit, in zh-TW, writing nothing', async () => {
    const before = await scanTable();
    const refusedLink = await asSecretariat('POST', `/secretariat/minutes/${series.id}/${slot}/chair-link`, { contactId: invitee });
    expect(refusedLink.status).toBe(403);
    expect(refusedLink.json.error).toBe('not-chair');
    expect(refusedLink.json.message).toMatch(/^此聯絡人不屬於本次會議的主持單位（contactId）/);
    expect(await scanTable()).toEqual(before);
  });

  it('refuses a non-chair writing: an invited contact\u2019s read link', async () => {
    await refused(async () => call('PUT', apiOf(await link('invitee', invitee, slot)), body()), 403, 'not-chair');
  });

  it('refuses a non-chair writing: a chair-role link for a contact of another unit', async () => {
    await refused(async () => call('PUT', apiOf(await link('chair', invitee, slot)), body()), 403, 'not-chair');
    await refused(async () => call('GET', apiOf(await link('invitee', notInvited, slot))), 403, 'not-invited');
  });

  it('refuses a body over the size limit', async () => {
    const huge = { expectedVersion: 1, minutes: marchMinutes({ summary: '紀'.repeat(30_000) }) };
    await refused(() => call('PUT', chairUrl, huge), 413, 'too-large');
  });

  it('refuses a field over its own limit', async () => {
    await refused(
      () => call('PUT', chairUrl, { expectedVersion: 1, minutes: marchMinutes({ summary: '紀'.repeat(4001) }) }),
      422,
      'invalid-minutes',
    );
  });

  it('refuses an unknown field', async () => {
    await refused(() => call('PUT', chairUrl, { ...body(), state: 'approved' }), 422, 'invalid-minutes');
    await refused(
      () => call('PUT', chairUrl, { expectedVersion: 1, minutes: { ...marchMinutes(), caseNames: ['王小明'] } }),
      422,
      'invalid-minutes',
    );
  });

  it('refuses a date that does not exist', async () => {
    const minutes = marchMinutes();
    minutes.actionItems[0]!.dueDate = '2026-02-30';
    await refused(() => call('PUT', chairUrl, { expectedVersion: 1, minutes }), 422, 'invalid-minutes');
  });

  it('refuses malformed JSON', async () => {
    await refused(() => call('PUT', chairUrl, '{"expectedVersion": 1, "minutes": {'), 400, 'malformed-json');
  });

  it('refuses a wrong content type', async () => {
    await refused(() => call('PUT', chairUrl, JSON.stringify(body()), { 'content-type': 'text/plain' }), 415, 'unsupported-media-type');
    await refused(
      () =>
        call('PUT', chairUrl, new URLSearchParams({ summary: 'x' }).toString(), { 'content-type': 'application/x-www-form-urlencoded' }),
      415,
      'unsupported-media-type',
    );
  });

  it('refuses a save from an old version', async () => {
    await refused(() => call('PUT', chairUrl, { ...body(), expectedVersion: 0 }), 409, 'version-conflict');
  });

  it('accepts the same request when nothing is wrong with it', async () => {
    expect((await call('PUT', chairUrl, body())).json).toEqual({ state: 'draft', version: 2 });
  });
});

describe('minutes: logs', () => {
  it('carry ids, states and versions, never an e-mail address or minutes text', () => {
    const logs = logLines.join('');
    expect(logs).toContain('"message":"minutes saved"');
    expect(logs).toContain('"message":"minutes request refused"');
    expect(logs).not.toMatch(/[A-Za-z0-9._-]+@[A-Za-z0-9-]+\.[a-z]/);
    for (const text of [summaryMarker, '決議甲', '聯合訪視', '科長版本', '紀紀紀', '王小明']) expect(logs).not.toContain(text);
  });
});
