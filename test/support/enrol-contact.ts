// A made-up recipient of a test notice put on its unit's roster, as `contact add` would: the
// dispatcher sends only to people invited at send time (the county view), so a notice to someone
// on no roster is superseded, never sent.
import type { MeetingTable } from '../../functions/adapters/dynamodb/meeting-table.ts';
import { queueNotice } from '../../functions/adapters/dynamodb/outbox-store.ts';
import { saveRosterChange } from '../../functions/adapters/dynamodb/roster-store.ts';
import type { Notice, Recipient } from '../../functions/core/notices/notice.ts';

export async function enrol(table: MeetingTable, recipient: Recipient): Promise<void> {
  const contact = { id: recipient.contactId, name: recipient.name, email: recipient.email, placeholder: false };
  await saveRosterChange(table, {
    unitId: recipient.unitId,
    contact,
    removed: false,
    updatedBy: 'test',
    updatedAt: '2026-01-01T00:00:00Z',
  });
}

/** Queues a notice to a made-up recipient, who is put on the roster first. */
export async function queueEnrolled(table: MeetingTable, notice: Notice): Promise<boolean> {
  await enrol(table, notice.recipient);
  return queueNotice(table, notice);
}
