// Top-to-bottom layout on A4 pages: lines, labelled fields with a hanging indent (公文 style:
// the value's second line starts under its first, not under the label), and ruled tables that
// continue on the next page with their header repeated. Positions are measured from the top of
// the page, as a person reads; pdf-lib's bottom-up coordinates stay inside this file.
import { PageSizes, rgb, type Color, type PDFDocument, type PDFPage } from 'pdf-lib';
import type { PdfText } from './pdf-text.ts';

export type Orientation = 'portrait' | 'landscape';

export type FlowOptions = {
  orientation?: Orientation;
  /** Page margins in points: top, right, bottom, left. */
  margins?: { top: number; right: number; bottom: number; left: number };
  /** Drawn at the top of every page after the first, e.g. a confidentiality mark. */
  runningHead?: string;
};

export type Align = 'left' | 'center' | 'right';

export type TableColumn = {
  header: string;
  width: number;
  align?: Align;
  /** Stays legible in a struck-through row: the column that says why (備註). */
  neverStruck?: boolean;
};

export type TableOptions = {
  size: number;
  /** Rows are at least this tall: room to sign by hand. */
  minRowHeight?: number;
  headerFill?: boolean;
  /** Rows (by index in `rows`) printed grey and struck through: called off, but still on record. */
  struckRows?: readonly number[];
};

/** Line height as a multiple of the font size: CJK print needs more leading than Latin. */
export const leading = 1.45;
/** Where the baseline sits in a line box, as a fraction of the font size from the box's top. */
const baselineRatio = 0.88;
const cellPadding = 4;
const rule = { thickness: 0.6, color: rgb(0, 0, 0) };
const struckGrey = rgb(0.45, 0.45, 0.45);

const defaultMargins = { top: 56, right: 56, bottom: 60, left: 64 };

export class PdfFlow {
  page!: PDFPage;
  /** Distance of the cursor from the top of the page. */
  y = 0;
  readonly width: number;
  readonly height: number;
  readonly margins: { top: number; right: number; bottom: number; left: number };
  private readonly pages: PDFPage[] = [];

  constructor(
    private readonly doc: PDFDocument,
    readonly text: PdfText,
    private readonly options: FlowOptions = {},
  ) {
    const [a4Width, a4Height] = PageSizes.A4;
    [this.width, this.height] = options.orientation === 'landscape' ? [a4Height, a4Width] : [a4Width, a4Height];
    this.margins = options.margins ?? defaultMargins;
    this.newPage();
  }

  get left(): number {
    return this.margins.left;
  }

  get contentWidth(): number {
    return this.width - this.margins.left - this.margins.right;
  }

  get remaining(): number {
    return this.height - this.margins.bottom - this.y;
  }

  newPage(): void {
    this.page = this.doc.addPage([this.width, this.height]);
    this.pages.push(this.page);
    this.y = this.margins.top;
    if (this.pages.length > 1 && this.options.runningHead) {
      this.line(this.options.runningHead, { size: 10, align: 'right' });
      this.gap(4);
    }
  }

  /** Starts a new page unless `height` points still fit on this one. */
  ensure(height: number): void {
    if (height > this.remaining && this.y > this.margins.top + 20) this.newPage();
  }

  gap(points: number): void {
    this.y += points;
  }

  /** One line (wrapped when too long), aligned within the content width or from `x`. */
  line(text: string, options: { size: number; align?: Align; x?: number; width?: number }): void {
    const x = options.x ?? this.left;
    const width = options.width ?? this.contentWidth - (x - this.left);
    for (const line of this.text.wrap(text, options.size, width)) {
      this.ensure(options.size * leading);
      const lineWidth = this.text.width(line, options.size);
      const offset = options.align === 'center' ? (width - lineWidth) / 2 : options.align === 'right' ? width - lineWidth : 0;
      this.drawAt(line, x + offset, this.y, options.size);
      this.y += options.size * leading;
    }
  }

  /** `label：value`, the value wrapped under itself; an empty value still prints the label. */
  field(label: string, value: string, options: { size: number; x?: number; labelWidth?: number }): void {
    this.hanging(`${label}：`, value, {
      size: options.size,
      ...(options.x === undefined ? {} : { x: options.x }),
      prefixWidth: options.labelWidth,
    });
  }

  /**
   * `prefix` then `value`, the value's further lines aligned under its first (a hanging indent):
   * labelled lines, and numbered items such as `一、…`.
   */
  hanging(prefix: string, value: string, options: { size: number; x?: number; prefixWidth?: number | undefined }): void {
    const x = options.x ?? this.left;
    const prefixWidth = Math.max(options.prefixWidth ?? 0, this.text.width(prefix, options.size));
    const valueWidth = this.contentWidth - (x - this.left) - prefixWidth;
    const lines = this.text.wrap(value, options.size, valueWidth);
    const lineHeight = options.size * leading;
    // Keep the prefix with at least the first two lines of its value.
    this.ensure(Math.min(lines.length, 2) * lineHeight);
    this.drawAt(prefix, x, this.y, options.size);
    lines.forEach((line, index) => {
      if (index > 0) this.ensure(lineHeight);
      this.drawAt(line, x + prefixWidth, this.y, options.size);
      this.y += lineHeight;
    });
  }

  /** A ruled table; rows that do not fit go to the next page under a repeated header. */
  table(columns: readonly TableColumn[], rows: readonly (readonly string[])[], options: TableOptions): void {
    const total = columns.reduce((sum, c) => sum + c.width, 0);
    const widths = columns.map((c) => (c.width / total) * this.contentWidth);
    const lineHeight = options.size * leading;
    const layout = (cells: readonly string[]) => {
      const wrapped = widths.map((w, i) => this.text.wrap(cells[i] ?? '', options.size, w - 2 * cellPadding));
      const height = Math.max(options.minRowHeight ?? 0, Math.max(...wrapped.map((l) => l.length)) * lineHeight + 2 * cellPadding);
      return { wrapped, height };
    };
    const header = layout(columns.map((c) => c.header));
    const drawRow = (row: { wrapped: string[][]; height: number }, isHeader: boolean, struck = false) => {
      let x = this.left;
      const top = this.y;
      row.wrapped.forEach((lines, i) => {
        const w = widths[i]!;
        this.page.drawRectangle({
          x,
          y: this.height - top - row.height,
          width: w,
          height: row.height,
          borderWidth: rule.thickness,
          borderColor: rule.color,
          ...(isHeader && options.headerFill !== false ? { color: rgb(0.92, 0.92, 0.92) } : {}),
        });
        // Centred vertically: a short name in a tall signature row sits in the middle.
        let lineTop = top + (row.height - lines.length * lineHeight) / 2;
        for (const line of lines) {
          const align = isHeader ? 'center' : (columns[i]!.align ?? 'left');
          const lineWidth = this.text.width(line, options.size);
          const inner = w - 2 * cellPadding;
          const offset = align === 'center' ? (inner - lineWidth) / 2 : align === 'right' ? inner - lineWidth : 0;
          const strike = struck && !columns[i]!.neverStruck;
          this.drawAt(line, x + cellPadding + offset, lineTop, options.size, strike ? struckGrey : undefined);
          if (strike && line) {
            const middle = this.height - lineTop - lineHeight / 2;
            this.page.drawLine({
              start: { x: x + cellPadding + offset, y: middle },
              end: { x: x + cellPadding + offset + lineWidth, y: middle },
              thickness: 0.7,
              color: struckGrey,
            });
          }
          lineTop += lineHeight;
        }
        x += w;
      });
      this.y += row.height;
    };
    this.ensure(header.height + (rows.length > 0 ? layout(rows[0]!).height : 0));
    drawRow(header, true);
    rows.forEach((cells, index) => {
      const row = layout(cells);
      if (row.height > this.remaining) {
        this.newPage();
        drawRow(header, true);
      }
      drawRow(row, false, options.struckRows?.includes(index) ?? false);
    });
  }

  /** A horizontal rule across the content width. */
  hr(thickness = rule.thickness): void {
    this.page.drawLine({
      start: { x: this.left, y: this.height - this.y },
      end: { x: this.left + this.contentWidth, y: this.height - this.y },
      thickness,
      color: rule.color,
    });
  }

  /** `第 1 頁，共 2 頁` centred under the content of every page, and `note` (e.g. the version) at the right. */
  numberPages(size = 10, note?: string): void {
    this.pages.forEach((page, index) => {
      const label = `第 ${index + 1} 頁，共 ${this.pages.length} 頁`;
      const width = this.text.width(label, size);
      this.text.draw(page, label, (this.width - width) / 2, this.margins.bottom / 2, size);
      if (note) this.text.draw(page, note, this.width - this.margins.right - this.text.width(note, size), this.margins.bottom / 2, size);
    });
  }

  /** Text whose line box starts `top` points below the top of the current page. */
  drawAt(text: string, x: number, top: number, size: number, color?: Color): void {
    this.text.draw(this.page, text, x, this.height - top - size * (baselineRatio + (leading - 1) / 2), size, color);
  }
}
