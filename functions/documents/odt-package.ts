// An OpenDocument text file (.odt): a zip whose first entry is `mimetype`, stored uncompressed
// and without extra fields so that tools can sniff the type at a fixed offset (ODF 1.3 part 2,
// 3.3), then the manifest, the content, the styles and the metadata. Every entry carries the
// same fixed timestamp: an approved record exported twice must be byte-identical.
import { strToU8, zipSync, type Zippable } from 'fflate';
import { escapeXml } from './xml-text.ts';

export const odtMediaType = 'application/vnd.oasis.opendocument.text';

export type OdtParts = {
  /** The whole content.xml. */
  content: string;
  /** The whole styles.xml. */
  styles: string;
  title: string;
  author: string;
  /** YYYY-MM-DD: the document's date, and every zip entry's timestamp. */
  date: string;
};

function manifest(): string {
  const entry = (path: string, type: string) => `<manifest:file-entry manifest:full-path="${path}" manifest:media-type="${type}"/>`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">',
    `<manifest:file-entry manifest:full-path="/" manifest:version="1.3" manifest:media-type="${odtMediaType}"/>`,
    entry('content.xml', 'text/xml'),
    entry('styles.xml', 'text/xml'),
    entry('meta.xml', 'text/xml'),
    '</manifest:manifest>',
  ].join('\n');
}

function meta(parts: OdtParts): string {
  const at = `${parts.date}T00:00:00`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.3">',
    '<office:meta>',
    '<meta:generator>safetynet-meetings documents</meta:generator>',
    `<dc:title>${escapeXml(parts.title)}</dc:title>`,
    `<meta:initial-creator>${escapeXml(parts.author)}</meta:initial-creator>`,
    `<dc:creator>${escapeXml(parts.author)}</dc:creator>`,
    `<meta:creation-date>${at}</meta:creation-date>`,
    `<dc:date>${at}</dc:date>`,
    '<dc:language>zh-TW</dc:language>',
    '</office:meta>',
    '</office:document-meta>',
  ].join('\n');
}

export function packageOdt(parts: OdtParts): Uint8Array {
  const [year, month, day] = parts.date.split('-').map(Number) as [number, number, number];
  // Zip times are local wall-clock fields, and fflate reads them from a Date in the process's
  // zone: a Date built from local fields gives the same entry on any machine, UTC Lambda included.
  const mtime = new Date(year, month - 1, day, 0, 0, 0);
  const files: Zippable = {
    mimetype: [strToU8(odtMediaType), { level: 0 }],
    'META-INF/manifest.xml': strToU8(manifest()),
    'content.xml': strToU8(parts.content),
    'styles.xml': strToU8(parts.styles),
    'meta.xml': strToU8(meta(parts)),
  };
  return zipSync(files, { level: 9, mtime });
}
