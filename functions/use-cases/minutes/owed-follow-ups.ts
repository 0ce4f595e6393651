// The outcome follow-up forms (成效追蹤表) still owed across the county, as the notices state
// them: by series, the panel that decided them, owing unit, placement type and due date. Only
// approved (or distributed) minutes count: a draft is not yet checked by the secretariat, and
// what is listed here goes out in mail. A form marked received leaves the owed index at once.
import { queryOwedFollowUpForms } from '../../adapters/dynamodb/minutes-store.ts';
import type { MeetingTable } from '../../adapters/dynamodb/meeting-table.ts';
import type { OwedFollowUp } from '../../core/invitations/render-notice.ts';

export type OwedFollowUpForm = OwedFollowUp & { seriesId: string; slotKey: string; meetingDate: string };

export async function owedFollowUpForms(table: MeetingTable): Promise<OwedFollowUpForm[]> {
  const records = await queryOwedFollowUpForms(table);
  return records.flatMap((r) =>
    r.status === 'owed' &&
    r.ownerUnitId !== undefined &&
    (r.minutesState === 'approved' || r.minutesState === 'distributed') &&
    r.formsOwed > 0
      ? [
          {
            seriesId: r.seriesId,
            slotKey: r.slotKey,
            meetingDate: r.meetingDate,
            unitId: r.ownerUnitId,
            placementType: r.placementType,
            dueDate: r.dueDate,
          },
        ]
      : [],
  );
}
