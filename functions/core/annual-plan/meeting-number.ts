// 第幾次: a meeting's number in its series' year, as the annual plan counts its 序號 (documents/
// annual-plan-document.ts): meetings that take place, in date order, ad-hoc sessions included.
// A cancelled meeting has no number. Documents name a meeting by it (115年度第二次…), and a meeting
// keeps its number once the meetings before it have taken place.
import type { Occurrence } from '../planning/occurrence.ts';

export function meetingNumber(meeting: Occurrence, seriesOccurrences: readonly Occurrence[]): number | undefined {
  if (meeting.status === 'cancelled') return undefined;
  const year = meeting.date.slice(0, 4);
  const order = (o: Occurrence) => `${o.date}${o.start}${o.slotKey}`;
  const held = seriesOccurrences
    .filter((o) => o.seriesId === meeting.seriesId && o.status !== 'cancelled' && o.date.startsWith(year))
    .sort((a, b) => order(a).localeCompare(order(b)));
  const index = held.findIndex((o) => o.slotKey === meeting.slotKey);
  return index >= 0 ? index + 1 : undefined;
}
