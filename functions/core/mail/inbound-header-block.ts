// The header block of a message that reached a secretariat mailbox: who wrote, about what, and every
// field as written (forward-policy.ts judges SES's verdicts and robots' marks from them). Only the
// header block is parsed; the body is never read (forward-plain-mail.ts attaches it whole).
//
// postal-mime reads the fields: it decodes encoded words (=?big5?B?…?=, which Outlook in Taiwan
// writes) with TextDecoder and has no dependencies, where mailparser brought 1 MB of charset tables
// and HTML converters into the reply Lambda. test/unit/mail/inbound-header-block.test.ts checks it
// against mailparser, the parser this replaced.
import PostalMime, { addressParser, type Address } from 'postal-mime';
import type { HeaderField, InboundMailFacts } from './forward-policy.ts';

export type HeaderBlock = {
  facts: InboundMailFacts;
  /** The From display name, decoded; empty when there is none. */
  fromName: string;
  /** The sender's own Reply-To, when they set exactly one address. */
  replyTo: { name: string; address: string } | undefined;
};

/** Headers are small; a header block larger than this is not mail a person wrote. */
const maxHeaderBytes = 256 * 1024;

/** The message's header block, or undefined when it has none that can be read. */
export async function readHeaderBlock(raw: Buffer): Promise<HeaderBlock | undefined> {
  const window = raw.subarray(0, maxHeaderBytes).toString('latin1');
  const end = window.search(/\r?\n\r?\n/);
  if (end < 0 && raw.length > maxHeaderBytes) return undefined;
  const block = raw.subarray(0, end < 0 ? raw.length : end);
  let parsed;
  try {
    parsed = await PostalMime.parse(Buffer.concat([block, Buffer.from('\r\n\r\n')]));
  } catch {
    return undefined;
  }
  const fields: HeaderField[] = parsed.headerLines.map(({ key, line }) => ({
    name: key,
    value: line
      .slice(line.indexOf(':') + 1)
      .replace(/\r?\n[ \t]+/g, ' ')
      .trim(),
  }));
  // postal-mime's `from` is the first address only; a From naming several people names no sender.
  const fromField = parsed.headers.find((header) => header.key === 'from')?.value;
  const senders = mailboxes(fromField ? addressParser(fromField) : []);
  const sender = senders.length === 1 ? senders[0]! : undefined;
  const replyTos = mailboxes(parsed.replyTo ?? []);
  const replyTo = replyTos.length === 1 ? replyTos[0]! : undefined;
  return {
    facts: { headers: fields, from: sender?.address.trim().toLowerCase(), subject: parsed.subject ?? '' },
    fromName: sender?.name ?? '',
    // The sender's own Reply-To, when they set one, is where they asked answers to go.
    replyTo: replyTo ? { name: replyTo.name, address: replyTo.address.trim() } : undefined,
  };
}

/** The addresses themselves: a group (`Team: a@x, b@x;`) is not one sender. */
function mailboxes(addresses: readonly Address[]): { name: string; address: string }[] {
  return addresses.flatMap((entry) => (entry.address ? [{ name: entry.name, address: entry.address }] : []));
}
