// Reads our .odt files back with parsers that share no code with the writer: the zip with jszip,
// every XML part with saxes (a strict, namespace-aware XML parser), and the package's first bytes
// by hand against ODF 1.3 part 2 §3.3 (mimetype first, stored, no extra field).
import JSZip from 'jszip';
import { SaxesParser } from 'saxes';

export type OdtReadBack = {
  entries: string[];
  mimetypeFirstAndStored: boolean;
  /** Paragraphs of content.xml in document order, table cells included, each as its text. */
  paragraphs: string[];
  /** Cell texts of each table, row by row. */
  tables: string[][][];
  xml: Record<string, string>;
};

const textNs = 'urn:oasis:names:tc:opendocument:xmlns:text:1.0';
const tableNs = 'urn:oasis:names:tc:opendocument:xmlns:table:1.0';

function checkMimetypeEntry(bytes: Uint8Array): boolean {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const signature = view.getUint32(0, true) === 0x04034b50;
  const method = view.getUint16(8, true);
  const nameLength = view.getUint16(26, true);
  const extraLength = view.getUint16(28, true);
  const name = new TextDecoder().decode(bytes.subarray(30, 30 + nameLength));
  const content = new TextDecoder().decode(bytes.subarray(30 + nameLength, 30 + nameLength + 39));
  return signature && method === 0 && extraLength === 0 && name === 'mimetype' && content === 'application/vnd.oasis.opendocument.text';
}

/** Throws if the XML is not well-formed or uses an undeclared namespace prefix. */
function parseXml(
  xml: string,
  onOpen?: (uri: string, local: string) => void,
  onText?: (text: string) => void,
  onClose?: (uri: string, local: string) => void,
) {
  const parser = new SaxesParser({ xmlns: true });
  parser.on('error', (error) => {
    throw error;
  });
  parser.on('opentag', (tag) => onOpen?.(tag.uri, tag.local));
  parser.on('closetag', (tag) => onClose?.(tag.uri, tag.local));
  parser.on('text', (text) => onText?.(text));
  parser.write(xml).close();
}

export async function readOdt(bytes: Uint8Array): Promise<OdtReadBack> {
  const zip = await JSZip.loadAsync(bytes);
  const entries = Object.keys(zip.files);
  const xml: Record<string, string> = {};
  for (const name of entries.filter((n) => n.endsWith('.xml'))) {
    xml[name] = await zip.file(name)!.async('string');
    parseXml(xml[name]);
  }

  const paragraphs: string[] = [];
  const tables: string[][][] = [];
  let paragraph: string | undefined;
  let row: string[] | undefined;
  let cell: string[] | undefined;
  parseXml(
    xml['content.xml'] ?? '',
    (uri, local) => {
      if (uri === textNs && (local === 'p' || local === 'h')) paragraph = '';
      else if (uri === textNs && local === 's' && paragraph !== undefined) paragraph += ' ';
      else if (uri === textNs && local === 'tab' && paragraph !== undefined) paragraph += '\t';
      else if (uri === textNs && local === 'line-break' && paragraph !== undefined) paragraph += '\n';
      else if (uri === tableNs && local === 'table') tables.push([]);
      else if (uri === tableNs && local === 'table-row') row = [];
      else if (uri === tableNs && local === 'table-cell') cell = [];
    },
    (text) => {
      if (paragraph !== undefined) paragraph += text;
    },
    (uri, local) => {
      if (uri === textNs && (local === 'p' || local === 'h') && paragraph !== undefined) {
        paragraphs.push(paragraph);
        cell?.push(paragraph);
        paragraph = undefined;
      } else if (uri === tableNs && local === 'table-cell' && cell) {
        row?.push(cell.join('\n'));
        cell = undefined;
      } else if (uri === tableNs && local === 'table-row' && row) {
        tables[tables.length - 1]?.push(row);
        row = undefined;
      }
    },
  );
  return { entries, mimetypeFirstAndStored: checkMimetypeEntry(bytes), paragraphs, tables, xml };
}
