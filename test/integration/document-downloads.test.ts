// The secretariat's documents over real HTTP against DynamoDB Local, rendered by the same renderer
// the document Lambda runs (in-process here, as under `npm start`), and read back by parsers that
// share no code with the writers: poppler's pdftotext for PDFs, jszip + saxes for ODT, exceljs for
// XLSX. The March 2026 case conference of 嘉義縣 is announced, moved and cancelled; its minutes are
// refused until approved; every download leaves an audit record, and no refusal writes anything.
import { createHash, randomBytes } from 'node:crypto';
import { serveApp, type ServedApp } from '../support/serve-app.ts';
import { PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useEmbeddedStack } from '../support/embedded-stack.ts';
import { testOccurrence } from '../support/test-occurrence.ts';
import { compact, pdfText, positionsInOrder } from '../support/documents/poppler.ts';
import { readOdt } from '../support/documents/odt-reader.ts';
import { createApp, secretariatGroup } from '../../functions/http/app.ts';
import { countiesOf } from '../../functions/adapters/config/county-registry.ts';
import { loadCountyConfigFile } from '../../functions/adapters/config/county-config-file.ts';
import { keys } from '../../functions/adapters/dynamodb/keys.ts';
import { createOccurrence } from '../../functions/adapters/dynamodb/occurrence-store.ts';
import { recordRsvp } from '../../functions/adapters/dynamodb/rsvp-store.ts';
import { listAudit, listViewsAudit } from '../../functions/adapters/dynamodb/minutes-store.ts';
import { lastDocumentSerial } from '../../functions/adapters/dynamodb/notice-store.ts';
import { inProcessDocumentRenderer } from '../../functions/use-cases/documents/in-process-renderer.ts';
import type { Occurrence } from '../../functions/core/planning/occurrence.ts';
import { startLocalSecretariatSigner, type LocalSecretariatSigner } from '../../lib/local-stack/local-secretariat-signer.ts';

const stack = useEmbeddedStack();
const config = loadCountyConfigFile();
const county = config.county.id;
const series = 'child-protection-case-conference';
const panel = 'placement-review-panel';

// A clock the tests set, moving 1 ms at every look so audit records sort in the order things happened.
let clock = Date.parse('2026-03-04T01:00:00Z'); // Wednesday 4 March 2026, 09:00 in Taipei
const now = () => new Date(++clock);
const setClock = (iso: string) => (clock = Date.parse(iso));

const february = testOccurrence({ seriesId: series, slotKey: '2026-02', date: '2026-02-25' });
const march = testOccurrence({ seriesId: series, slotKey: '2026-03', date: '2026-03-25', chairUnitId: 'police-women-children' });
const april = testOccurrence({ seriesId: series, slotKey: '2026-04', date: '2026-04-22', chairUnitId: 'health-bureau' });
const panelMarch = testOccurrence({ seriesId: panel, slotKey: '2026-03', date: '2026-03-20', chairUnitId: 'social-child-welfare' });

let server: ServedApp | undefined;
let base: string;
let signer: LocalSecretariatSigner;
let token: string;
let otherCountyToken: string;

beforeAll(async () => {
  const { table } = stack();
  for (const occurrence of [february, march, april, panelMarch]) await createOccurrence(table, occurrence);
  signer = await startLocalSecretariatSigner();
  token = await signer.mint({ subject: 'officer-huang', groups: [secretariatGroup(county)] });
  otherCountyToken = await signer.mint({ subject: 'officer-tainan', groups: [secretariatGroup('tainan-city')] });
  const counties = countiesOf([config]);
  const app = createApp({
    connection: table,
    counties,
    now,
    signingKey: randomBytes(32),
    secretariatAuth: signer.authOptions,
    renderDocument: inProcessDocumentRenderer({ connection: table, counties }),
  });
  server = await serveApp(app);
  base = `${server.origin}/c/${county}`;
});

afterAll(async () => {
  await server?.close();
  await signer?.stop();
});

type Answer = { status: number; headers: Headers; bytes: Uint8Array; json: Record<string, unknown> };

async function call(method: string, path: string, options: { body?: unknown; token?: string | null } = {}): Promise<Answer> {
  const headers: Record<string, string> = {};
  const bearer = options.token === undefined ? token : options.token;
  if (bearer) headers.authorization = `Bearer ${bearer}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${base}${path}`, {
    method,
    headers,
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  });
  const bytes = new Uint8Array(await response.arrayBuffer());
  let json: Record<string, unknown> = {};
  if ((response.headers.get('content-type') ?? '').startsWith('application/json'))
    json = JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
  return { status: response.status, headers: response.headers, bytes, json };
}
const get = (path: string, options: { token?: string | null } = {}) => call('GET', path, options);

/** The name a browser saves the file as: filename*, decoded; and the ASCII stand-in. */
function savedAs(answer: Answer): { name: string; fallback: string } {
  const header = answer.headers.get('content-disposition') ?? '';
  expect(header).toMatch(/^attachment; filename="[A-Za-z0-9._-]+"; filename\*=UTF-8''[A-Za-z0-9%!#$&+.^_`|~-]+$/);
  return {
    name: decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(header)![1]!),
    fallback: /filename="([^"]+)"/.exec(header)![1]!,
  };
}

async function scan(): Promise<Record<string, unknown>[]> {
  const { table } = stack();
  const { Items } = await table.client.send(new ScanCommand({ TableName: table.tableName, ConsistentRead: true }));
  return (Items ?? []).sort((x, y) => `${String(x.pk)}|${String(x.sk)}`.localeCompare(`${String(y.pk)}|${String(y.sk)}`));
}

const downloads = async (slot: string, seriesId = series) =>
  (await listAudit(stack().table, seriesId, slot)).filter((a) => a.action === 'download-document');

async function storeOccurrence(occurrence: Occurrence): Promise<void> {
  const { table } = stack();
  await table.client.send(
    new PutCommand({
      TableName: table.tableName,
      Item: { pk: keys.series(county, occurrence.seriesId), sk: keys.occurrence(occurrence.slotKey), entity: 'occurrence', ...occurrence },
    }),
  );
}

describe('開會通知單', () => {
  it('is a real PDF of the meeting, with the year’s first 發文字號, saved under its Chinese name', async () => {
    const answer = await get(`/secretariat/documents/notices/${series}/2026-03?format=pdf`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/pdf');
    expect(answer.headers.get('cache-control')).toBe('no-store');
    expect(answer.headers.get('x-notice-revision')).toBe('1');
    expect(savedAs(answer)).toEqual({
      name: '115年度第二次強化兒少保護跨網絡合作會議開會通知單.pdf',
      fallback: `meeting-notice-${series}-2026-03-1.pdf`,
    });
    const text = compact(await pdfText(answer.bytes));
    const fields = [
      '嘉義縣政府開會通知單',
      '受文者：如出席者',
      '發文日期：中華民國115年3月4日',
      '發文字號：府社字第1150000001號',
      '開會事由：召開本縣115年度第二次強化兒少保護跨網絡合作會議',
      '開會時間：115年3月25日（星期三）下午2時',
      '主持人：警察局婦幼警察隊',
      '出席者：社會局兒少保護科',
    ];
    expect(positionsInOrder(text, fields).every((at) => at >= 0)).toBe(true);
  });

  it('is the same notice, with the same number, in every format until the meeting changes', async () => {
    const odt = await get(`/secretariat/documents/notices/${series}/2026-03?format=odt`);
    expect(odt.status).toBe(200);
    expect(odt.headers.get('content-type')).toBe('application/vnd.oasis.opendocument.text');
    expect(savedAs(odt).name).toBe('115年度第二次強化兒少保護跨網絡合作會議開會通知單.odt');
    const read = await readOdt(odt.bytes);
    expect(read.mimetypeFirstAndStored).toBe(true);
    expect(read.paragraphs.join('')).toContain('府社字第1150000001號');
    expect(await lastDocumentSerial(stack().table, 2026)).toBe(1);
  });

  it('never gives two notices the same number, and one meeting one notice, when officers download at once', async () => {
    const [april1, panel1, april2] = await Promise.all([
      get(`/secretariat/documents/notices/${series}/2026-04`),
      get(`/secretariat/documents/notices/${panel}/2026-03`),
      get(`/secretariat/documents/notices/${series}/2026-04?format=odt`),
    ]);
    expect([april1.status, panel1.status, april2.status]).toEqual([200, 200, 200]);
    const numberOf = async (answer: Answer) =>
      answer.headers.get('content-type') === 'application/pdf'
        ? /府社字第(\d+)號/.exec(compact(await pdfText(answer.bytes)))![1]
        : /府社字第(\d+)號/.exec((await readOdt(answer.bytes)).paragraphs.join(''))![1];
    const aprilNumber = await numberOf(april1);
    expect(await numberOf(april2)).toBe(aprilNumber);
    expect(new Set([aprilNumber, await numberOf(panel1)])).toEqual(new Set(['1150000002', '1150000003']));
    expect(await lastDocumentSerial(stack().table, 2026)).toBe(3);
  });

  it('issues a 更正 with a new number that names the notice it corrects, once the meeting moves', async () => {
    setClock('2026-03-10T01:00:00Z');
    await storeOccurrence({ ...march, date: '2026-03-26', sequence: 1, updatedAt: '2026-03-10T00:30:00Z' });
    const answer = await get(`/secretariat/documents/notices/${series}/2026-03`);
    expect(answer.headers.get('x-notice-revision')).toBe('2');
    expect(answer.headers.get('x-notice-kind')).toBe('correction');
    expect(savedAs(answer).name).toBe('115年度第二次強化兒少保護跨網絡合作會議開會通知單（更正）.pdf');
    const text = compact(await pdfText(answer.bytes));
    expect(text).toContain('嘉義縣政府開會通知單（更正）');
    expect(text).toContain('發文字號：府社字第1150000004號');
    expect(text).toContain('本件更正本府115年3月4日府社字第1150000001號開會通知單');
    expect(text).toContain('開會時間由115年3月25日（星期三）下午2時改為115年3月26日（星期四）下午2時');
  });

  it('issues a 取消 that withdraws the latest notice when the meeting is cancelled, and keeps every earlier one', async () => {
    setClock('2026-03-12T01:00:00Z');
    await storeOccurrence({ ...march, date: '2026-03-26', sequence: 2, status: 'cancelled', updatedAt: '2026-03-12T00:30:00Z' });
    await stack().table.client.send(
      new PutCommand({
        TableName: stack().table.tableName,
        Item: {
          pk: keys.series(county, series),
          sk: keys.override('2026-03'),
          entity: 'override',
          seriesId: series,
          slotKey: '2026-03',
          cancelled: true,
          reason: '颱風停止上班',
          updatedBy: 'officer-huang',
          updatedAt: '2026-03-12T00:30:00Z',
          version: 1,
        },
      }),
    );
    const cancelled = await get(`/secretariat/documents/notices/${series}/2026-03`);
    expect(cancelled.headers.get('x-notice-kind')).toBe('cancellation');
    const text = compact(await pdfText(cancelled.bytes));
    expect(text).toContain('嘉義縣政府開會通知單（取消）');
    expect(text).toContain('本件取消本府115年3月10日府社字第1150000004號開會通知單所訂會議，原因：颱風停止上班。');

    const history = await get(`/secretariat/documents/notices/${series}/2026-03/history`);
    expect(history.json.notices).toEqual([
      { revision: 1, kind: 'original', documentNumber: '府社字第1150000001號', issuedOn: '2026-03-04', sequence: 0 },
      {
        revision: 2,
        kind: 'correction',
        documentNumber: '府社字第1150000004號',
        issuedOn: '2026-03-10',
        sequence: 1,
        supersedes: { revision: 1, issuedOn: '2026-03-04', documentNumber: '府社字第1150000001號' },
      },
      {
        revision: 3,
        kind: 'cancellation',
        documentNumber: '府社字第1150000005號',
        issuedOn: '2026-03-12',
        sequence: 2,
        supersedes: { revision: 2, issuedOn: '2026-03-10', documentNumber: '府社字第1150000004號' },
      },
    ]);
    // The first notice, downloaded again, is the document it was.
    const first = await get(`/secretariat/documents/notices/${series}/2026-03?revision=1`);
    expect(compact(await pdfText(first.bytes))).toContain('開會時間：115年3月25日（星期三）下午2時');
    expect(await lastDocumentSerial(stack().table, 2026)).toBe(5);
  });

  it('prints the office and contact the secretariat set, and refuses a pattern without a serial', async () => {
    const refused = await call('PUT', '/secretariat/documents/notice-settings', {
      body: { issuer: { name: '嘉義縣政府' }, contact: { name: '林承辦', phone: '(05)362-0900' }, documentNumberPattern: '府社字第號' },
    });
    expect(refused.status).toBe(422);
    expect(refused.json).toMatchObject({ error: 'invalid-input', field: 'documentNumberPattern' });
    const saved = await call('PUT', '/secretariat/documents/notice-settings', {
      body: {
        issuer: { name: '嘉義縣政府', address: '612401嘉義縣太保市祥和一路東段1號' },
        contact: { name: '林承辦', phone: '(05)362-0900分機5123' },
        documentNumberPattern: '府社保字第{rocYear}{seq:7}號',
      },
    });
    expect(saved.status).toBe(200);
    const answer = await get(`/secretariat/documents/notices/${series}/2026-02`);
    const text = compact(await pdfText(answer.bytes));
    expect(text).toContain('承辦人：林承辦');
    expect(text).toContain('發文字號：府社保字第1150000006號');
  });

  it('refuses each wrong setting in zh-TW, naming the field as the notice prints it, and stores nothing', async () => {
    const valid = {
      issuer: { name: '嘉義縣政府', address: '612401嘉義縣太保市祥和一路東段1號', fax: '(05)362-0000' },
      contact: { name: '林承辦', phone: '(05)362-0900分機5123', email: 'lin@cyhg.gov.tw' },
      documentNumberPattern: '府社保字第{rocYear}{seq:7}號',
    };
    const withIssuer = (issuer: Record<string, unknown>) => ({ ...valid, issuer: { ...valid.issuer, ...issuer } });
    const withContact = (contact: Record<string, unknown>) => ({ ...valid, contact: { ...valid.contact, ...contact } });
    const { issuer: _issuer, ...noIssuer } = valid;
    const { name: _name, ...issuerWithoutName } = valid.issuer;
    const { documentNumberPattern: _pattern, ...noPattern } = valid;
    const cases: Array<[string, unknown, string, string]> = [
      ['an address without a domain', withContact({ email: 'lin@cyhg' }), 'contact.email', '承辦人電子信箱格式不正確'],
      ['an address written out', withContact({ email: 'lin(at)cyhg.gov.tw' }), 'contact.email', '承辦人電子信箱格式不正確'],
      [
        'an address of 255 characters',
        withContact({ email: `${'l'.repeat(64)}@${'c'.repeat(183)}.gov.tw` }),
        'contact.email',
        '承辦人電子信箱不可超過 254 個字',
      ],
      ['no issuing office', noIssuer, 'issuer', '請填寫發文機關'],
      ['the office as a line, not its name and address', { ...valid, issuer: '嘉義縣政府' }, 'issuer', '發文機關格式不正確'],
      ['no office name', { ...valid, issuer: issuerWithoutName }, 'issuer.name', '請填寫發文機關名稱'],
      ['an office name of spaces', withIssuer({ name: '   ' }), 'issuer.name', '請填寫發文機關名稱'],
      ['an address of 121 characters', withIssuer({ address: '嘉'.repeat(121) }), 'issuer.address', '發文機關地址不可超過 120 個字'],
      ['a fax on two lines', withIssuer({ fax: '(05)362-0000\n(05)362-0001' }), 'issuer.fax', '發文機關傳真須為單行文字'],
      ['no 承辦人', { ...valid, contact: undefined }, 'contact', '請填寫承辦人資料'],
      ['an empty 承辦人 name', withContact({ name: '' }), 'contact.name', '請填寫承辦人姓名'],
      ['a telephone as a number', withContact({ phone: 53620900 }), 'contact.phone', '承辦人電話須為文字'],
      ['a telephone of 61 characters', withContact({ phone: '0'.repeat(61) }), 'contact.phone', '承辦人電話不可超過 60 個字'],
      ['no 發文字號 pattern', noPattern, 'documentNumberPattern', '請填寫發文字號格式'],
      ['a field the notice does not have', withContact({ mobile: '0912-345-678' }), 'contact.mobile', '不認得的欄位「contact.mobile」'],
      ['a list instead of the settings', [valid], 'body', '內容須為通知單設定：發文機關、承辦人資料與發文字號格式'],
    ];
    const before = await scan();
    const shown = await get('/secretariat/documents/notice-settings');
    for (const [what, body, field, message] of cases) {
      const refused = await call('PUT', '/secretariat/documents/notice-settings', { body });
      expect({ what, status: refused.status, json: refused.json }).toEqual({
        what,
        status: 422,
        json: { error: 'invalid-input', field, message },
      });
    }
    expect(await scan()).toEqual(before);
    expect((await get('/secretariat/documents/notice-settings')).json).toEqual(shown.json);
    // The same settings, correct, are taken as they are.
    const saved = await call('PUT', '/secretariat/documents/notice-settings', { body: valid });
    expect(saved.status).toBe(200);
    expect(saved.json).toMatchObject(valid);
  });

  it('records every download on the meeting’s audit trail, with who and which revision', async () => {
    const before = (await downloads('2026-04')).length;
    await get(`/secretariat/documents/notices/${series}/2026-04?format=odt`);
    const after = await downloads('2026-04');
    expect(after).toHaveLength(before + 1);
    expect(after.at(-1)).toMatchObject({
      document: 'meeting-notice.odt',
      version: 1,
      actor: { kind: 'secretariat', subject: 'officer-huang' },
    });
    const issues = (await listAudit(stack().table, series, '2026-03')).filter((a) => a.action === 'issue-notice');
    expect(issues.map((a) => a.document)).toEqual(['府社字第1150000001號', '府社字第1150000004號', '府社字第1150000005號']);
  });
});

describe('簽到表', () => {
  it('names who answered for each unit, deputies marked, as a real PDF', async () => {
    const { table } = stack();
    const at = '2026-04-01T00:00:00Z';
    await recordRsvp(table, {
      seriesId: series,
      slotKey: '2026-04',
      contactId: 'social-cp-chief',
      answer: 'accept',
      sequence: 0,
      source: 'link',
      at,
    });
    await recordRsvp(table, {
      seriesId: series,
      slotKey: '2026-04',
      contactId: 'police-wc-leader',
      answer: 'accept',
      sequence: 0,
      source: 'link',
      at,
      attendeeName: '李大同',
    });
    const answer = await get(`/secretariat/documents/sign-in-sheets/${series}/2026-04`);
    expect(answer.status).toBe(200);
    // The second of the year: the cancelled March meeting has no number.
    expect(savedAs(answer).name).toBe('115年度第二次強化兒少保護跨網絡合作會議簽到表.pdf');
    const text = compact(await pdfText(answer.bytes));
    expect(text).toContain('簽到表');
    expect(text).toContain('李大同');
    expect(text).toContain('代理');
    expect((await downloads('2026-04')).at(-1)).toMatchObject({ document: 'sign-in-sheet.pdf' });
  });

  it('is refused for a cancelled meeting, with nothing written', async () => {
    const before = await scan();
    const answer = await get(`/secretariat/documents/sign-in-sheets/${series}/2026-03`);
    expect(answer.status).toBe(409);
    expect(answer.json).toEqual({ error: 'meeting-cancelled', field: 'slotKey', message: '此場會議已取消，無須簽到表' });
    expect(await scan()).toEqual(before);
  });
});

describe('會議紀錄', () => {
  const path = `/secretariat/documents/minutes/${series}/2026-02`;
  const minutes = {
    attendance: [
      { unitId: 'social-child-protection', present: true, names: ['王喆'] },
      { unitId: 'police-women-children', present: true, names: ['李大同'] },
      { unitId: 'health-bureau', present: true, names: ['張美玲'] },
      { unitId: 'education-department', present: false, names: [] },
      { unitId: 'mental-health-center', present: true, names: ['黃志明'] },
      { unitId: 'child-welfare-ngo', present: false, names: [] },
    ],
    summary: '上次會議決議事項均已辦理完竣，解除列管。',
    resolutions: ['請警政與社政於下次會議前完成聯合訪視。'],
    actionItems: [{ description: '完成聯合訪視', ownerUnitId: 'police-women-children', dueDate: '2026-03-20', status: 'open' }],
  };

  it('are refused until approved, to the secretariat too, and the refusal writes nothing', async () => {
    setClock('2026-02-26T02:00:00Z');
    const before = await scan();
    const none = await get(path);
    expect(none.status).toBe(409);
    expect(none.json).toMatchObject({ error: 'minutes-not-approved', message: '會議紀錄核定後才能下載（目前：尚無紀錄）' });
    expect(await scan()).toEqual(before);

    expect((await call('PUT', `/secretariat/minutes/${series}/2026-02`, { body: { expectedVersion: 0, minutes } })).status).toBe(200);
    expect((await call('POST', `/secretariat/minutes/${series}/2026-02/submit`)).status).toBe(200);
    const submitted = await get(path);
    expect(submitted.status).toBe(409);
    expect(submitted.json.message).toBe('會議紀錄核定後才能下載（目前：已送出、待核定）');
    expect((await downloads('2026-02')).filter((a) => a.document?.startsWith('minutes'))).toHaveLength(0);
  });

  it('are the same bytes at every export of the approved version, before and after distribution, each download audited', async () => {
    expect((await call('POST', `/secretariat/minutes/${series}/2026-02/approve`)).status).toBe(200);
    const approved = await get(path);
    expect(approved.status).toBe(200);
    expect(approved.headers.get('x-minutes-version')).toBe('3');
    expect(savedAs(approved).name).toBe('115年度第一次強化兒少保護跨網絡合作會議紀錄（第3版）.pdf');
    const text = compact(await pdfText(approved.bytes));
    expect(text).toContain('115年度第一次強化兒少保護跨網絡合作會議紀錄');
    expect(text).toContain('請警政與社政於下次會議前完成聯合訪視。');

    expect((await call('POST', `/secretariat/minutes/${series}/2026-02/distribute`)).status).toBe(200);
    const again = await get(path);
    const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
    expect(sha(again.bytes)).toBe(sha(approved.bytes));
    expect(again.headers.get('x-minutes-version')).toBe('3');

    const odt = await get(`${path}?format=odt`);
    const odtAgain = await get(`${path}?format=odt`);
    expect(odt.headers.get('content-type')).toBe('application/vnd.oasis.opendocument.text');
    expect(sha(odtAgain.bytes)).toBe(sha(odt.bytes));

    const minutesDownloads = (await downloads('2026-02')).filter((a) => a.document?.startsWith('minutes'));
    expect(minutesDownloads.map((a) => [a.document, a.version, a.state])).toEqual([
      ['minutes.pdf', 3, 'approved'],
      ['minutes.pdf', 3, 'distributed'],
      ['minutes.odt', 3, 'distributed'],
      ['minutes.odt', 3, 'distributed'],
    ]);
  });
});

describe('the annual plan', () => {
  it('is a workbook with the overview and a sheet per series, read back by exceljs', async () => {
    const answer = await get('/secretariat/documents/annual-plans/2026?format=xlsx');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(savedAs(answer).name).toBe('嘉義縣115年度社會安全網會議年度計畫.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(answer.bytes) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)[0]).toBe('總覽');
    expect(workbook.worksheets).toHaveLength(1 + config.series.length);
  });

  it('is a CSV for Excel (BOM, CRLF) and a printable PDF; a year with nothing planned says so', async () => {
    const csv = await get('/secretariat/documents/annual-plans/2026?format=csv');
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(csv.bytes);
    expect(text.startsWith('\uFEFF序號,辦理日期,會議名稱')).toBe(true);
    expect(text).toContain('\r\n');

    const pdf = await get('/secretariat/documents/annual-plans/2026?format=pdf');
    expect(compact(await pdfText(pdf.bytes))).toContain('嘉義縣115年度社會安全網會議年度計畫');

    const empty = await get('/secretariat/documents/annual-plans/2019?format=csv');
    expect(new TextDecoder().decode(empty.bytes)).toContain('嘉義縣108年度尚無排定之會議。');
    const audit = (await listViewsAudit(stack().table)).filter((a) => a.action === 'download-document').map((a) => a.document);
    expect(audit).toEqual(['annual-plan-2026.xlsx', 'annual-plan-2026.csv', 'annual-plan-2026.pdf', 'annual-plan-2019.csv']);
  });
});

describe('who may download', () => {
  it('refuses anyone without the county’s secretariat group, an unknown meeting and a bad format, writing nothing', async () => {
    const before = await scan();
    expect((await get(`/secretariat/documents/notices/${series}/2026-04`, { token: null })).status).toBe(401);
    expect((await get(`/secretariat/documents/notices/${series}/2026-04`, { token: otherCountyToken })).status).toBe(403);
    expect((await get(`/secretariat/documents/minutes/${series}/2026-02`, { token: otherCountyToken })).status).toBe(403);
    const unknown = await get(`/secretariat/documents/notices/${series}/2027-13`);
    expect(unknown.status).toBe(404);
    expect(unknown.json).toMatchObject({ error: 'no-such-meeting', field: 'slotKey' });
    const format = await get(`/secretariat/documents/notices/${series}/2026-04?format=docx`);
    expect(format.status).toBe(422);
    expect(format.json).toMatchObject({ error: 'invalid-input', field: 'format' });
    expect(await scan()).toEqual(before);
  });
});
