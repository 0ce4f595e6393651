// What is stored about one meeting's minutes, and who did what to them. The current state (the
// head) is derived from the latest version; versions and audit records are only ever added.
import type { MinutesContent, ActionItem, FollowUpForm } from './minutes-schema.ts';
import type { MinutesEvent, MinutesState } from './minutes-lifecycle.ts';

/**
 * Who acted, and through which credential. `via` names the credential without being one: a
 * fingerprint of the link token, or of the secretariat's sign-in token. Never an e-mail address.
 */
export type MinutesActor =
  { kind: 'chair' | 'invitee'; contactId: string; unitId: string; via: string } | { kind: 'secretariat'; subject: string; via: string };

export type MinutesHead = {
  seriesId: string;
  slotKey: string;
  state: MinutesState;
  /** Up by one on every write: a save, and every step of the lifecycle. */
  version: number;
  minutes: MinutesContent;
  meetingDate: string;
  chairUnitId: string;
  updatedAt: string;
  updatedBy: MinutesActor;
  submittedAt?: string;
  approvedAt?: string;
  distributedAt?: string;
};

export type MinutesVersion = {
  seriesId: string;
  slotKey: string;
  version: number;
  state: MinutesState;
  event: MinutesEvent;
  minutes: MinutesContent;
  savedAt: string;
  savedBy: MinutesActor;
};

export type AuditAction =
  | 'read'
  | MinutesEvent
  /** Secretariat lists that show minutes content (action items) across series. */
  | 'list-action-items'
  | 'list-overdue'
  /** The secretariat issued a new minutes link (e.g. after revoking the old ones). */
  | 'issue-link'
  /** A 開會通知單 was issued for the meeting (its 發文字號 in `document`, its revision in `version`). */
  | 'issue-notice'
  /** A document was downloaded: notice, 簽到表, minutes or annual plan (`document` says which and in what format). */
  | 'download-document';

export type AuditRecord = {
  at: string;
  seriesId?: string;
  slotKey?: string;
  actor: MinutesActor;
  action: AuditAction;
  /** The minutes version read or written. */
  version?: number;
  state?: MinutesState | 'none';
  /** How many records a list showed. */
  count?: number;
  /** For documents: what was issued or downloaded, e.g. `minutes.pdf`, `annual-plan-2026.xlsx`. */
  document?: string;
};

/** An action item as the secretariat follows it up across series: where it was decided, and its place in that record. */
export type ActionItemRecord = ActionItem & {
  seriesId: string;
  slotKey: string;
  index: number;
  meetingDate: string;
  minutesState: MinutesState;
  minutesVersion: number;
};

export type FollowUpFormRecord = FollowUpForm & {
  seriesId: string;
  slotKey: string;
  meetingDate: string;
  minutesState: MinutesState;
  minutesVersion: number;
};

export function actorLabel(actor: MinutesActor): string {
  return actor.kind === 'secretariat' ? `secretariat:${actor.subject}` : `${actor.kind}:${actor.contactId}`;
}
