// One meeting of a series (場次). Its slot key is its identity: the month (or nominal date) the
// cadence gave it, which never changes when a person moves the meeting to another day.

export type OccurrenceStatus = 'scheduled' | 'cancelled';

/** Why a meeting's chair changed: what the chair-change digest tells the units. */
export type ChairChangeCause =
  /** An earlier meeting was cancelled and the rotation kept the unit's turn, so later chairs moved. */
  | 'cancellation'
  /** The secretariat swapped the chairs of two meetings. */
  | 'swap'
  /** The secretariat named another unit to chair this one meeting (代理主持). */
  | 'acting-chair'
  /** A cancelled earlier meeting is held after all, so the later chairs moved back to their turn. */
  | 'reinstatement'
  /** The series' rotation itself changed (its roster or rule in the county configuration). */
  | 'rotation';

/**
 * The chair the units were last told of, and why it changed since. Stored on the occurrence in the
 * same write that changes the chair, so the notice that tells the units is derived from stored
 * state: a run that dies after the change and before queueing leaves it here for the next run.
 */
export type ChairChange = {
  /** The chair before the change: the unit people last heard chairs this meeting. */
  fromUnitId: string;
  cause: ChairChangeCause;
  /**
   * For a cancellation: the date of the cancelled meeting that moved the rotation. For a
   * reinstatement: the date of the once-cancelled meeting now held after all.
   */
  cancelledDate?: string;
  /** The secretariat's reason, for a swap or an acting chair. */
  reason?: string;
  /** The planning run (its "now") that made the change. */
  changedAt: string;
  /** The Taipei date of the digest that tells the units; unset until it is queued. */
  toldIn?: string;
};

export type Occurrence = {
  seriesId: string;
  slotKey: string;
  /** iCalendar UID, generated once when the occurrence is created; every update reuses it. */
  uid: string;
  /** iCalendar SEQUENCE: up by one on every change a calendar must show (time, place, chair, status). */
  sequence: number;
  status: OccurrenceStatus;
  /** Local date in Asia/Taipei, YYYY-MM-DD. */
  date: string;
  /** Local start time, HH:MM. */
  start: string;
  durationMinutes: number;
  venueId: string;
  chairUnitId: string;
  /** The date's year has no loaded office calendar yet: planned on weekends-only rules. */
  provisional: boolean;
  /** The holiday policy could not place it on a working day: a person must decide. */
  needsDecision: boolean;
  /** Why the date differs from the cadence's nominal date, in zh-TW. */
  placementNote?: string;
  adHoc: boolean;
  /** The highest sequence whose invitations have been queued. */
  invitedSequence?: number;
  /** When the first invitation was queued: reminders whose moment had already passed are skipped. */
  invitedAt?: string;
  /** Who holds this meeting in their calendar: compared with the roster to invite newcomers and cancel for leavers. */
  invitedContactIds?: string[];
  /**
   * Identities (noticeId) of the other notices already queued for this meeting: reminders, chair
   * duty, minutes follow-up. Recorded in the same transaction that queues them, so a run knows
   * what is queued from the occurrence alone and never asks the outbox again.
   */
  queuedNotices?: string[];
  /**
   * Contacts sent an uninvitation (a removal CANCEL) for this meeting, and how many times: a person
   * removed, re-added and removed again is told each time, so each of those notices needs its own
   * identity in the outbox (core/notices/due-notices.ts). Recorded in the same transaction.
   */
  uninvited?: Record<string, number>;
  /**
   * Why the meeting last changed in a way calendars show (the secretariat's reason for a move, a
   * venue, a cancellation, a reinstatement, a swap or an acting chair; or the office calendar's, for
   * a closure), written in the same write as the change, so that the update says why.
   */
  changeReason?: string;
  /** When the secretariat's decision that changeReason explains was made (its override's updatedAt). */
  changeDecidedAt?: string;
  /** Set while (and after) the units are told that the chair changed; see ChairChange. */
  chairChange?: ChairChange;
  createdAt: string;
  updatedAt: string;
};
