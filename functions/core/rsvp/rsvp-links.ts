// The accept and decline links in an invitation. Each carries a signed token scoped to one
// occurrence, one contact and the SEQUENCE the invitation showed, so an answer to an older version
// of the meeting is recognised as stale and a link cannot be pointed at another meeting or person.
// Opening a link only shows a page; the answer is recorded when the page's button is pressed
// (mail scanners pre-fetch every link in a message).
import { signToken } from '../access/token-signing.ts';

export const linkAnswers = ['accept', 'decline'] as const;
/** What a link can answer. */
export type LinkAnswer = (typeof linkAnswers)[number];
/** What can be recorded: calendar clients can also answer TENTATIVE. */
export type RsvpAnswer = LinkAnswer | 'tentative';

export function isLinkAnswer(value: unknown): value is LinkAnswer {
  return typeof value === 'string' && (linkAnswers as readonly string[]).includes(value);
}

export type RsvpLinkInput = {
  /** Public base URL of the HTTP app, e.g. https://meetings.example.org (a trailing slash is ignored). */
  baseUrl: string;
  key: Uint8Array;
  seriesId: string;
  slotKey: string;
  contactId: string;
  /** The SEQUENCE of the invitation the links go into. */
  sequence: number;
  meetingStart: Date;
  /** When the meeting ends; without it the links live until one day after the start. */
  meetingEnd?: Date;
  /** When the notice is rendered. */
  now: Date;
};

export type RsvpLinks = { accept: string; decline: string };

const dayMillis = 24 * 60 * 60 * 1000;
/** An invitation goes out at most a few months ahead; no link outlives this, whatever the date says. */
export const maxLinkLifetimeMillis = 180 * dayMillis;

/** When the links stop working: the meeting's end (or start + 1 day), never more than 180 days after issue. */
export function rsvpLinkExpiry(input: Pick<RsvpLinkInput, 'meetingStart' | 'meetingEnd' | 'now'>): Date {
  const start = input.meetingStart.getTime();
  if (!Number.isFinite(start)) throw new RangeError('meetingStart is not a valid date');
  const end = input.meetingEnd?.getTime() ?? start + dayMillis;
  if (!Number.isFinite(end) || end < start) throw new RangeError('meetingEnd must be a valid date after meetingStart');
  return new Date(Math.min(end, input.now.getTime() + maxLinkLifetimeMillis));
}

export function rsvpLinks(input: RsvpLinkInput): RsvpLinks {
  const exp = Math.max(1, Math.ceil(rsvpLinkExpiry(input).getTime() / 1000));
  const token = signToken(
    { purpose: 'rsvp', seriesId: input.seriesId, slotKey: input.slotKey, contactId: input.contactId, sequence: input.sequence, exp },
    input.key,
  );
  const base = `${input.baseUrl.replace(/\/+$/, '')}/rsvp/${encodeURIComponent(token)}`;
  return { accept: `${base}?answer=accept`, decline: `${base}?answer=decline` };
}
