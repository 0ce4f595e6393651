// Stands in for nodemailer's mime-funcs/mime-types.js in the Lambda bundles (lib/bundling/
// handler-build.ts): that module is a 74 KB table of every MIME type there is, and Nodemailer asks
// it only for a part that has a file name and no type, or a type and no file name. What we send
// names its types (text, HTML, the calendar part, a forwarded message), so these few suffice; the
// answers are Nodemailer's own for them (test/unit/invitations/nodemailer-mime-types.test.ts), and
// anything else gets Nodemailer's defaults.
import path from 'node:path';

const defaultMimeType = 'application/octet-stream';
const defaultExtension = 'bin';

/** Extension → type, for the parts we send or could attach. */
const types: Record<string, string> = {
  txt: 'text/plain',
  html: 'text/html',
  htm: 'text/html',
  ics: 'text/calendar',
  eml: 'message/rfc822',
  pdf: 'application/pdf',
  odt: 'application/vnd.oasis.opendocument.text',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv',
  json: 'application/json',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
};

/** Type → extension, the same parts. */
const extensions: Record<string, string> = {
  'text/plain': 'txt',
  'text/html': 'html',
  'text/calendar': 'ics',
  'message/rfc822': 'eml',
  'application/pdf': 'pdf',
  'application/vnd.oasis.opendocument.text': 'odt',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'text/csv': 'csv',
  'application/json': 'json',
  'image/png': 'png',
  'image/jpeg': 'jpeg',
  'image/gif': 'gif',
};

/** Nodemailer's detectMimeType, over the table above. */
export function detectMimeType(filename: string | undefined): string {
  if (!filename) return defaultMimeType;
  const parsed = path.parse(filename);
  const extension = (parsed.ext.slice(1) || parsed.name || '').split('?')[0]!.trim().toLowerCase();
  return types[extension] ?? defaultMimeType;
}

/** Nodemailer's detectExtension, over the table above. */
export function detectExtension(mimeType: string | undefined): string {
  if (!mimeType) return defaultExtension;
  const [rootType = '', ...rest] = mimeType.toLowerCase().trim().split('/');
  const known = extensions[`${rootType.trim()}/${rest.join('/').trim()}`];
  if (known) return known;
  return rootType.trim() === 'text' ? 'txt' : defaultExtension;
}
