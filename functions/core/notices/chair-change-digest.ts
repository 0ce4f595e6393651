// Chair changes reach people as one digest per person per Taipei day, never as one mail per
// meeting: a cancellation that moves the rotation for a year of meetings is one message to each
// person concerned, listing every meeting whose chair moved from which unit to which, and why.
//
// A digest is keyed by (county, contact, day). The day's digest is due at once; changes that come
// after it went out wait for the next day's digest, due at the start of office hours, so nobody
// gets two in one day.
import { Temporal, TAIPEI, todayInTaipei } from '../calendar/local-date.ts';
import { noticeTime, type ChairChangeEntry, type Notice, type Recipient } from './notice.ts';
import type { UntoldChairChange } from './due-notices.ts';

/**
 * When a digest that waits for the next day goes out: the start of office hours in Taipei. Made from
 * its fields, not parsed from "08:00": parsing at import compiled the time parser's patterns in the
 * cold start of every function that bundles this (issue 13).
 */
const nextDayHour = new Temporal.PlainTime(8, 0);

export type ChairDigest = Notice & { kind: 'chair-change'; chairChanges: ChairChangeEntry[] };

/** The digests of one day for the given untold changes: one per person, each listing their meetings. */
export function chairChangeDigests(changes: readonly UntoldChairChange[], day: Temporal.PlainDate, now: Temporal.Instant): ChairDigest[] {
  const byContact = new Map<string, { recipient: Recipient; entries: ChairChangeEntry[] }>();
  for (const { entry, recipients } of changes) {
    for (const recipient of recipients) {
      const digest = byContact.get(recipient.contactId) ?? { recipient, entries: [] };
      digest.entries.push(entry);
      byContact.set(recipient.contactId, digest);
    }
  }
  const dueAt = noticeTime(digestDueAt(day, now));
  return [...byContact.values()].map(({ recipient, entries }) => ({
    seriesId: '',
    slotKey: day.toString(),
    kind: 'chair-change',
    variant: day.toString(),
    sequence: 0,
    recipient,
    dueAt,
    chairChanges: entries.sort(
      (a, b) => a.date.localeCompare(b.date) || a.start.localeCompare(b.start) || a.seriesId.localeCompare(b.seriesId),
    ),
  }));
}

/** Today's digest goes at once; a later day's at the start of that day's office hours. */
export function digestDueAt(day: Temporal.PlainDate, now: Temporal.Instant): Temporal.Instant {
  if (Temporal.PlainDate.compare(day, todayInTaipei(now)) <= 0) return now;
  return day.toZonedDateTime({ timeZone: TAIPEI, plainTime: nextDayHour }).toInstant();
}

/**
 * The entries as a person should read them: one line per meeting, from the unit they last heard
 * of to the chair it has now. Two changes of one meeting on one day (a cancellation moved it, then
 * a swap) read as one; one that ends where it started says nothing and is left out.
 */
export function digestLines(entries: readonly ChairChangeEntry[]): ChairChangeEntry[] {
  const bySlot = new Map<string, ChairChangeEntry>();
  for (const entry of entries) {
    const key = `${entry.seriesId}#${entry.slotKey}`;
    const earlier = bySlot.get(key);
    bySlot.set(key, earlier ? { ...entry, fromUnitId: earlier.fromUnitId } : entry);
  }
  return [...bySlot.values()].filter((e) => e.fromUnitId !== e.toUnitId);
}
