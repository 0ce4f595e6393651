// Signing in to and out of the console is part of the audit trail (稽核紀錄): who, when, through
// which door. Nothing of the sign-in itself is kept: no token, no session id, no address.
//
// Primary course:
//   1. Take who signed in or out (the sign-in's subject) and the name the console shows them by.
//   2. Record one county-wide audit record with no meetings and no changes.
import { randomUUID } from 'node:crypto';
import { auditTime, type SecretariatAction } from '../../core/audit/secretariat-action.ts';
import type { MeetingTable } from '../../adapters/dynamodb/meeting-table.ts';
import { recordAction } from '../../adapters/dynamodb/secretariat-action-store.ts';

export type ConsoleSignInEvent = {
  kind: 'sign-in' | 'sign-out';
  subject: string;
  /** The name the header shows; left out of the record when it is an e-mail address. */
  displayName: string;
  now: Date;
};

export async function recordConsoleSignIn(table: MeetingTable, event: ConsoleSignInEvent): Promise<SecretariatAction> {
  const name = event.displayName.includes('@') ? undefined : event.displayName.slice(0, 100);
  const action: SecretariatAction = {
    id: randomUUID(),
    at: auditTime(event.now.getTime()),
    task: event.kind,
    actor: { subject: event.subject, via: 'console', ...(name ? { name } : {}) },
    reason: event.kind === 'sign-in' ? '登入' : '登出',
    scope: 'county',
    meetings: [],
    changes: [],
  };
  await recordAction(table, action);
  return action;
}
