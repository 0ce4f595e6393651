// A plain e-mail to the secretariat mailbox, as SES's receipt rule stores it in S3 (its verdict
// fields on top), goes through the reply handler to the SES emulator, and is read back with
// mailparser as the 承辦人 receives it at the county's real mailbox: a new message from the
// county's own mailbox, Reply-To the sender, and the original attached whole.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { S3Event } from 'aws-lambda';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { loadCountyConfigFile } from '../../functions/adapters/config/county-config-file.ts';
import { claimForward } from '../../functions/adapters/dynamodb/forwarded-mail-store.ts';
import { sesMailerFromEnv } from '../../functions/adapters/ses/ses-mailer.ts';
import type { CountyConfig } from '../../functions/core/series/county-config.ts';
import { countyOfMessage, handleReplyObjects } from '../../functions/handlers/ses-reply.ts';
import { useEmbeddedStack } from '../support/embedded-stack.ts';
import { startFaultProxy } from '../support/fault-proxy.ts';
import { spawnTs, finished } from '../support/processes.ts';
import { clearStore, storedEmails } from '../support/ses-store.ts';
import { outlookReply } from '../unit/rsvp/reply-messages.ts';

const stack = useEmbeddedStack();
const chiayi = loadCountyConfigFile();
const forwardTo = 'social-affairs-safetynet@chiayi.example.org';
const config: CountyConfig = { ...chiayi, secretariat: { ...chiayi.secretariat, forwardTo } };
const mailbox = config.secretariat.mailbox;
const sender = { name: '王小明 偵查隊長', address: 'wang.xm@police.example.org' };
const subject = '請問 12 月兒少保護個案研討會議可否改派副隊長出席';
const body = '承辦人您好：\n\n12 月 23 日的會議本人另有勤務，擬請副隊長代理出席，請問是否可行？\n\n竹崎分局 王小明';

/** A person's message as their mail client sends it: text and a small attachment. */
async function personalMessage(fields: { subject?: string; headers?: Record<string, string>; from?: string } = {}): Promise<Buffer> {
  return new MailComposer({
    from: { name: sender.name, address: fields.from ?? sender.address },
    to: mailbox,
    subject: fields.subject ?? subject,
    date: new Date('2026-11-30T06:04:11Z'),
    messageId: '<CAF1234@mail.police.example.org>',
    text: body,
    attachments: [{ filename: '勤務表.txt', content: '12/23 14:00 專案勤務', contentType: 'text/plain' }],
    ...(fields.headers ? { headers: fields.headers } : {}),
  })
    .compile()
    .build();
}

/** What SES's S3 action stores: its own fields written above the message as it arrived. */
function asStoredBySes(message: Buffer, verdicts: { spam?: string; virus?: string } = { spam: 'PASS', virus: 'PASS' }): Buffer {
  const lines = [
    `Return-Path: <${sender.address}>`,
    'Received: from mail.police.example.org (mail.police.example.org [203.0.113.25])',
    ' by inbound-smtp.ap-northeast-1.amazonaws.com with SMTP id 8e2mq1s0tq0d7bd1example',
    ` for ${mailbox};`,
    ' Mon, 30 Nov 2026 06:05:02 +0000 (UTC)',
    ...(verdicts.spam ? [`X-SES-Spam-Verdict: ${verdicts.spam}`] : []),
    ...(verdicts.virus ? [`X-SES-Virus-Verdict: ${verdicts.virus}`] : []),
    'Received-SPF: pass (spfCheck: domain of police.example.org designates 203.0.113.25 as permitted sender) client-ip=203.0.113.25;',
    'Authentication-Results: amazonses.com;',
    ' spf=pass (spfCheck: domain of police.example.org designates 203.0.113.25 as permitted sender) client-ip=203.0.113.25;',
    ' dkim=pass header.i=@police.example.org;',
    ' dmarc=pass header.from=police.example.org;',
    'X-SES-RECEIPT: AEFBQUFBQUFBQUFFeGFtcGxlUmVjZWlwdA==',
  ];
  return Buffer.concat([Buffer.from(lines.join('\r\n') + '\r\n'), message]);
}

/** The S3 bucket SES writes to, as a map; the handler reads from it as from S3. */
const bucket = new Map<string, Buffer>();
const logs: { message: string; attributes: Record<string, unknown> }[] = [];
const logger = {
  info: (message: string, attributes: Record<string, unknown>) => logs.push({ message, attributes }),
  warn: (message: string, attributes: Record<string, unknown>) => logs.push({ message, attributes }),
};

async function deliver(key: string, raw: Buffer, county: CountyConfig = config, sesEndpoint = stack().sesEndpoint) {
  bucket.set(key, raw);
  const event = {
    Records: [
      {
        eventName: 'ObjectCreated:Put',
        eventTime: '2026-11-30T06:05:03.120Z', // 14:05 in Taipei
        s3: { bucket: { name: 'safetynet-replies' }, object: { key: encodeURIComponent(key) } },
      },
    ],
  } as unknown as S3Event;
  const [result] = await handleReplyObjects(event, {
    // As the handler finds it: by the mailbox in To or Cc, else by SES's envelope recipient.
    countyFor: (message) => {
      const found = countyOfMessage(message, [county]);
      return found ? { table: stack().table, config: found } : undefined;
    },
    fetchRawMail: (_bucket, objectKey) => Promise.resolve(bucket.get(objectKey)!),
    mailer: sesMailerFromEnv({ ...process.env, SES_ENDPOINT: sesEndpoint }),
    now: () => new Date('2026-11-30T06:05:04Z'),
    logger,
  });
  return result!.result;
}

async function forwardsReceived(): Promise<ParsedMail[]> {
  const emails = await storedEmails(stack().sesEndpoint);
  return Promise.all(emails.map((email) => simpleParser(Buffer.from(email.raw!, 'base64'))));
}

const single = (address: AddressObject | AddressObject[] | undefined) => [address ?? []].flat().flatMap((a) => a.value);

beforeEach(async () => {
  await clearStore(stack().sesEndpoint);
  logs.length = 0;
});

describe('a plain e-mail SES passed', () => {
  const key = 'replies/8e2mq1s0tq0d7bd1example';

  it('reaches the secretariat’s real mailbox as a new message from the county, answerable to the sender, with the original attached', async () => {
    const original = asStoredBySes(await personalMessage());
    expect(await deliver(key, original)).toMatchObject({ rejected: 'no-calendar-part', forward: { forward: 'forwarded', attached: true } });

    const [forward, ...more] = await forwardsReceived();
    expect(more).toEqual([]);
    // A new message from the county's sending mailbox (never the sender's From), to forwardTo only.
    expect(single(forward!.from)).toEqual([{ name: config.secretariat.name.zh, address: mailbox }]);
    expect(single(forward!.to).map((a) => a.address)).toEqual([forwardTo]);
    expect(single(forward!.replyTo)).toEqual([sender]);
    expect(forward!.subject).toBe(`轉寄：${subject}`);
    expect(forward!.headers.get('auto-submitted')).toBe('auto-generated');

    // The note: who wrote to which mailbox, and when, in Taipei time with a 民國 date.
    const text = forward!.text!;
    expect(text).toContain(`寄件人：${sender.name} <${sender.address}>`);
    expect(text).toContain('收信時間：115年11月30日（星期一）下午2時5分（臺北時間）');
    expect(text).toContain(`主旨：${subject}`);
    expect(text).toContain(mailbox);
    expect(text).toContain('直接按「回覆」');
    // The body travels in the attachment, not in the note.
    expect(text).not.toContain('副隊長代理出席');

    // The original, whole: its own From, subject, body and attachment, and SES's verdicts on top.
    const attached = forward!.attachments.filter((a) => a.contentType === 'message/rfc822');
    expect(attached).toHaveLength(1);
    expect(attached[0]!.contentDisposition).toBe('attachment');
    expect(attached[0]!.content.equals(original)).toBe(true);
    const inner = await simpleParser(attached[0]!.content);
    expect(single(inner.from)).toEqual([sender]);
    expect(inner.subject).toBe(subject);
    expect(inner.text).toContain('擬請副隊長代理出席');
    expect(inner.attachments.map((a) => a.filename)).toEqual(['勤務表.txt']);
    expect(inner.headers.get('x-ses-spam-verdict')).toBe('PASS');
  });

  it('is forwarded once when Lambda delivers the same S3 event again', async () => {
    const raw = asStoredBySes(await personalMessage());
    expect(await deliver('replies/delivered-twice', raw)).toMatchObject({ forward: { forward: 'forwarded' } });
    expect(await deliver('replies/delivered-twice', raw)).toMatchObject({ forward: { forward: 'already-handled' } });
    expect(await forwardsReceived()).toHaveLength(1);
  });

  it('is left to an invocation that is sending it, and taken over once that invocation has surely ended', async () => {
    const raw = asStoredBySes(await personalMessage());
    // deliver() runs at 06:05:04Z. A claim whose invocation runs until 06:06 is alive then…
    await claimForward(stack().table, 'replies/claimed-alive', new Date('2026-11-30T06:05:00Z'), new Date('2026-11-30T06:06:00Z'));
    expect(await deliver('replies/claimed-alive', raw)).toMatchObject({ forward: { forward: 'already-handled' } });
    // …and one that ended at 06:05:01 crashed before sending: the retried event forwards the message.
    await claimForward(stack().table, 'replies/claimed-crashed', new Date('2026-11-30T06:04:30Z'), new Date('2026-11-30T06:05:01Z'));
    expect(await deliver('replies/claimed-crashed', raw)).toMatchObject({ forward: { forward: 'forwarded' } });
    expect(await forwardsReceived()).toHaveLength(1);
  });

  it('attaches an original sent 8bit (UTF-8 text as it is, as some clients send) byte for byte', async () => {
    const eightBit = Buffer.from(
      [
        `From: ${sender.address}`,
        `To: ${mailbox}`,
        'Subject: =?UTF-8?B?' + Buffer.from('會議資料補件').toString('base64') + '?=',
        'Date: Mon, 30 Nov 2026 14:04:11 +0800',
        'Message-ID: <8bit-original@police.example.org>',
        'MIME-Version: 1.0',
        'Content-Type: text/plain; charset=utf-8',
        'Content-Transfer-Encoding: 8bit',
        '',
        '承辦人您好，補上 12 月會議的出席名單：副隊長林小華。',
        '',
      ].join('\r\n'),
      'utf8',
    );
    const original = asStoredBySes(eightBit);
    expect(await deliver('replies/eight-bit', original)).toMatchObject({ forward: { forward: 'forwarded', attached: true } });
    const [forward] = await forwardsReceived();
    const [attached] = forward!.attachments;
    expect(attached!.content.equals(original)).toBe(true);
    expect((await simpleParser(attached!.content)).text).toContain('出席名單：副隊長林小華');
  });

  it('is forwarded when the mailbox was in Bcc: SES’s Received field names it', async () => {
    const bcc = await new MailComposer({
      from: sender,
      to: 'all-network-units@police.example.org',
      subject: '竹崎分局 12 月勤務聯繫窗口異動',
      text: '各網絡單位承辦人好：自 12 月起聯繫窗口改為林小華。',
    })
      .compile()
      .build();
    expect(bcc.toString('latin1')).not.toContain(mailbox);
    expect(await deliver('replies/bcc', asStoredBySes(bcc))).toMatchObject({ forward: { forward: 'forwarded' } });
    const [forward] = await forwardsReceived();
    expect(forward!.subject).toBe('轉寄：竹崎分局 12 月勤務聯繫窗口異動');
  });

  it('is announced without the attachment when the original is larger than SES sends', async () => {
    const large = await new MailComposer({
      from: sender,
      to: mailbox,
      subject: '掃描檔：115年度家外安置個案資料',
      text: '請見附件。',
      attachments: [{ filename: '掃描.pdf', content: Buffer.alloc(11 * 1024 * 1024, 0x25), contentType: 'application/pdf' }],
    })
      .compile()
      .build();
    expect(await deliver('replies/too-large', asStoredBySes(large))).toMatchObject({
      rejected: 'too-large',
      forward: { forward: 'forwarded', attached: false },
    });
    const [forward] = await forwardsReceived();
    expect(forward!.subject).toBe('轉寄：掃描檔：115年度家外安置個案資料');
    expect(forward!.attachments).toEqual([]);
    expect(forward!.text).toMatch(/原信約 1[0-9]\.\d MB，超過可轉寄的大小，沒有附上/);
    expect(single(forward!.replyTo)).toEqual([sender]);
  });

  it('logs codes and never an address or a word of the message', async () => {
    await deliver('replies/second-message-for-logs', asStoredBySes(await personalMessage()));
    expect(logs.map((l) => l.message)).toEqual(['calendar reply rejected', 'plain mail forwarded']);
    const logged = JSON.stringify(logs);
    expect(logged).not.toMatch(/@/);
    for (const word of ['王小明', '副隊長', '勤務', '轉寄']) expect(logged).not.toContain(word);
  });
});

describe('when SES fails', () => {
  it('gives the message back on a retryable failure, so the retried event forwards it', async () => {
    const proxy = await startFaultProxy({ upstream: stack().sesEndpoint, unavailableRecipients: [forwardTo] });
    try {
      const raw = asStoredBySes(await personalMessage());
      await expect(deliver('replies/ses-unavailable', raw, config, proxy.endpoint)).rejects.toMatchObject({
        $metadata: { httpStatusCode: 503 },
      });
      expect(await forwardsReceived()).toEqual([]);
      expect(await deliver('replies/ses-unavailable', raw)).toMatchObject({ forward: { forward: 'forwarded' } });
      expect(await forwardsReceived()).toHaveLength(1);
    } finally {
      await proxy.stop();
    }
  });

  it('does not try again when SES refuses the message for good', async () => {
    const proxy = await startFaultProxy({ upstream: stack().sesEndpoint, rejectRecipients: [forwardTo] });
    try {
      const raw = asStoredBySes(await personalMessage());
      expect(await deliver('replies/ses-rejected', raw, config, proxy.endpoint)).toMatchObject({
        forward: { forward: 'not-forwarded', reason: 'refused-by-ses' },
      });
      expect(await deliver('replies/ses-rejected', raw)).toMatchObject({ forward: { forward: 'already-handled' } });
      expect(await forwardsReceived()).toEqual([]);
    } finally {
      await proxy.stop();
    }
  });
});

describe('not forwarded', () => {
  it.each([
    ['a spam FAIL verdict', { spam: 'FAIL', virus: 'PASS' }, 'spam-verdict-not-pass'],
    ['a virus FAIL verdict', { spam: 'PASS', virus: 'FAIL' }, 'failed-virus-check'],
    ['no verdicts (not stored by an SES rule that scans)', {}, 'spam-verdict-missing'],
  ] as const)('%s', async (_case, verdicts, reason) => {
    const result = await deliver(`replies/verdict-${reason}`, asStoredBySes(await personalMessage(), verdicts));
    // A virus FAIL is refused by the reply parser itself, before anything looks for a calendar part.
    if (reason === 'failed-virus-check') expect(result).toEqual({ rejected: 'failed-virus-check' });
    else expect(result).toMatchObject({ rejected: 'no-calendar-part', forward: { forward: 'not-forwarded', reason } });
    expect(await forwardsReceived()).toEqual([]);
  });

  it('an Outlook out-of-office reply, so it and an out-of-office at the forward address never ping-pong', async () => {
    const outOfOffice = await personalMessage({
      subject: '自動回覆: 【開會通知】115年12月23日（星期三）下午2時 兒少保護跨網絡合作會議',
      headers: { 'Auto-Submitted': 'auto-replied', 'X-Auto-Response-Suppress': 'All' },
    });
    expect(await deliver('replies/out-of-office', asStoredBySes(outOfOffice))).toMatchObject({
      forward: { forward: 'not-forwarded', reason: 'auto-submitted' },
    });
    expect(await forwardsReceived()).toEqual([]);
  });

  it('our own forward, should a rule at the forward address send it back to the inbox', async () => {
    expect(await deliver('replies/bounced-back', asStoredBySes(await personalMessage({ from: forwardTo })))).toMatchObject({
      forward: { forward: 'not-forwarded', reason: 'from-forward-address' },
    });
    expect(await forwardsReceived()).toEqual([]);
  });

  it('anything, when the county has no forward address (the raw message stays in the bucket)', async () => {
    expect(await deliver('replies/no-forward-address', asStoredBySes(await personalMessage()), chiayi)).toMatchObject({
      forward: { forward: 'not-forwarded', reason: 'no-forward-address' },
    });
    expect(await forwardsReceived()).toEqual([]);
  });

  it('a calendar REPLY, which is recorded (or refused) as an answer and never forwarded', async () => {
    const reply = await outlookReply({
      uid: 'no-such-meeting@safetynet-meetings',
      sequence: 0,
      attendee: sender.address,
      from: sender.address,
      partstat: 'ACCEPTED',
      organizer: mailbox,
    });
    const result = await deliver('replies/calendar-reply', asStoredBySes(reply));
    expect(result).not.toHaveProperty('forward');
    expect(await forwardsReceived()).toEqual([]);
  });
});

describe('locally: npm run cli -- reply <file.eml>', () => {
  // The county file as the secretariat would edit it, with a forward address, in a folder of its own.
  const dir = mkdtempSync(join(tmpdir(), 'safetynet-forward-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const countyDir = join(dir, 'counties');
  const eml = join(dir, 'question.eml');

  async function cli(args: string[]) {
    const { dynamoDbEndpoint, tableName, sesEndpoint } = stack();
    const child = spawnTs('bin/cli.ts', [...args, '--data-dir', join(dir, 'data')], {
      ...process.env,
      COUNTY_CONFIG_DIR: countyDir,
      DYNAMODB_ENDPOINT: dynamoDbEndpoint,
      TABLE_NAME: tableName,
      SES_ENDPOINT: sesEndpoint,
    });
    return finished(child);
  }

  it('forwards a saved plain e-mail through the SES emulator, once, and says so in zh-TW', async () => {
    const file = JSON.parse(readFileSync('functions/config/counties/chiayi-county.json', 'utf8')) as {
      secretariat: Record<string, unknown>;
    };
    file.secretariat.forwardTo = forwardTo;
    rmSync(countyDir, { recursive: true, force: true });
    mkdirSync(countyDir, { recursive: true });
    writeFileSync(join(countyDir, 'chiayi-county.json'), JSON.stringify(file, null, 2));
    // Saved from a mail client: LF line ends, and no SES verdicts (no SES scanned it).
    writeFileSync(eml, (await personalMessage()).toString('latin1').replace(/\r\n/g, '\n'), 'latin1');

    const first = await cli(['reply', eml]);
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ rejected: 'no-calendar-part', forward: { forward: 'forwarded', attached: true } });
    expect(first.stderr).toContain(`已轉寄到 ${forwardTo}，原信附在轉寄信中`);

    const [forward, ...more] = await forwardsReceived();
    expect(more).toEqual([]);
    expect(single(forward!.from).map((a) => a.address)).toEqual([mailbox]);
    expect(single(forward!.replyTo)).toEqual([sender]);
    const [attached] = forward!.attachments;
    expect(attached?.contentType).toBe('message/rfc822');
    const inner = await simpleParser(attached!.content);
    expect(single(inner.from)).toEqual([sender]);
    expect(inner.text).toContain('擬請副隊長代理出席');

    const again = await cli(['reply', eml]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain('這封信先前已轉寄過');
    expect(await forwardsReceived()).toHaveLength(1);
  });
});
