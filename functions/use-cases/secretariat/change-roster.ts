// A person joins or leaves a unit's roster. Validated like the configuration (one-line names, a
// real address), stored as a roster change, then every series that invites the unit is re-planned
// so the newcomer gets the invitations already sent and the leaver gets cancellations.
import type { CountyConfig } from '../../core/series/county-config.ts';
import { contactSchema } from '../../core/series/county-config.ts';
import type { WorkingDayCalendar } from '../../core/planning/holiday-policy.ts';
import type { Temporal } from '../../core/calendar/local-date.ts';
import { withRoster, type RosterChange } from '../../core/series/roster.ts';
import type { MeetingTable } from '../../adapters/dynamodb/meeting-table.ts';
import { listRosterChanges, saveRemovalKeeping, saveRosterChange } from '../../adapters/dynamodb/roster-store.ts';
import type { SeriesRunSummary } from '../plan-series-occurrences.ts';
import { planUntilSettled } from './replan.ts';
import { conflictError, pauseBeforeRetry, SecretariatInputError, type FieldProblem } from './secretariat-input-error.ts';
import type { Actor } from './change-occurrence.ts';

export type RosterEdit =
  | { kind: 'add'; unitId: string; contact: { id: string; name: string; email: string; title?: string } }
  | { kind: 'remove'; unitId: string; contactId: string };

export type RosterResult = { change: RosterChange; runs: SeriesRunSummary[] };

/** Removals tried when other officers keep changing the same unit; then it is a conflict. */
const MAX_ATTEMPTS = 3;

/**
 * Add a contact to a unit, or remove one.
 * 1. Validate the request: the unit exists; a new contact's id, name, title and address are well
 *    formed (each error names its field).
 * 2. Load the roster changes and validate against the roster as it stands: the contact exists (to
 *    remove) or its id is free in other units (to add), and a removal leaves the unit a contact.
 * 3. Write. A removal is one transaction with the check that another contact is still in the unit,
 *    so two removals at once cannot empty it; when refused, re-load and validate again.
 * 4. Re-plan every series that invites the unit, so the newcomer is invited and the leaver told.
 * 5. Return the stored change and the runs.
 */
export async function changeRoster(
  table: MeetingTable,
  config: CountyConfig,
  calendar: WorkingDayCalendar,
  edit: RosterEdit,
  actor: Actor,
  now: Temporal.Instant,
): Promise<RosterResult> {
  const unit = config.units.find((u) => u.id === edit.unitId);
  if (!unit)
    throw new SecretariatInputError({
      code: 'unknown-unit',
      field: 'unitId',
      status: 404,
      message: `沒有單位「${edit.unitId}」；已設定的單位：${config.units.map((u) => u.id).join('、')}`,
    });
  const newcomer = edit.kind === 'add' ? validContact(edit.contact) : undefined;
  const at = now.toString();

  let change: RosterChange | undefined;
  for (let attempt = 1; change === undefined; attempt++) {
    const current = withRoster(config, await listRosterChanges(table));
    const contacts = current.units.find((u) => u.id === unit.id)!.contacts;
    if (newcomer) {
      const elsewhere = current.units.find((u) => u.id !== unit.id && u.contacts.some((c) => c.id === newcomer.id));
      if (elsewhere)
        throw new SecretariatInputError({
          code: 'contact-id-taken',
          field: 'contact.id',
          status: 409,
          message: `聯絡人代號「${newcomer.id}」已用於${elsewhere.name.zh}（${elsewhere.id}），請換一個代號`,
        });
      change = { unitId: unit.id, contact: newcomer, removed: false, updatedBy: actor.id, updatedAt: at };
      await saveRosterChange(table, change);
    } else if (edit.kind === 'remove') {
      const leaver = contacts.find((c) => c.id === edit.contactId);
      if (!leaver)
        throw new SecretariatInputError({
          code: 'unknown-contact',
          field: 'contactId',
          status: 404,
          message: `${unit.name.zh}沒有聯絡人「${edit.contactId}」；目前的聯絡人：${contacts.map((c) => c.id).join('、')}`,
        });
      const keep = contacts.find((c) => c.id !== leaver.id);
      if (!keep)
        throw new SecretariatInputError({
          code: 'last-contact',
          field: 'contactId',
          status: 409,
          message: `${leaver.name}是${unit.name.zh}唯一的聯絡人；請先新增接任的聯絡人，單位才不會收不到通知`,
        });
      const removal: RosterChange = { unitId: unit.id, contact: leaver, removed: true, updatedBy: actor.id, updatedAt: at };
      if (await saveRemovalKeeping(table, removal, { contactId: keep.id })) change = removal;
      else if (attempt >= MAX_ATTEMPTS) throw conflictError('contactId', `${unit.name.zh}的聯絡人剛被他人修改，請重新整理後再試`);
      else await pauseBeforeRetry(attempt);
    }
  }

  const runs: SeriesRunSummary[] = [];
  for (const series of config.series.filter((s) => s.invitedUnitIds.includes(unit.id)))
    runs.push(await planUntilSettled(table, config, series, calendar, now));
  return { change, runs };
}

const contactFieldMessages: Record<string, string> = {
  id: '聯絡人代號只能用小寫英文字母、數字與連字號，例如 police-wc-deputy',
  name: '姓名須為一行文字（1 到 80 字），不可換行',
  title: '職稱須為一行文字（1 到 80 字），不可換行',
  email: '電子郵件地址格式不對，例如 name@example.gov.tw',
};

function validContact(contact: Extract<RosterEdit, { kind: 'add' }>['contact']) {
  const parsed = contactSchema.safeParse({ ...contact, placeholder: false });
  if (parsed.success) return parsed.data;
  const problems: FieldProblem[] = [];
  for (const issue of parsed.error.issues) {
    const key = String(issue.path[0] ?? '');
    const field = `contact.${key || 'id'}`;
    if (problems.some((p) => p.field === field)) continue;
    problems.push({ field, message: contactFieldMessages[key] ?? `聯絡人資料有誤（${issue.message}）` });
  }
  const first = problems[0]!;
  throw new SecretariatInputError({ code: 'invalid-contact', field: first.field, message: first.message, problems });
}
