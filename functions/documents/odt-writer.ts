// The editable twin of our PDFs: paragraphs, labelled lines with a hanging indent and ruled tables
// in ODF XML, with the styles our own template defines (A4, 標楷體, page numbers in the footer).
// Officers open it in LibreOffice or Word and edit before filing, so it uses real paragraphs and
// tables, never positioned frames. Styles are generated per distinct look, named in order of first
// use, so the same document always yields the same XML. Line heights are fixed multiples of the
// font size, as in the PDF, so the page breaks do not depend on which Kai font the reader has.
import { escapeXml, odfText } from './xml-text.ts';
import { leading, type Align, type Orientation, type TableColumn } from './pdf-flow.ts';

const namespaces = [
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"',
  'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"',
  'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"',
  'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"',
  'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"',
  'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"',
].join(' ');

/**
 * 標楷體 is the face government offices print in; LibreOffice on Linux maps it to AR PL Kaiti
 * through fontconfig's aliases. ODF cannot name a fallback, so the face is declared once.
 */
const fontFace = '標楷體';

export type ParagraphOptions = {
  size?: number;
  align?: Align;
  /** Left margin in points. */
  marginLeft?: number;
  /** First-line indent in points; negative for a hanging indent. */
  textIndent?: number;
  spaceBefore?: number;
  /** Keep with the next paragraph (a heading with its first line). */
  keepWithNext?: boolean;
};

const pageSize: Record<Orientation, { width: number; height: number }> = {
  portrait: { width: 21, height: 29.7 },
  landscape: { width: 29.7, height: 21 },
};
const margins = { top: 2, bottom: 1.8, left: 2.25, right: 2 };

/** Approximate width in ems: CJK and full-width forms one em, ASCII half. Enough for indents. */
export function ems(text: string): number {
  return [...text].reduce((sum, char) => sum + (char.codePointAt(0)! < 0x2e80 ? 0.5 : 1), 0);
}

const pt = (value: number) => `${Math.round(value * 100) / 100}pt`;

export class OdtWriter {
  private readonly styles = new Map<string, { name: string; xml: string }>();
  private readonly body: string[] = [];
  private tables = 0;

  constructor(private readonly orientation: Orientation = 'portrait') {}

  /** Content width in points. */
  get contentWidth(): number {
    return ((pageSize[this.orientation].width - margins.left - margins.right) / 2.54) * 72;
  }

  private style(key: string, make: (name: string) => string, prefix: string): string {
    let style = this.styles.get(key);
    if (!style) {
      const name = `${prefix}${this.styles.size + 1}`;
      style = { name, xml: make(name) };
      this.styles.set(key, style);
    }
    return style.name;
  }

  private paragraphStyle(options: ParagraphOptions): string {
    const size = options.size ?? 12;
    const key = `P|${size}|${options.align ?? 'left'}|${options.marginLeft ?? 0}|${options.textIndent ?? 0}|${options.spaceBefore ?? 0}|${options.keepWithNext ?? false}`;
    return this.style(
      key,
      (name) =>
        `<style:style style:name="${name}" style:family="paragraph" style:parent-style-name="Standard">` +
        `<style:paragraph-properties fo:text-align="${options.align === 'center' ? 'center' : options.align === 'right' ? 'end' : 'start'}"` +
        ` fo:margin-left="${pt(options.marginLeft ?? 0)}" fo:text-indent="${pt(options.textIndent ?? 0)}"` +
        ` fo:margin-top="${pt(options.spaceBefore ?? 0)}" fo:margin-bottom="0pt" fo:line-height="${pt(size * leading)}"${options.keepWithNext ? ' fo:keep-with-next="always"' : ''}/>` +
        `<style:text-properties fo:font-size="${pt(size)}" style:font-size-asian="${pt(size)}"/>` +
        `</style:style>`,
      'P',
    );
  }

  paragraph(text: string, options: ParagraphOptions = {}): void {
    this.body.push(`<text:p text:style-name="${this.paragraphStyle(options)}">${odfText(text)}</text:p>`);
  }

  /** `prefix` then `value`, further lines under the value's first (labelled lines, numbered items). */
  hanging(prefix: string, value: string, options: { size?: number; marginLeft?: number; spaceBefore?: number } = {}): void {
    const size = options.size ?? 12;
    const indent = ems(prefix) * size;
    this.paragraph(`${prefix}${value}`, {
      size,
      marginLeft: (options.marginLeft ?? 0) + indent,
      textIndent: -indent,
      ...(options.spaceBefore ? { spaceBefore: options.spaceBefore } : {}),
    });
  }

  field(label: string, value: string, options: { size?: number; marginLeft?: number; spaceBefore?: number } = {}): void {
    this.hanging(`${label}：`, value, options);
  }

  /** A ruled table with its header row repeated on every page. */
  table(columns: readonly TableColumn[], rows: readonly (readonly string[])[], options: { size: number; minRowHeight?: number }): void {
    this.tables += 1;
    const tableName = `表${this.tables}`;
    const total = columns.reduce((sum, c) => sum + c.width, 0);
    const tableStyle = this.style(
      `T|${this.contentWidth}`,
      (name) =>
        `<style:style style:name="${name}" style:family="table"><style:table-properties style:width="${pt(this.contentWidth)}" table:align="margins" fo:margin-top="4pt" fo:margin-bottom="4pt"/></style:style>`,
      'T',
    );
    const columnStyles = columns.map((column) =>
      this.style(
        `C|${(column.width / total) * this.contentWidth}`,
        (name) =>
          `<style:style style:name="${name}" style:family="table-column"><style:table-column-properties style:column-width="${pt((column.width / total) * this.contentWidth)}"/></style:style>`,
        'C',
      ),
    );
    const cellStyle = (header: boolean) =>
      this.style(
        `Cell|${header}`,
        (name) =>
          `<style:style style:name="${name}" style:family="table-cell"><style:table-cell-properties fo:border="0.5pt solid #000000" fo:padding="3pt" style:vertical-align="middle"${header ? ' fo:background-color="#ebebeb"' : ''}/></style:style>`,
        'Cell',
      );
    const rowStyle = this.style(
      `R|${options.minRowHeight ?? 0}`,
      (name) =>
        `<style:style style:name="${name}" style:family="table-row"><style:table-row-properties${options.minRowHeight ? ` style:min-row-height="${pt(options.minRowHeight)}"` : ''} fo:keep-together="always"/></style:style>`,
      'R',
    );
    const cell = (text: string, header: boolean, align: Align) =>
      `<table:table-cell table:style-name="${cellStyle(header)}" office:value-type="string"><text:p text:style-name="${this.paragraphStyle({ size: options.size, align })}">${odfText(text)}</text:p></table:table-cell>`;
    const row = (cells: readonly string[], header: boolean) =>
      `<table:table-row table:style-name="${rowStyle}">${columns.map((c, i) => cell(cells[i] ?? '', header, header ? 'center' : (c.align ?? 'left'))).join('')}</table:table-row>`;
    this.body.push(
      `<table:table table:name="${escapeXml(tableName)}" table:style-name="${tableStyle}">` +
        columnStyles.map((name) => `<table:table-column table:style-name="${name}"/>`).join('') +
        `<table:table-header-rows>${row(
          columns.map((c) => c.header),
          true,
        )}</table:table-header-rows>` +
        rows.map((cells) => row(cells, false)).join('') +
        `</table:table>`,
    );
  }

  contentXml(): string {
    return [
      '<?xml version="1.0" encoding="UTF-8"?>',
      `<office:document-content ${namespaces} office:version="1.3">`,
      `<office:font-face-decls><style:font-face style:name="${fontFace}" svg:font-family="${fontFace}" style:font-family-generic="script"/></office:font-face-decls>`,
      `<office:automatic-styles>${[...this.styles.values()].map((s) => s.xml).join('')}</office:automatic-styles>`,
      '<office:body><office:text>',
      ...this.body,
      '</office:text></office:body>',
      '</office:document-content>',
    ].join('\n');
  }

  stylesXml(): string {
    const page = pageSize[this.orientation];
    const text = (size: number) =>
      `<style:text-properties style:font-name="${fontFace}" style:font-name-asian="${fontFace}" fo:font-size="${pt(size)}" style:font-size-asian="${pt(size)}" fo:language="zh" fo:country="TW" style:language-asian="zh" style:country-asian="TW"/>`;
    return [
      '<?xml version="1.0" encoding="UTF-8"?>',
      `<office:document-styles ${namespaces} office:version="1.3">`,
      `<office:font-face-decls><style:font-face style:name="${fontFace}" svg:font-family="${fontFace}" style:font-family-generic="script"/></office:font-face-decls>`,
      '<office:styles>',
      `<style:default-style style:family="paragraph"><style:paragraph-properties style:line-break="strict"/>${text(12)}</style:default-style>`,
      '<style:style style:name="Standard" style:family="paragraph" style:class="text"/>',
      `<style:style style:name="Footer" style:family="paragraph" style:parent-style-name="Standard" style:class="extra"><style:paragraph-properties fo:text-align="center"/>${text(10)}</style:style>`,
      '</office:styles>',
      '<office:automatic-styles>',
      `<style:page-layout style:name="PageLayout"><style:page-layout-properties fo:page-width="${page.width}cm" fo:page-height="${page.height}cm" style:print-orientation="${this.orientation}" fo:margin-top="${margins.top}cm" fo:margin-bottom="${margins.bottom}cm" fo:margin-left="${margins.left}cm" fo:margin-right="${margins.right}cm"/><style:footer-style><style:header-footer-properties fo:min-height="0.6cm" fo:margin-top="0.3cm"/></style:footer-style></style:page-layout>`,
      '</office:automatic-styles>',
      '<office:master-styles>',
      '<style:master-page style:name="Standard" style:page-layout-name="PageLayout"><style:footer><text:p text:style-name="Footer">第 <text:page-number text:select-page="current">1</text:page-number> 頁，共 <text:page-count>1</text:page-count> 頁</text:p></style:footer></style:master-page>',
      '</office:master-styles>',
      '</office:document-styles>',
    ].join('\n');
  }
}
