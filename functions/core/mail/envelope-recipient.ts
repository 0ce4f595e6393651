// Which mailbox SES received a message for, when its To and Cc do not say: a person who writes to
// many agencies at once puts the secretariat in Bcc, and a mailing list names only itself in To.
// SES's inbound server writes its own Received field on top of the stored message, and that field
// names the envelope recipient ("… by inbound-smtp.<region>.amazonaws.com with SMTP id … for
// safetynet@example.org; <date>") when the message had one recipient there.

/** The envelope recipient in SES's own Received field (the topmost), lower case; undefined if none. */
export function sesEnvelopeRecipient(raw: Buffer | string): string | undefined {
  const text = typeof raw === 'string' ? raw.slice(0, 64 * 1024) : raw.subarray(0, 64 * 1024).toString('latin1');
  const headerEnd = text.search(/\r?\n\r?\n/);
  const fields = (headerEnd >= 0 ? text.slice(0, headerEnd) : text).replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/);
  // Only the topmost Received counts: lower ones were written by servers the sender chose.
  const received = fields.find((field) => /^received\s*:/i.test(field));
  if (!received || !/\bby inbound-smtp\.[a-z0-9-]+\.amazonaws\.com\b/i.test(received)) return undefined;
  const recipient = /\sfor\s+<?([^\s<>;]+@[^\s<>;]+)>?\s*;/i.exec(received)?.[1];
  return recipient?.toLowerCase();
}
