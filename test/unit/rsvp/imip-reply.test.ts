import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { parseImipReply, type ImipReply } from '../../../functions/core/rsvp/imip-reply.ts';
import { appleReply, gmailReply, outlookReply, plainReply, type ReplySpec } from './reply-messages.ts';

const organizer = 'safetynet@social.example.org';

/** The calendar part as the client wrote it, read back with mailparser (Outlook's is base64). */
async function calendarTextOf(raw: Buffer): Promise<string> {
  const mail = await simpleParser(raw);
  const text = mail.attachments.find((a) => a.contentType === 'text/calendar')?.content.toString('utf8') ?? '';
  return text.replace(/\r?\n[ \t]/g, ''); // unfolded: one property a line
}
const base: ReplySpec = {
  uid: '6b1f5c1e-8f0c-4d7e-a0a4-1d2f3c4b5a69@safetynet-meetings',
  sequence: 1,
  attendee: 'Wc.Leader@Police.Example.org',
  partstat: 'ACCEPTED',
  from: 'wc.leader@police.example.org',
  organizer,
};

describe('parsing an iMIP REPLY', () => {
  it('reads an Outlook-style reply (text/calendar inside multipart/alternative, upper-case MAILTO)', async () => {
    const raw = await outlookReply(base);
    expect(raw.toString()).toContain('multipart/alternative');
    expect(raw.toString()).not.toContain('Content-Disposition: attachment');
    const reply = await parseImipReply(raw);
    expect(reply).toMatchObject<Partial<ImipReply>>({
      uid: base.uid,
      sequence: 1,
      attendee: 'wc.leader@police.example.org',
      partstat: 'ACCEPTED',
      from: 'wc.leader@police.example.org',
    });
  });

  it('reads an Apple-style reply (text/calendar attachment, EMAIL parameter, DECLINED)', async () => {
    const raw = await appleReply({ ...base, partstat: 'DECLINED', sequence: 0 });
    expect(raw.toString()).toMatch(/Content-Disposition: attachment;\s+filename=iCal-20260310-100000\.ics/);
    expect(raw.toString()).toMatch(/EMAIL=/);
    expect(await parseImipReply(raw)).toMatchObject({
      uid: base.uid,
      sequence: 0,
      attendee: 'wc.leader@police.example.org',
      partstat: 'DECLINED',
    });
  });

  it('reads an Apple iCloud reply whose ATTENDEE is a urn:uuid with the address in EMAIL=', async () => {
    const raw = await appleReply({ ...base, attendeeUrn: true });
    expect(raw.toString()).toContain('urn:uuid:');
    expect(await parseImipReply(raw)).toMatchObject({ attendee: 'wc.leader@police.example.org', partstat: 'ACCEPTED' });
  });

  it('reads a Gmail-style reply carrying the calendar twice (text/calendar and application/ics)', async () => {
    const raw = await gmailReply({ ...base, partstat: 'TENTATIVE' });
    expect(raw.toString()).toContain('application/ics');
    expect(await parseImipReply(raw)).toMatchObject({ partstat: 'TENTATIVE', sequence: 1 });
  });

  it('takes SEQUENCE 0 when the REPLY has none', async () => {
    const raw = await appleReply({ ...base, sequence: null });
    expect(raw.toString()).not.toMatch(/SEQUENCE/);
    expect(await parseImipReply(raw)).toMatchObject({ sequence: 0 });
  });

  it('accepts the raw message as a string too', async () => {
    const raw = (await outlookReply(base)).toString('utf8');
    expect(await parseImipReply(raw)).toMatchObject({ uid: base.uid });
  });

  it('reads who answered on the attendee\u2019s behalf (SENT-BY, as Outlook writes for a delegate)', async () => {
    const raw = await outlookReply({ ...base, from: 'secretary@police.example.org', sentBy: 'Secretary@Police.Example.org' });
    expect(await calendarTextOf(raw)).toMatch(/SENT-BY="?mailto:secretary@/i);
    expect(await parseImipReply(raw)).toMatchObject({
      attendee: 'wc.leader@police.example.org',
      sentBy: 'secretary@police.example.org',
      from: 'secretary@police.example.org',
    });
  });

  it('reads a REPLY without ORGANIZER, as Exchange sends it', async () => {
    const raw = await outlookReply({ ...base, noOrganizer: true });
    const calendarText = await calendarTextOf(raw);
    expect(calendarText).toContain('BEGIN:VEVENT');
    expect(calendarText).not.toContain('ORGANIZER');
    expect(await parseImipReply(raw)).toMatchObject({ uid: base.uid, attendee: 'wc.leader@police.example.org', partstat: 'ACCEPTED' });
  });

  it('keeps a From that differs from the attendee for the use case to judge', async () => {
    const reply = await parseImipReply(await outlookReply({ ...base, from: 'someone.else@example.net' }));
    expect(reply).toMatchObject({ attendee: 'wc.leader@police.example.org', from: 'someone.else@example.net' });
  });

  it.each<[string, () => Promise<Buffer | string>, string]>([
    ['a message without a calendar part', () => plainReply(base), 'no-calendar-part'],
    ['a REQUEST instead of a REPLY', () => outlookReply({ ...base, method: 'REQUEST' }), 'wrong-method'],
    ['a CANCEL', () => appleReply({ ...base, method: 'CANCEL' }), 'wrong-method'],
    ['a MIME method= that differs from METHOD', () => outlookReply({ ...base, partMethod: 'REQUEST' }), 'method-mismatch'],
    ['several attendees', () => gmailReply({ ...base, extraAttendees: ['other@health.example.org'] }), 'several-attendees'],
    ['a PARTSTAT that is not an answer', () => outlookReply({ ...base, partstat: 'NEEDS-ACTION' }), 'unsupported-partstat'],
    ['no PARTSTAT', () => outlookReply({ ...base, partstat: null }), 'unsupported-partstat'],
    ['no UID', () => appleReply({ ...base, noUid: true }), 'no-uid'],
    ['no From', async () => (await outlookReply(base)).toString().replace(/^From: .*\r\n/m, ''), 'no-from'],
    [
      'a calendar part that is not iCalendar',
      async () =>
        (await outlookReply(base))
          .toString()
          .replace(
            /Content-Transfer-Encoding: base64\r\n\r\n[A-Za-z0-9+/=\r\n]+?(?=\r\n--)/,
            'Content-Transfer-Encoding: 7bit\r\n\r\nnot a calendar',
          ),
      'unparsable-calendar',
    ],
    ['a virus verdict from SES', () => outlookReply({ ...base, headers: { 'X-SES-Virus-Verdict': 'FAIL' } }), 'failed-virus-check'],
    [
      'a failed DMARC check at SES',
      () =>
        outlookReply({
          ...base,
          headers: {
            'Authentication-Results':
              'amazonses.com; spf=fail smtp.mailfrom=example.net; dkim=none; dmarc=fail header.from=police.example.org',
          },
        }),
      'failed-dmarc',
    ],
    ['something absurdly large', async () => Buffer.concat([await outlookReply(base), Buffer.alloc(11 * 1024 * 1024, 0x20)]), 'too-large'],
  ])('rejects %s', async (_label, make, code) => {
    const result = await parseImipReply(await make());
    expect(result).toMatchObject({ rejected: code });
    // A rejection is logged as it is: it never carries an address.
    expect(JSON.stringify(result)).not.toContain('@');
  });

  it('accepts the reply when SES says DMARC passed', async () => {
    const raw = await outlookReply({
      ...base,
      headers: {
        'Authentication-Results': 'amazonses.com; spf=pass; dkim=pass; dmarc=pass header.from=police.example.org',
        'X-SES-Virus-Verdict': 'PASS',
      },
    });
    expect(await parseImipReply(raw)).toMatchObject({ partstat: 'ACCEPTED' });
  });

  it('names the METHOD it found when it is not REPLY', async () => {
    expect(await parseImipReply(await outlookReply({ ...base, method: 'COUNTER' }))).toEqual({
      rejected: 'wrong-method',
      detail: 'COUNTER',
    });
  });
});
