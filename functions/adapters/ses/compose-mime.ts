// Builds a notice's raw message (mime-writer.ts) in the layout Outlook, Gmail and Apple Calendar
// accept for a meeting request: multipart/alternative of text, HTML and text/calendar; method=…,
// inside multipart/mixed with the same calendar attached as invite.ics, for clients that show
// only attachments. Chinese subjects and names go out as RFC 2047 encoded words.
import type { RenderedNotice } from '../../core/invitations/render-notice.ts';
import { writeMessage, type MailAddress, type MimeEntity, type MimeLeaf } from './mime-writer.ts';

export type { MailAddress } from './mime-writer.ts';

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

export function safeAddress(address: MailAddress): MailAddress {
  return { name: headerSafe(address.name), address: headerSafe(address.address) };
}

export function composeMime(mail: OutgoingMail, date: Date = new Date()): Promise<Buffer> {
  const { notice } = mail;
  const utf8 = { charset: 'utf-8' };
  const alternatives: MimeLeaf[] = [
    { type: 'text/plain', params: utf8, content: notice.text, transfer: 'text' },
    { type: 'text/html', params: utf8, content: notice.html, transfer: 'text' },
  ];
  let body: MimeEntity = { multipart: 'alternative', parts: alternatives };
  if (notice.calendar) {
    const { method, content } = notice.calendar;
    alternatives.push({ type: 'text/calendar', params: { ...utf8, method }, content, transfer: 'text' });
    body = { multipart: 'mixed', parts: [body, { type: 'application/ics', content, transfer: 'base64', filename: 'invite.ics' }] };
  }
  // A promise still, as when Nodemailer built it from streams: callers need not change.
  return Promise.resolve(
    writeMessage({
      fields: [
        { name: 'From', addresses: [safeAddress(mail.from)] },
        { name: 'To', addresses: [safeAddress(mail.to)] },
        { name: 'Subject', text: headerSafe(notice.subject) },
        { name: 'Message-ID', messageId: headerSafe(mail.messageId) },
      ],
      date,
      body,
    }),
  );
}
