// The raw message that forwards a plain e-mail to the secretariat's real mailbox: a new message
// From the county's own sending mailbox (SES sends only from verified identities, and a forward
// that kept a stranger's From would fail their domain's DMARC), Reply-To the original sender, and
// the original attached whole as message/rfc822, which Outlook opens as the message it was.
import type { ForwardNote } from '../../core/mail/forward-note.ts';
import { headerSafe, safeAddress } from './compose-mime.ts';
import { writeMessage, type MailAddress, type MimeEntity, type MimeLeaf } from './mime-writer.ts';

export type ForwardMail = {
  from: MailAddress;
  to: string;
  replyTo: MailAddress;
  note: ForwardNote;
  /** The message as SES stored it; undefined when it is too large to attach. */
  original: Buffer | undefined;
  /** Stable per original, so a resend after a crash is the same message (Exchange drops the copy). */
  messageId: string;
};

export function composeForward(mail: ForwardMail, date: Date = new Date()): Promise<Buffer> {
  const text: MimeLeaf = { type: 'text/plain', params: { charset: 'utf-8' }, content: mail.note.text, transfer: 'text' };
  // As an attachment (not inline) the original opens as the message it was, instead of being
  // shown as part of the body; a message/* part is sent as it is, labelled 7bit or 8bit.
  const body: MimeEntity = mail.original
    ? {
        multipart: 'mixed',
        parts: [text, { type: 'message/rfc822', content: crlfLines(mail.original), transfer: 'message', filename: '原信.eml' }],
      }
    : text;
  // A promise still, as when Nodemailer built it from streams: callers need not change.
  return Promise.resolve(
    writeMessage({
      fields: [
        // The forward is machine-made: an out-of-office rule at the forward address must not answer it
        // (RFC 3834), nor Exchange's (X-Auto-Response-Suppress), or the answer would land in the inbox.
        { name: 'Auto-Submitted', text: 'auto-generated' },
        { name: 'X-Auto-Response-Suppress', text: 'All' },
        { name: 'From', addresses: [safeAddress(mail.from)] },
        { name: 'To', addresses: [{ name: '', address: headerSafe(mail.to) }] },
        { name: 'Reply-To', addresses: [safeAddress(mail.replyTo)] },
        { name: 'Subject', text: headerSafe(mail.note.subject) },
        { name: 'Message-ID', messageId: headerSafe(mail.messageId) },
      ],
      date,
      body,
    }),
  );
}

/**
 * SES stores what arrived over SMTP, with CRLF line ends; a saved .eml fed locally may have bare
 * LFs. Inside our CRLF message every line must end the same way.
 */
function crlfLines(raw: Buffer): Buffer {
  const text = raw.toString('latin1');
  return /(^|[^\r])\n/.test(text) ? Buffer.from(text.replace(/\r?\n/g, '\r\n'), 'latin1') : raw;
}
