// Writes the raw messages SES sends (RFC 5322 with MIME, RFC 2045–2047 and 2231) for exactly the
// trees we send: a notice (text and HTML as alternatives, with the calendar as a third alternative
// carrying method=… and the same calendar attached as invite.ics), and a forward (text plus the
// original as message/rfc822).
//
// Hand-written rather than Nodemailer's MailComposer: MailComposer and its MIME helpers were 60 KB
// of the dispatcher's and ses-reply's bundles (of the 150 KB each Lambda may hold), and the
// well-kept alternatives are larger still (mimetext 162 KB). This file keeps the layout, the
// headers and the transfer encodings MailComposer chose, because that is what Outlook, Gmail and
// Apple Calendar have been accepting; MailComposer stays as a devDependency and is the oracle of
// test/unit/invitations/mime-writer.test.ts, which parses both with mailparser.
//
// One deliberate difference: MailComposer sent a text's bare LF as it was (our texts are written
// with "\n"), which SMTP forbids (RFC 5321 §2.3.8) and servers refuse since SMTP smuggling; here
// it travels encoded in quoted-printable, so the wire carries CRLF only and the reader decodes the
// very bytes we were given. An attached message must come with CRLF (compose-forward.ts sees to it).
//
// What it deliberately does not do: streams, file or URL content, inline images (multipart/
// related), Cc/Bcc, DKIM, non-UTF-8 charsets, or header names from data (every name is in our code).
import { randomBytes } from 'node:crypto';
import { domainToASCII } from 'node:url';

export type MailAddress = { name: string; address: string };

/** A header the caller names; values come from data and are encoded here, never trusted raw. */
export type HeaderField =
  { name: string; addresses: readonly MailAddress[] } | { name: string; text: string } | { name: string; messageId: string };

/**
 * One body part. `text` travels as 7bit when it is short-lined ASCII, else as quoted-printable or
 * base64 whichever suits it (MailComposer's choice); `base64` always as base64; `message` as it is,
 * labelled 7bit or 8bit, since a message/* part may not be encoded (RFC 2046 §5.2.1).
 */
export type MimeLeaf = {
  type: string;
  params?: Readonly<Record<string, string>>;
  content: string | Buffer;
  transfer: 'text' | 'base64' | 'message';
  /** Sent as an attachment under this file name (Content-Disposition, and name= for old clients). */
  filename?: string;
};

export type MimeMultipart = { multipart: 'mixed' | 'alternative'; parts: readonly MimeEntity[] };

export type MimeEntity = MimeLeaf | MimeMultipart;

export type MimeMessage = { fields: readonly HeaderField[]; date: Date; body: MimeEntity };

const crlf = '\r\n';
/** RFC 5322 §2.1.1 asks for 78; MailComposer folded at 76, and so do we. */
const foldAt = 76;
/** Payload of one encoded word: 52 characters keeps a header line with its name under 76. */
const encodedWordPayload = 52;

export function writeMessage(message: MimeMessage): Buffer {
  const root = lineEndAtMessageEnd(message.body);
  // A text that gave up its final "\n" always gets that line end back, even when what is left
  // ends with CRLF itself ("a\r\n\n" is two line ends, not one).
  const ownLineEnd = !isMultipart(root) && !isMultipart(message.body) && root.content !== message.body.content;
  const boundaries = boundariesFor(root);
  const head = [
    // An empty field says nothing; MailComposer left it out.
    ...message.fields.filter((field) => !('text' in field) || field.text !== '').map(headerLine),
    fold(`Date: ${rfc5322Date(message.date)}`),
    'MIME-Version: 1.0',
    ...entityHeaders(root, boundaries),
  ];
  const chunks: Buffer[] = [];
  writeEntityBody(root, boundaries, chunks);
  const body = Buffer.concat(chunks);
  // The message ends with a line end, as MailComposer's output did.
  const last = body.length > 0 ? body[body.length - 1] : undefined;
  const ending = ownLineEnd ? crlf : last === 0x0a ? '' : last === 0x0d ? '\n' : crlf;
  return Buffer.concat([Buffer.from(head.join(crlf) + crlf + crlf, 'utf8'), body, Buffer.from(ending)]);
}

/**
 * A message that is one text ends with a line end that belongs to its body; when the text travels
 * as it is or quoted-printable, its own final "\n" is that line end (as CRLF, as the receiving
 * server would have made of MailComposer's bare LF), instead of an encoded LF and one more line end.
 */
function lineEndAtMessageEnd(body: MimeEntity): MimeEntity {
  if (isMultipart(body) || body.transfer !== 'text' || typeof body.content !== 'string') return body;
  const shortened: MimeLeaf = { ...body, content: body.content.replace(/(?<!\r)\n$/, '') };
  // Base64 carries the "\n" inside; the line end after it is not the text's.
  return transferOf(shortened) === 'base64' ? body : shortened;
}

/** RFC 5322 §3.3 in UTC, as MailComposer wrote it: "Mon, 30 Nov 2026 09:03:46 +0000". */
export function rfc5322Date(date: Date): string {
  return date.toUTCString().replace(/GMT$/, '+0000');
}

function headerLine(field: HeaderField): string {
  if ('addresses' in field) return fold(`${field.name}: ${field.addresses.map(mailbox).join(', ')}`);
  if ('messageId' in field) return fold(`${field.name}: ${messageIdValue(field.messageId)}`);
  return fold(`${field.name}: ${unstructured(field.text)}`);
}

/** A msg-id is structured: an encoded word would be read as literal text, so anything odd is refused. */
function messageIdValue(id: string): string {
  const bracketed = `${id.startsWith('<') ? '' : '<'}${id}${id.endsWith('>') ? '' : '>'}`;
  if (!/^<[\x21-\x3b\x3d\x3f-\x7e]+>$/.test(bracketed)) throw new TypeError('Message-ID: only printable ASCII without spaces');
  return bracketed;
}

// ---- header text (RFC 2047) -------------------------------------------------------------------

/** Unstructured text (Subject, our own headers): as it is when plain ASCII, else encoded words. */
function unstructured(text: string): string {
  const plain = /^[\x20-\x7e]*$/.test(text) && !text.includes('=?') && text.split(' ').every((word) => word.length <= 60);
  return plain ? text : encodedWords(text).join(' ');
}

/** A display name (RFC 5322 phrase): an atom run, a quoted string, or encoded words. */
function displayName(name: string): string {
  if (name.length <= 60 && /^[\w ]*$/.test(name)) return name;
  if (name.length <= 60 && /^[\x20-\x7e]*$/.test(name) && !name.includes('=?')) return `"${name.replace(/["\\]/g, '\\$&')}"`;
  return encodedWords(name).join(' ');
}

/**
 * UTF-8 encoded words of whole characters (each must decode on its own, RFC 2047 §5), B or Q as
 * MailComposer chose: Q when Latin letters outnumber everything else, so mostly English stays legible.
 */
export function encodedWords(text: string): string[] {
  const q = mostlyLatin(text);
  const words: string[] = [];
  let payload = '';
  let bytes: number[] = [];
  const flush = () => {
    const encoded = q ? payload : Buffer.from(bytes).toString('base64');
    if (encoded) words.push(`=?UTF-8?${q ? 'Q' : 'B'}?${encoded}?=`);
    payload = '';
    bytes = [];
  };
  for (const character of text) {
    const utf8 = [...Buffer.from(character, 'utf8')];
    if (q) {
      // Only these may stand for themselves in an encoded word inside a phrase (RFC 2047 §5(3)).
      const piece = character === ' ' ? '_' : /^[A-Za-z0-9!*+\-/]$/.test(character) ? character : utf8.map(hexEscape).join('');
      if (payload.length + piece.length > encodedWordPayload) flush();
      payload += piece;
    } else {
      if (Math.ceil((bytes.length + utf8.length) / 3) * 4 > encodedWordPayload) flush();
      bytes.push(...utf8);
    }
  }
  flush();
  return words.length > 0 ? words : ['=?UTF-8?B??='];
}

function mostlyLatin(text: string): boolean {
  let latin = 0;
  let other = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x80 || (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d)) other++;
    else if ((code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)) latin++;
  }
  return other < latin;
}

function hexEscape(byte: number): string {
  return `=${byte.toString(16).toUpperCase().padStart(2, '0')}`;
}

// ---- addresses ----------------------------------------------------------------------------------

function mailbox({ name, address }: MailAddress): string {
  const spec = addrSpec(address);
  return name ? `${displayName(name)} <${spec}>` : /^[^\s"(),:;<>@[\\\]]+@[^\s"(),:;<>@[\\\]]+$/.test(spec) ? spec : `<${spec}>`;
}

/**
 * An address as it can stand in a header: the local part a dot-atom or else quoted, an
 * internationalised domain in its ASCII form. A reply-to from a stranger's mail can hold anything;
 * inside angle brackets nothing in it can end the field or add a recipient.
 */
function addrSpec(address: string): string {
  const cleaned = address.replace(/[\p{Cc}<>]+/gu, ' ').trim();
  const at = cleaned.lastIndexOf('@');
  // Without an @ it is no address, but a forward must still go (MailComposer sent it as it was).
  const local = at < 0 ? cleaned : cleaned.slice(0, at);
  const dotAtom = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
  const quotedLocal = dotAtom.test(local) || /^"([^"\\]|\\.)*"$/.test(local) ? local : `"${local.replace(/["\\]/g, '\\$&')}"`;
  if (at < 0) return quotedLocal;
  const domain = cleaned.slice(at + 1);
  const asciiDomain = /^[\x21-\x7e]*$/.test(domain) ? domain : domainToASCII(domain) || domain;
  return `${quotedLocal}@${asciiDomain}`;
}

// ---- folding ------------------------------------------------------------------------------------

/**
 * Folds a header line before a space so no line passes 76 characters where a space allows it
 * (RFC 5322 §2.2.3; unfolding removes only the CRLF, so the text is unchanged). Encoded words and
 * parameters are built short enough that a space always comes in time.
 */
export function fold(line: string): string {
  const lines: string[] = [];
  let rest = line;
  const nameEnd = line.indexOf(':') + 1;
  let start = nameEnd;
  while (rest.length > foldAt) {
    let at = rest.lastIndexOf(' ', foldAt);
    if (at <= start) at = rest.indexOf(' ', Math.max(foldAt, start + 1));
    if (at <= start) break;
    lines.push(rest.slice(0, at));
    rest = rest.slice(at);
    start = 0;
  }
  lines.push(rest);
  return lines.join(crlf);
}

// ---- entities -----------------------------------------------------------------------------------

function isMultipart(entity: MimeEntity): entity is MimeMultipart {
  return 'multipart' in entity;
}

/**
 * One boundary per multipart. "=_" cannot appear in base64 or quoted-printable text, and the raw
 * bodies (7bit text, an attached message) are searched, so no body can end a part early.
 */
function boundariesFor(root: MimeEntity): Map<MimeMultipart, string> {
  const multiparts: MimeMultipart[] = [];
  const rawBodies: Buffer[] = [];
  const walk = (entity: MimeEntity) => {
    if (isMultipart(entity)) {
      multiparts.push(entity);
      entity.parts.forEach(walk);
    } else if (transferOf(entity) === '7bit' || transferOf(entity) === '8bit') {
      rawBodies.push(contentBytes(entity));
    }
  };
  walk(root);
  for (;;) {
    const base = `=_sn-${randomBytes(12).toString('hex')}`;
    const boundaries = new Map(multiparts.map((multipart, index) => [multipart, `${base}-${index + 1}`]));
    if (rawBodies.every((body) => !body.includes(`--${base}`))) return boundaries;
  }
}

function entityHeaders(entity: MimeEntity, boundaries: Map<MimeMultipart, string>): string[] {
  if (isMultipart(entity)) return [fold(`Content-Type: multipart/${entity.multipart}; boundary="${boundaries.get(entity)!}"`)];
  const params = Object.entries(entity.params ?? {}).map(([key, value]) => `; ${key}=${paramValue(value)}`);
  const name = entity.filename === undefined ? '' : `; name=${legacyName(entity.filename)}`;
  return [
    fold(`Content-Type: ${entity.type}${params.join('')}${name}`),
    `Content-Transfer-Encoding: ${transferOf(entity)}`,
    ...(entity.filename === undefined ? [] : [fold(`Content-Disposition: attachment; ${filenameParam(entity.filename)}`)]),
  ];
}

function writeEntityBody(entity: MimeEntity, boundaries: Map<MimeMultipart, string>, out: Buffer[]): void {
  if (!isMultipart(entity)) {
    out.push(encodedBody(entity));
    return;
  }
  const boundary = boundaries.get(entity)!;
  entity.parts.forEach((part, index) => {
    out.push(
      Buffer.from(`${index > 0 ? crlf : ''}--${boundary}${crlf}${entityHeaders(part, boundaries).join(crlf)}${crlf}${crlf}`, 'utf8'),
    );
    writeEntityBody(part, boundaries, out);
  });
  out.push(Buffer.from(`${crlf}--${boundary}--${crlf}`));
}

function contentBytes(leaf: MimeLeaf): Buffer {
  return typeof leaf.content === 'string' ? Buffer.from(leaf.content, 'utf8') : leaf.content;
}

type TransferEncoding = '7bit' | '8bit' | 'quoted-printable' | 'base64';

/**
 * Decided once per leaf: the boundary search, the headers and the body each ask, and deciding
 * means reading the whole text (a notice's HTML is most of its bytes).
 */
const transferChosen = new WeakMap<MimeLeaf, TransferEncoding>();

function transferOf(leaf: MimeLeaf): TransferEncoding {
  let chosen = transferChosen.get(leaf);
  if (chosen === undefined) transferChosen.set(leaf, (chosen = chooseTransfer(leaf)));
  return chosen;
}

function chooseTransfer(leaf: MimeLeaf): TransferEncoding {
  if (leaf.transfer === 'base64') return 'base64';
  if (leaf.transfer === 'message') return fitsSevenBit(contentBytes(leaf)) ? '7bit' : '8bit';
  const text = typeof leaf.content === 'string' ? leaf.content : leaf.content.toString('utf8');
  if (!/[^\t\n\r\x20-\x7f]/.test(text) && !/^.{77,}/m.test(text)) {
    // A bare LF or CR may not travel as it is (RFC 5321 §2.3.8; receivers refuse it since SMTP
    // smuggling), so such a text goes as quoted-printable, which carries it encoded.
    return bareLineEnd.test(text) ? 'quoted-printable' : '7bit';
  }
  return mostlyLatin(text) ? 'quoted-printable' : 'base64';
}

/** ASCII, no NUL, no line over RFC 5322's 998 octets. */
function fitsSevenBit(bytes: Buffer): boolean {
  let lineLength = 0;
  for (const byte of bytes) {
    if (byte === 0 || byte > 0x7f) return false;
    lineLength = byte === 0x0a || byte === 0x0d ? 0 : lineLength + 1;
    if (lineLength > 998) return false;
  }
  return true;
}

function encodedBody(leaf: MimeLeaf): Buffer {
  const bytes = contentBytes(leaf);
  switch (transferOf(leaf)) {
    case 'base64':
      return Buffer.from(base64Lines(bytes), 'latin1');
    case 'quoted-printable':
      return Buffer.from(quotedPrintable(typeof leaf.content === 'string' ? leaf.content : bytes.toString('utf8')), 'latin1');
    default:
      return bytes;
  }
}

/** RFC 2045 §6.8: lines of 76. */
export function base64Lines(bytes: Buffer): string {
  return (bytes.toString('base64').match(/.{1,76}/g) ?? []).join(crlf);
}

const bareLineEnd = /\r(?!\n)|(?<!\r)\n/;

/**
 * RFC 2045 §6.7 for text: a CRLF stays a line break; a bare LF or CR (our texts are written with
 * "\n") is sent encoded, followed by a soft break, so the reader decodes the very bytes we were
 * given and the wire carries CRLF only. A character's bytes are never split across a soft break,
 * whitespace at a line's end is encoded, and no line passes 76.
 */
export function quotedPrintable(text: string): string {
  return text
    .split('\r\n')
    .map((line) => quotedPrintableLine(line))
    .join(crlf);
}

function quotedPrintableLine(line: string): string {
  const lines: string[] = [];
  let current = '';
  // Character by character, as UTF-16 units read as code points; a notice's HTML is mostly ASCII,
  // and its Chinese is three escaped bytes a character, so this runs over every byte we send.
  for (let index = 0; index < line.length;) {
    const code = line.codePointAt(index)!;
    const width = code > 0xffff ? 2 : 1;
    index += width;
    const next = index < line.length ? line.charCodeAt(index) : undefined;
    const atLineEnd = next === undefined || next === 0x0a || next === 0x0d;
    let token: string;
    if ((code >= 0x21 && code <= 0x7e && code !== 0x3d) || ((code === 0x20 || code === 0x09) && !atLineEnd)) token = line[index - 1]!;
    else token = escapedUtf8(code);
    if (current.length + token.length > foldAt - 1) {
      lines.push(`${current}=`);
      current = '';
    }
    current += token;
    if ((code === 0x0a || code === 0x0d) && next !== undefined) {
      lines.push(`${current}=`);
      current = '';
    }
  }
  lines.push(current);
  return lines.join(crlf);
}

/** "=00" … "=FF". */
const hexEscapes = Array.from({ length: 256 }, (_, byte) => hexEscape(byte));

/** A code point's UTF-8 bytes, each escaped; a lone surrogate as U+FFFD, as Buffer.from writes it. */
function escapedUtf8(code: number): string {
  if (code < 0x80) return hexEscapes[code]!;
  if (code < 0x800) return hexEscapes[0xc0 | (code >> 6)]! + hexEscapes[0x80 | (code & 0x3f)]!;
  if (code >= 0xd800 && code <= 0xdfff) return '=EF=BF=BD';
  if (code < 0x10000)
    return hexEscapes[0xe0 | (code >> 12)]! + hexEscapes[0x80 | ((code >> 6) & 0x3f)]! + hexEscapes[0x80 | (code & 0x3f)]!;
  return (
    hexEscapes[0xf0 | (code >> 18)]! +
    hexEscapes[0x80 | ((code >> 12) & 0x3f)]! +
    hexEscapes[0x80 | ((code >> 6) & 0x3f)]! +
    hexEscapes[0x80 | (code & 0x3f)]!
  );
}

// ---- parameters (RFC 2045 §5.1, RFC 2231) -------------------------------------------------------

const tokenValue = /^[A-Za-z0-9!#$%&'*+\-.^_`{|}~]+$/;

function paramValue(value: string): string {
  if (tokenValue.test(value)) return value;
  if (/^[\x20-\x7e]*$/.test(value)) return `"${value.replace(/["\\]/g, '\\$&')}"`;
  throw new TypeError('MIME parameter: non-ASCII values are sent only as file names');
}

/** Content-Type's name=, which old clients read instead of RFC 2231: encoded words in quotes. */
function legacyName(filename: string): string {
  if (/^[\x20-\x7e]*$/.test(filename) && !filename.includes('=?')) return paramValue(filename);
  return `"${encodedWords(filename).join(' ')}"`;
}

/** filename= plain when ASCII, else RFC 2231 UTF-8 in continuations short enough to fold between. */
function filenameParam(filename: string): string {
  if (/^[\x20-\x7e]*$/.test(filename)) return `filename=${paramValue(filename)}`;
  const encoded = [...filename].map((character) =>
    /^[A-Za-z0-9!#$&+\-.^_`|~]$/.test(character)
      ? character
      : encodeURIComponent(character).replace(/[!'()*]/g, (c) => hexEscape(c.charCodeAt(0)).replace('=', '%')),
  );
  const segments: string[] = [];
  let current = "utf-8''";
  for (const piece of encoded) {
    if (current.length + piece.length > 50) {
      segments.push(current);
      current = '';
    }
    current += piece;
  }
  segments.push(current);
  return segments.length === 1 ? `filename*=${segments[0]!}` : segments.map((segment, index) => `filename*${index}*=${segment}`).join('; ');
}
