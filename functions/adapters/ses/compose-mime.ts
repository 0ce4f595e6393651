// Builds the raw message with Nodemailer's MailComposer, whose icalEvent option gives the layout
// Outlook, Gmail and Apple Calendar accept (multipart/alternative with text/calendar; method=…,
// plus an .ics attachment) and encodes Chinese subjects and names per RFC 2047.
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import type { RenderedNotice } from '../../core/invitations/render-notice.ts';

export type MailAddress = { name: string; address: string };

export type OutgoingMail = {
  from: MailAddress;
  to: MailAddress;
  notice: RenderedNotice;
  /** Stable per notice, so a resend after a crash threads as the same message. */
  messageId: string;
};

/** A unit name can contain anything; a CR or LF from data must never reach a header. */
export function headerSafe(text: string): string {
  return text.replace(/\p{Cc}+/gu, ' ').trim();
}

export async function composeMime(mail: OutgoingMail): Promise<Buffer> {
  const composer = new MailComposer({
    from: { name: headerSafe(mail.from.name), address: headerSafe(mail.from.address) },
    to: { name: headerSafe(mail.to.name), address: headerSafe(mail.to.address) },
    subject: headerSafe(mail.notice.subject),
    messageId: headerSafe(mail.messageId),
    text: mail.notice.text,
    html: mail.notice.html,
    ...(mail.notice.calendar
      ? { icalEvent: { method: mail.notice.calendar.method, content: mail.notice.calendar.content, filename: 'invite.ics' } }
      : {}),
  });
  return composer.compile().build();
}
