// The raw message that forwards a plain e-mail to the secretariat's real mailbox: a new message
// From the county's own sending mailbox (SES sends only from verified identities, and a forward
// that kept a stranger's From would fail their domain's DMARC), Reply-To the original sender, and
// the original attached whole as message/rfc822, which Outlook opens as the message it was.
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import type { ForwardNote } from '../../core/mail/forward-note.ts';
import { headerSafe, type MailAddress } from './compose-mime.ts';

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

export async function composeForward(mail: ForwardMail): Promise<Buffer> {
  const composer = new MailComposer({
    from: { name: headerSafe(mail.from.name), address: headerSafe(mail.from.address) },
    to: headerSafe(mail.to),
    replyTo: { name: headerSafe(mail.replyTo.name), address: headerSafe(mail.replyTo.address) },
    subject: headerSafe(mail.note.subject),
    messageId: headerSafe(mail.messageId),
    // The forward is machine-made: an out-of-office rule at the forward address must not answer it
    // (RFC 3834), nor Exchange's (X-Auto-Response-Suppress), or the answer would land in the inbox.
    headers: { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All' },
    text: mail.note.text,
    ...(mail.original
      ? {
          attachments: [
            {
              filename: '原信.eml',
              contentType: 'message/rfc822',
              content: crlfLines(mail.original),
              // Nodemailer makes a message part inline by default, and mail clients and parsers
              // then show it as part of the body; as an attachment it opens as the message it was.
              // Nodemailer labels it 7bit or 8bit and leaves it as it is (RFC 2046 §5.2.1).
              contentDisposition: 'attachment',
            },
          ],
        }
      : {}),
  });
  return composer.compile().build();
}

/**
 * SES stores what arrived over SMTP, with CRLF line ends; a saved .eml fed locally may have bare
 * LFs. Inside our CRLF message every line must end the same way.
 */
function crlfLines(raw: Buffer): Buffer {
  const text = raw.toString('latin1');
  return /(^|[^\r])\n/.test(text) ? Buffer.from(text.replace(/\r?\n/g, '\r\n'), 'latin1') : raw;
}
