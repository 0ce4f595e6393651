// One deployment receives replies for every county it serves. A calendar reply is addressed to the
// ORGANIZER, which is the county's secretariat mailbox, so the recipient headers say whose it is.
import type { CountyConfig } from '../series/county-config.ts';

const recipientHeaders = /^(to|cc|delivered-to|x-original-to)$/i;

/** The one county whose secretariat mailbox the message was addressed to; undefined if none or several. */
export function countyAddressedIn(raw: Buffer | string, counties: readonly CountyConfig[]): CountyConfig | undefined {
  const text = typeof raw === 'string' ? raw : raw.subarray(0, 64 * 1024).toString('latin1');
  const headerEnd = text.search(/\r?\n\r?\n/);
  const unfolded = (headerEnd >= 0 ? text.slice(0, headerEnd) : text).replace(/\r?\n[ \t]+/g, ' ');
  const addresses = unfolded
    .split(/\r?\n/)
    .filter((line) => recipientHeaders.test(line.slice(0, line.indexOf(':'))))
    .map((line) => line.slice(line.indexOf(':') + 1).toLowerCase())
    .join(' ');
  const matches = counties.filter((c) =>
    new RegExp(`(^|[<\\s,:;])${escape(c.secretariat.mailbox.toLowerCase())}($|[>\\s,;])`).test(addresses),
  );
  return matches.length === 1 ? matches[0] : undefined;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
