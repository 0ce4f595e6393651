// How console pages write dates, times and tables: ROC dates as the secretariat writes them
// (`3/25(三)` in tables, `115年3月25日（星期三）` in prose), and tables that become cards on a phone.
import { html } from 'hono/html';
import { Temporal } from '../../core/calendar/local-date.ts';
import { rocClockTime, rocFormalDate, rocTableDate, rocYear } from '../../core/calendar/roc-date.ts';
import type { Markup } from './console-layout.ts';

/** `3/25(三)` from YYYY-MM-DD; `116/2/24(三)` when it is not in `thisYear` (lists that cross a year). */
export function tableDate(isoDate: string, thisYear?: number): string {
  const date = Temporal.PlainDate.from(isoDate);
  return thisYear === undefined || date.year === thisYear ? rocTableDate(date) : `${rocYear(date.year)}/${rocTableDate(date)}`;
}

/** `115年3月25日（星期三）` from YYYY-MM-DD. */
export const formalDate = (isoDate: string) => rocFormalDate(Temporal.PlainDate.from(isoDate));

/** `下午2時` from HH:MM. */
export const clockTime = (time: string) => rocClockTime(Temporal.PlainTime.from(time));

/** `115/3/25 14:05` from an ISO instant, in Taipei: when something was recorded. */
export function recordedAt(instant: string): string {
  const local = Temporal.Instant.from(instant).toZonedDateTimeISO('Asia/Taipei');
  const minutes = String(local.minute).padStart(2, '0');
  return `${local.year - 1911}/${local.month}/${local.day} ${local.hour}:${minutes}`;
}

export type Cell = Markup | string | number;

/**
 * A table with a caption. On a wide screen, a table; on a phone, each row a card whose cells are
 * labelled with their column's heading (CSS in console-layout.ts), so nothing is squeezed into
 * one-character columns. The roles are explicit because a table laid out as blocks loses its
 * implicit ones in some browsers. `nowrap` names columns that must not break (dates, times).
 */
export function dataTable(
  caption: string,
  headings: readonly string[],
  rows: ReadonlyArray<readonly Cell[]>,
  options: { nowrap?: readonly number[] } = {},
): Markup {
  const nowrap = new Set(options.nowrap ?? []);
  return html`<table class="stack" role="table">
    <caption>
      ${caption}
    </caption>
    <thead role="rowgroup">
      <tr role="row">
        ${headings.map((h) => html`<th scope="col" role="columnheader">${h}</th>`)}
      </tr>
    </thead>
    <tbody role="rowgroup">
      ${rows.map(
        (cells) =>
          html`<tr role="row">
            ${cells.map((cell, index) =>
              cell === ''
                ? html`<td role="cell" data-label="${headings[index] ?? ''}"></td>`
                : html`<td role="cell" data-label="${headings[index] ?? ''}" ${nowrap.has(index) ? html`class="nowrap"` : ''}>
                    <span>${cell}</span>
                  </td>`,
            )}
          </tr>`,
      )}
    </tbody>
  </table>`;
}

/** What a list shows when it has nothing to show. */
export const nothing = (text: string): Markup => html`<p class="ok">${text}</p>`;

/** A contact's name, with their title when the name does not already say it (科長（待填） is not 科長（待填）（科長）). */
export const contactLabel = (contact: { name: string; title?: string }) =>
  contact.title && !contact.name.includes(contact.title) ? `${contact.name}（${contact.title}）` : contact.name;
