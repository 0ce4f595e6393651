// What the audit trail keeps of each secretariat task: who did it, when, why, what it changed (each
// thing before and after), and who was told (the notices it queued). One shape for every task, so
// the console's 稽核紀錄 and a meeting's change history read any of them the same way.
//
// Audit records name people by their ids and names, never by their addresses: the trail is read
// by more people than the mailboxes are.
import type { Notice, NoticeKind } from '../notices/notice.ts';

export type SecretariatTask =
  | 'move'
  | 'cancel'
  | 'reinstate'
  | 'venue'
  | 'swap-chairs'
  | 'acting-chair'
  | 'add-session'
  | 'declare-closure'
  | 'remove-closure'
  | 'import-calendar'
  | 'add-contact'
  | 'remove-contact'
  | 'readd-contact'
  | 'retry-notice'
  | 'deal-with-held-reply'
  | 'issue-chair-link'
  | 'revoke-chair-link'
  | 'approve-minutes'
  | 'return-minutes'
  | 'distribute-minutes'
  | 'sign-in'
  | 'sign-out';

/** The task's name as the console and the CLI show it. */
export const taskLabels: Readonly<Record<SecretariatTask, string>> = {
  move: '會議改期',
  cancel: '停開會議',
  reinstate: '恢復停開的會議',
  venue: '更換場地',
  'swap-chairs': '互換主持',
  'acting-chair': '指定代理主持',
  'add-session': '加開臨時會議',
  'declare-closure': '宣布停止上班',
  'remove-closure': '移除停止上班',
  'import-calendar': '匯入辦公日曆',
  'add-contact': '新增聯絡人',
  'remove-contact': '移除聯絡人',
  'readd-contact': '恢復聯絡人',
  'retry-notice': '重新寄送通知',
  'deal-with-held-reply': '處理非受邀者的回覆',
  'issue-chair-link': '發給主持人紀錄連結',
  'revoke-chair-link': '停用主持人紀錄連結',
  'approve-minutes': '核定會議紀錄',
  'return-minutes': '退回會議紀錄',
  'distribute-minutes': '分送會議紀錄',
  'sign-in': '登入幕僚工作台',
  'sign-out': '登出幕僚工作台',
};

export const secretariatTasks = Object.keys(taskLabels) as SecretariatTask[];

/** Who did it: the sign-in's subject, and the credential it came through (a fingerprint, or "cli"). */
export type ActionActor = {
  subject: string;
  via: string;
  /** The name the sign-in gave (never an address), where the console knows it: the trail names people. */
  name?: string;
};

export type MeetingRef = { seriesId: string; slotKey: string };

/** What one thing was before the task and is after it; null where it did not exist. */
export type ActionChange = {
  /** meeting, closure, calendar-year, contact, notice, minutes or chair-link. */
  subject: 'meeting' | 'closure' | 'calendar-year' | 'contact' | 'notice' | 'minutes' | 'chair-link';
  /** Which one: the meeting's series and slot, the closure's date, the contact's id, the year. */
  ref: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
};

/** One person told, by one notice. */
export type ToldPerson = MeetingRef & { kind: NoticeKind; contactId: string; unitId: string; name: string };

export type SecretariatAction = {
  /** Also kept on what the task wrote (an override's auditId), so the change leads back here. */
  id: string;
  /** ISO instant. */
  at: string;
  task: SecretariatTask;
  actor: ActionActor;
  reason: string;
  /**
   * meeting: kept in the audit of each meeting it changed. county: a county-wide task (a closure,
   * a calendar import, a contact), kept in the county's record, and in each meeting it changed.
   */
  scope: 'meeting' | 'county';
  /** The meetings the task changed, whose history shows it. */
  meetings: MeetingRef[];
  changes: ActionChange[];
  /**
   * The notices the task queued. Filled in from a second record written after the notices were
   * queued (the change itself is recorded with the write, before anyone is told).
   */
  told?: ToldPerson[];
};

/** The people a set of notices tells, without their addresses; a chair-change digest once per meeting it lists. */
export function toldBy(notices: readonly Notice[]): ToldPerson[] {
  const told: ToldPerson[] = [];
  for (const notice of notices) {
    const person = { contactId: notice.recipient.contactId, unitId: notice.recipient.unitId, name: notice.recipient.name };
    const meetings = notice.chairChanges?.length
      ? notice.chairChanges.map((c) => ({ seriesId: c.seriesId, slotKey: c.slotKey }))
      : [{ seriesId: notice.seriesId, slotKey: notice.slotKey }];
    for (const meeting of meetings) told.push({ ...meeting, kind: notice.kind, ...person });
  }
  return told;
}

/** Whether the action concerns a person: did it, or was told, or changed their contact. */
export function concernsPerson(action: SecretariatAction, person: string): boolean {
  return (
    action.actor.subject === person ||
    (action.told ?? []).some((t) => t.contactId === person) ||
    action.changes.some((c) => c.subject === 'contact' && c.ref === person)
  );
}

export function concernsMeeting(action: SecretariatAction, meeting: MeetingRef): boolean {
  return action.meetings.some((m) => m.seriesId === meeting.seriesId && m.slotKey === meeting.slotKey);
}

/**
 * An audit time: ISO 8601 with milliseconds, as the minutes' audit records write it, so records of
 * both kinds in one partition sort in the order they happened ("…01:00:00Z" would sort after
 * "…01:00:00.500Z").
 */
export function auditTime(epochMilliseconds: number): string {
  return new Date(epochMilliseconds).toISOString();
}
