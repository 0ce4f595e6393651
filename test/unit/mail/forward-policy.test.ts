// Which plain e-mails to a secretariat mailbox are forwarded to the secretariat's real mailbox:
// only what SES passed, never what a robot sent (so an out-of-office rule and our forward cannot
// answer each other for ever), and never to the inbox itself.
import { describe, expect, it } from 'vitest';
import {
  forwardRefusal,
  type ForwardSettings,
  type HeaderField,
  type InboundMailFacts,
} from '../../../functions/core/mail/forward-policy.ts';

const mailbox = 'safetynet@chiayi.example.org';
const forwardTo = 'social-affairs@chiayi.example.org';
const settings: ForwardSettings = { mailbox, forwardTo, requireReceiptVerdicts: true };

/** The fields SES writes at the top of a stored message when the checks pass. */
const sesPassed: HeaderField[] = [
  { name: 'return-path', value: '<wang@police.example.org>' },
  { name: 'received', value: 'from mail.police.example.org by inbound-smtp.ap-northeast-1.amazonaws.com with SMTP id abc' },
  { name: 'x-ses-spam-verdict', value: 'PASS' },
  { name: 'x-ses-virus-verdict', value: 'PASS' },
  {
    name: 'authentication-results',
    value: 'amazonses.com; spf=pass; dkim=pass header.i=@police.example.org; dmarc=pass header.from=police.example.org;',
  },
];

function mail(extra: HeaderField[] = [], fields: Partial<InboundMailFacts> = {}): InboundMailFacts {
  return {
    headers: [...sesPassed, { name: 'from', value: '王小明 <wang@police.example.org>' }, ...extra],
    from: 'wang@police.example.org',
    subject: '請問 12 月個案研討會議的地點',
    ...fields,
  };
}

const withVerdicts = (spam: string | undefined, virus: string | undefined): InboundMailFacts => ({
  ...mail(),
  headers: [
    ...sesPassed.filter((h) => !h.name.startsWith('x-ses-')),
    ...(spam === undefined ? [] : [{ name: 'x-ses-spam-verdict', value: spam }]),
    ...(virus === undefined ? [] : [{ name: 'x-ses-virus-verdict', value: virus }]),
  ],
});

describe('a person’s message that SES passed', () => {
  it('is forwarded', () => {
    expect(forwardRefusal(mail(), settings)).toBeUndefined();
  });

  it('is forwarded with Auto-Submitted: no, which a person’s client may write', () => {
    expect(forwardRefusal(mail([{ name: 'auto-submitted', value: 'no' }]), settings)).toBeUndefined();
  });

  it('is forwarded when Exchange asks only for no read receipts (RN, NRN)', () => {
    expect(forwardRefusal(mail([{ name: 'x-auto-response-suppress', value: 'RN, NRN' }]), settings)).toBeUndefined();
  });

  it('is forwarded when a subject merely mentions an automatic reply later on', () => {
    expect(forwardRefusal(mail([], { subject: '關於自動回覆設定的問題' }), settings)).toBeUndefined();
  });
});

describe('SES verdicts', () => {
  it.each([
    ['spam FAIL', 'FAIL', 'PASS', 'spam-verdict-not-pass'],
    ['spam GRAY', 'GRAY', 'PASS', 'spam-verdict-not-pass'],
    ['spam PROCESSING_FAILED', 'PROCESSING_FAILED', 'PASS', 'spam-verdict-not-pass'],
    ['virus FAIL', 'PASS', 'FAIL', 'virus-verdict-not-pass'],
    ['no spam verdict', undefined, 'PASS', 'spam-verdict-missing'],
    ['no virus verdict', 'PASS', undefined, 'virus-verdict-missing'],
    ['no verdicts at all', undefined, undefined, 'spam-verdict-missing'],
  ] as const)('%s: not forwarded', (_case, spam, virus, refusal) => {
    expect(forwardRefusal(withVerdicts(spam, virus), settings)).toBe(refusal);
  });

  it('counts only the verdict SES wrote on top, not one the sender added lower down', () => {
    const forged: InboundMailFacts = {
      ...mail(),
      headers: [
        { name: 'x-ses-spam-verdict', value: 'FAIL' },
        { name: 'x-ses-virus-verdict', value: 'PASS' },
        { name: 'from', value: 'wang@police.example.org' },
        { name: 'x-ses-spam-verdict', value: 'PASS' },
      ],
    };
    expect(forwardRefusal(forged, settings)).toBe('spam-verdict-not-pass');
  });

  it('refuses a message whose From domain failed DMARC at SES', () => {
    const spoofed: InboundMailFacts = {
      ...mail(),
      headers: sesPassed.map((h) =>
        h.name === 'authentication-results'
          ? { ...h, value: 'amazonses.com; spf=fail; dkim=none; dmarc=fail header.from=police.example.org;' }
          : h,
      ),
    };
    expect(forwardRefusal(spoofed, settings)).toBe('dmarc-failed');
  });

  it('does not ask a saved .eml fed by a person for verdicts no SES wrote, but still honours a FAIL', () => {
    const local = { ...settings, requireReceiptVerdicts: false };
    expect(forwardRefusal(withVerdicts(undefined, undefined), local)).toBeUndefined();
    expect(forwardRefusal(withVerdicts('FAIL', undefined), local)).toBe('spam-verdict-not-pass');
  });
});

describe('robots: never forwarded, so two robots never answer each other', () => {
  it.each([
    ['Auto-Submitted: auto-replied (RFC 3834)', [{ name: 'auto-submitted', value: 'auto-replied' }], 'auto-submitted'],
    ['Auto-Submitted: auto-generated', [{ name: 'auto-submitted', value: 'auto-generated' }], 'auto-submitted'],
    ['Auto-Submitted with a parameter', [{ name: 'auto-submitted', value: 'auto-replied; owner-email="x@example.org"' }], 'auto-submitted'],
    ['X-Autoreply: yes', [{ name: 'x-autoreply', value: 'yes' }], 'auto-submitted'],
    ['X-Autorespond', [{ name: 'x-autorespond', value: 'Out of office' }], 'auto-submitted'],
    ['Exchange: X-Auto-Response-Suppress: All', [{ name: 'x-auto-response-suppress', value: 'All' }], 'auto-response-suppress'],
    [
      'Exchange: X-Auto-Response-Suppress: DR, OOF, AutoReply',
      [{ name: 'x-auto-response-suppress', value: 'DR, OOF, AutoReply' }],
      'auto-response-suppress',
    ],
    ['Precedence: bulk', [{ name: 'precedence', value: 'bulk' }], 'bulk-precedence'],
    ['Precedence: junk', [{ name: 'precedence', value: 'junk' }], 'bulk-precedence'],
    ['Precedence: list', [{ name: 'precedence', value: 'list' }], 'bulk-precedence'],
    [
      'a delivery report (multipart/report)',
      [{ name: 'content-type', value: 'multipart/report; report-type=delivery-status; boundary="x"' }],
      'delivery-report',
    ],
  ] as const)('%s', (_case, extra, refusal) => {
    expect(forwardRefusal(mail([...extra]), settings)).toBe(refusal);
  });

  it.each([
    ['自動回覆: 【開會通知】115年12月23日', 'Outlook in zh-TW'],
    ['自动回复：会议通知', 'Outlook in zh-CN'],
    ['Automatic reply: 【開會通知】', 'Outlook in English'],
    ['Out of Office: meeting notice', 'older Outlook'],
    ['Out of the office', 'Notes'],
    ['AutoReply: meeting', 'autoresponders'],
    ['[Auto-Reply] meeting', 'bracketed'],
  ])('the subject “%s” (%s)', (subject) => {
    expect(forwardRefusal(mail([], { subject }), settings)).toBe('out-of-office-subject');
  });

  it('a bounce: empty envelope sender, or From MAILER-DAEMON or postmaster', () => {
    const bounce: InboundMailFacts = { ...mail(), headers: sesPassed.map((h) => (h.name === 'return-path' ? { ...h, value: '<>' } : h)) };
    expect(forwardRefusal(bounce, settings)).toBe('delivery-report');
    expect(forwardRefusal(mail([], { from: 'mailer-daemon@police.example.org' }), settings)).toBe('delivery-report');
    expect(forwardRefusal(mail([], { from: 'postmaster@police.example.org' }), settings)).toBe('delivery-report');
  });

  it('our own mailbox coming back (a notice or a forward bounced back by a rule)', () => {
    expect(forwardRefusal(mail([], { from: mailbox.toUpperCase() }), settings)).toBe('from-own-mailbox');
  });

  it('mail from the forward address itself, which a rule there might send back', () => {
    expect(forwardRefusal(mail([], { from: forwardTo }), settings)).toBe('from-forward-address');
  });
});

describe('configuration', () => {
  it('forwards nothing when no forward address is set', () => {
    expect(forwardRefusal(mail(), { ...settings, forwardTo: undefined })).toBe('no-forward-address');
  });

  it('refuses at run time a forward address equal to the inbox, whatever its case', () => {
    expect(forwardRefusal(mail(), { ...settings, forwardTo: ` ${mailbox.toUpperCase()} ` })).toBe('forward-address-is-inbox');
  });

  it('cannot forward a message without one From address to reply to', () => {
    expect(forwardRefusal(mail([], { from: undefined }), settings)).toBe('no-sender');
  });
});
