// One minutes deadline everywhere. The notices give the chair a working day: 14 days after the
// meeting, or the next working day when that is a day off. The chair's minutes page, its JSON, the
// secretariat's status list, its meeting page and the console's overdue alert must state that same
// day, and none may call the minutes 逾期 while the chair's mail still gives them time.
//
// The case conference of Wednesday 4 February 2026: 14 days on is Wednesday 18 February, in the
// Lunar New Year days off (16 to 20 February), so the minutes are due Monday 23 February. And the
// March meeting (25 March, due 8 April) meets a typhoon closure the secretariat declares on 8 April,
// so it is due 9 April: closures stored in the table count as much as the bundled calendar.
import { randomBytes } from 'node:crypto';
import { serveApp, type ServedApp } from '../support/serve-app.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useEmbeddedStack } from '../support/embedded-stack.ts';
import { storedEmails } from '../support/ses-store.ts';
import { testOccurrence } from '../support/test-occurrence.ts';
import { createApp } from '../../functions/http/app.ts';
import { countiesOf } from '../../functions/adapters/config/county-registry.ts';
import { countySigningKey } from '../../functions/core/access/signed-token.ts';
import { loadCountyConfigFile } from '../../functions/adapters/config/county-config-file.ts';
import { createOccurrence } from '../../functions/adapters/dynamodb/occurrence-store.ts';
import { putClosureIfNone } from '../../functions/adapters/dynamodb/calendar-store.ts';
import { getLinkVersion } from '../../functions/adapters/dynamodb/link-version-store.ts';
import { queueNotice } from '../../functions/adapters/dynamodb/outbox-store.ts';
import { sesMailerFromEnv } from '../../functions/adapters/ses/ses-mailer.ts';
import { signMinutesLink } from '../../functions/use-cases/minutes/minutes-links.ts';
import { minutesStatus } from '../../functions/use-cases/minutes/minutes-views.ts';
import { consoleOverview } from '../../functions/use-cases/console/console-overview.ts';
import { meetingDetail } from '../../functions/use-cases/secretariat/meeting-detail.ts';
import { defaultDispatchOptions, dispatchOutbox } from '../../functions/use-cases/dispatch-outbox.ts';
import { Temporal } from '../../functions/core/calendar/local-date.ts';
import { startLocalSecretariatSigner, type LocalSecretariatSigner } from '../../lib/local-stack/local-secretariat-signer.ts';

const stack = useEmbeddedStack();
const config = loadCountyConfigFile();
const series = config.series.find((s) => s.id === 'child-protection-case-conference')!;
const deploymentKey = randomBytes(32);
const signingKey = countySigningKey(deploymentKey, config.county.id);
const chair = config.units.find((u) => u.id === 'social-child-protection')!.contacts[0]!;

/** 10:00 in Taipei on a YYYY-MM-DD. */
const taipeiMorning = (date: string) => new Date(`${date}T02:00:00Z`);
let clock = taipeiMorning('2026-02-19');
const now = () => clock;

let server: ServedApp | undefined;
let baseUrl: string;
// The minutes routes are mounted only where the secretariat can sign in.
let signer: LocalSecretariatSigner;

beforeAll(async () => {
  const { table } = stack();
  await createOccurrence(
    table,
    testOccurrence({ seriesId: series.id, slotKey: '2026-02', date: '2026-02-04', chairUnitId: 'social-child-protection' }),
  );
  await createOccurrence(
    table,
    testOccurrence({ seriesId: series.id, slotKey: '2026-03', date: '2026-03-25', chairUnitId: 'social-child-protection' }),
  );
  await putClosureIfNone(table, { date: '2026-04-08', reason: '颱風停止上班' }, 'officer-wang', '2026-04-07T10:00:00Z');
  signer = await startLocalSecretariatSigner();
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
  await server?.close();
  await signer?.stop();
});

async function chairPage(slotKey: string): Promise<{ page: string; json: Record<string, unknown> }> {
  const linkVersion = await getLinkVersion(stack().table, chair.id);
  const { url } = signMinutesLink(
    { seriesId: series.id, slotKey, contactId: chair.id, role: 'chair', linkVersion, now: now() },
    signingKey,
    baseUrl,
  );
  const page = await (await fetch(url)).text();
  const apiResponse = await fetch(url.replace('/minutes/', '/api/minutes/'));
  const apiText = await apiResponse.text();
  if (!apiResponse.ok) throw new Error(`${apiResponse.status} ${url} ${apiText.slice(0, 300)}`);
  const json = JSON.parse(apiText) as Record<string, unknown>;
  return { page, json };
}

/** The 繳交期限 line of the chair's minutes-due mail, as the SES emulator received it. */
async function mailedDeadline(slotKey: string, date: string): Promise<string> {
  await queueNotice(stack().table, {
    seriesId: series.id,
    slotKey,
    kind: 'minutes-due',
    variant: 'due',
    sequence: 0,
    recipient: { contactId: chair.id, unitId: 'social-child-protection', name: chair.name, email: chair.email },
    dueAt: new Date(0).toISOString(),
  });
  await dispatchOutbox(stack().table, sesMailerFromEnv(), config, {
    ...defaultDispatchOptions,
    shouldStop: () => false,
    links: () => ({}),
    now,
  });
  const [month, day] = [Number(date.slice(5, 7)), Number(date.slice(8, 10))];
  const mail = (await storedEmails(stack().sesEndpoint)).find(
    (e) =>
      e.destination.to.some((to) => to.includes(chair.email)) &&
      e.subject.includes('會議紀錄') &&
      e.subject.includes(`115年${month}月${day}日`),
  );
  const line = mail?.body.text?.split('\n').find((l) => l.startsWith('繳交期限：'));
  if (!line) throw new Error(`no minutes-due mail with a deadline for ${slotKey}: ${mail?.body.text ?? 'no mail'}`);
  return line.slice('繳交期限：'.length);
}

describe('the minutes deadline, as the notices state it', () => {
  it('the chair is mailed the working day after the Lunar New Year days off, and the minutes page and its JSON say the same', async () => {
    clock = taipeiMorning('2026-02-19');
    expect(await mailedDeadline('2026-02', '2026-02-04')).toBe('115年2月23日（星期一）');
    const { page, json } = await chairPage('2026-02');
    expect(page).toMatch(/<dt>繳交期限<\/dt>\s*<dd>115年2月23日（星期一）<\/dd>/);
    expect(json.dueDate).toBe('2026-02-23');
  });

  it('nothing the secretariat reads calls the minutes overdue before that day, and everything does after it', async () => {
    const context = { table: stack().table, config, now };
    for (const [day, overdue] of [
      ['2026-02-19', false], // the calendar-day deadline (18 February) has passed, the notice's has not
      ['2026-02-23', false], // the deadline itself
      ['2026-02-24', true],
    ] as const) {
      clock = taipeiMorning(day);
      const row = (await minutesStatus(context, { seriesId: series.id })).find((r) => r.slotKey === '2026-02')!;
      expect(row, day).toMatchObject({ dueDate: '2026-02-23', overdue });
      const alert = (await consoleOverview(context)).alerts.find((a) => a.kind === 'overdue-minutes');
      expect(alert !== undefined, `console overdue alert on ${day}`).toBe(overdue);
      const detail = await meetingDetail(stack().table, config, {
        seriesId: series.id,
        occurrence: '2026-02',
        actor: { id: 'officer-wang', via: 'test' },
        now: Temporal.Instant.fromEpochMilliseconds(now().getTime()),
      });
      expect(detail.minutes, day).toMatchObject({ dueDate: '2026-02-23', overdue });
    }
  });

  it('a typhoon closure the secretariat declared on the deadline moves it, in the mail and on every page alike', async () => {
    clock = taipeiMorning('2026-04-09');
    expect(await mailedDeadline('2026-03', '2026-03-25')).toBe('115年4月9日（星期四）');
    const { page, json } = await chairPage('2026-03');
    expect(page).toMatch(/<dt>繳交期限<\/dt>\s*<dd>115年4月9日（星期四）<\/dd>/);
    expect(json.dueDate).toBe('2026-04-09');
    const row = (await minutesStatus({ table: stack().table, config, now }, { seriesId: series.id })).find((r) => r.slotKey === '2026-03')!;
    expect(row).toMatchObject({ dueDate: '2026-04-09', overdue: false });
  });
});
