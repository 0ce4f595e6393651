// A person joins, leaves or returns to a unit's roster. Validated like the configuration (one-line
// names, a real address), stored as a roster change with its audit record, then every series that
// invites the unit is re-planned so the newcomer gets the invitations already sent and the leaver
// gets cancellations.
import { randomUUID } from 'node:crypto';
import type { Contact, CountyConfig, NetworkUnit } from '../../core/series/county-config.ts';
import { contactSchema } from '../../core/series/contact-schema.ts';
import { safeParse } from '../../core/schema/safe-parse.ts';
import type { WorkingDayCalendar } from '../../core/planning/holiday-policy.ts';
import type { Temporal } from '../../core/calendar/local-date.ts';
import { withRoster, type RosterChange } from '../../core/series/roster.ts';
import type { ActionChange, SecretariatAction, SecretariatTask } from '../../core/audit/secretariat-action.ts';
import type { MeetingTable } from '../../adapters/dynamodb/meeting-table.ts';
import { saveReaddition, saveRemovalKeeping, saveRosterChange } from '../../adapters/dynamodb/roster-store.ts';
import { actionPuts } from '../../adapters/dynamodb/secretariat-action-store.ts';
import type { ReplanSummary } from './replan.ts';
import { withoutQueued, type PlanPreview } from './plan-preview.ts';
import { countyAction, loadCountyChange, previewCountyChange, replanAndRecord } from './county-change.ts';
import { requireReason } from './request-checks.ts';
import { conflictError, pauseBeforeRetry, SecretariatInputError, type FieldProblem } from './secretariat-input-error.ts';
import type { Actor } from './change-occurrence.ts';

export type RosterEdit =
  | { kind: 'add'; unitId: string; contact: { id: string; name: string; email: string; title?: string }; reason: string }
  | { kind: 'remove'; unitId: string; contactId: string; reason: string }
  /** A contact removed earlier comes back, as they were (the same id, name and address). */
  | { kind: 'readd'; unitId: string; contactId: string; reason: string };

export type RosterResult = { change: RosterChange; runs: ReplanSummary[]; action: SecretariatAction };

/** Writes tried when other officers keep changing the same unit; then it is a conflict. */
const MAX_ATTEMPTS = 3;

const taskOf: Record<RosterEdit['kind'], SecretariatTask> = { add: 'add-contact', remove: 'remove-contact', readd: 'readd-contact' };

/**
 * Add a contact to a unit, remove one, or re-add one removed before.
 * 1. Validate the request: a reason; the unit exists; a new contact's id, name, title and address
 *    are well formed (each error names its field).
 * 2. Load the roster changes and every series that invites the unit, and validate against the
 *    roster as it stands: the contact exists (to remove), was removed from this unit (to re-add),
 *    or its id is free in other units (to add); a removal leaves the unit a contact.
 * 3. Work out who the change tells (invitations for a newcomer, cancellations for a leaver).
 * 4. Write the change with its audit record in one transaction. A removal carries the check that
 *    another contact is still in the unit, so two removals at once cannot empty it; a re-addition
 *    the check that the contact is still removed. When refused, re-load and validate again.
 * 5. Re-plan every series that invites the unit, so the newcomer is invited and the leaver told,
 *    and record who was told.
 * 6. Return the stored change, the runs and the audit record.
 */
export async function changeRoster(
  table: MeetingTable,
  config: CountyConfig,
  calendar: WorkingDayCalendar,
  edit: RosterEdit,
  actor: Actor,
  now: Temporal.Instant,
): Promise<RosterResult> {
  const { unit, reason, newcomer } = validRequest(config, edit);
  const series = config.series.filter((s) => s.invitedUnitIds.includes(unit.id));
  const id = randomUUID();

  for (let attempt = 1; ; attempt++) {
    const planned = await plannedChange(table, config, calendar, edit, unit, newcomer, actor, now);
    const recorded = {
      action: countyAction({ id, task: taskOf[edit.kind], actor, reason, now }, [planned.own], planned.preview),
      preview: planned.preview,
    };
    const puts = actionPuts(table, recorded.action);
    let written: boolean;
    if (edit.kind === 'add') {
      await saveRosterChange(table, planned.change, puts);
      written = true;
    } else if (edit.kind === 'remove') written = await saveRemovalKeeping(table, planned.change, { contactId: planned.keep! }, puts);
    else written = await saveReaddition(table, planned.change, puts);
    if (written) {
      const { runs, action } = await replanAndRecord(table, config, series, calendar, now, recorded);
      return { change: planned.change, runs, action: action! };
    }
    if (attempt >= MAX_ATTEMPTS) throw conflictError('contactId', `${unit.name.zh}的聯絡人剛被他人修改，請重新整理後再試`);
    await pauseBeforeRetry(attempt);
  }
}

/** What the roster change would do, without writing anything: who would be invited or sent a cancellation. */
export async function previewRosterChange(
  table: MeetingTable,
  config: CountyConfig,
  calendar: WorkingDayCalendar,
  edit: RosterEdit,
  actor: Actor,
  now: Temporal.Instant,
): Promise<PlanPreview> {
  const { unit, newcomer } = validRequest(config, edit);
  return withoutQueued(table, (await plannedChange(table, config, calendar, edit, unit, newcomer, actor, now)).preview);
}

function validRequest(config: CountyConfig, edit: RosterEdit): { unit: NetworkUnit; reason: string; newcomer?: Contact } {
  const reason = requireReason(edit.reason);
  const unit = config.units.find((u) => u.id === edit.unitId);
  if (!unit)
    throw new SecretariatInputError({
      code: 'unknown-unit',
      field: 'unitId',
      status: 404,
      message: `沒有單位「${edit.unitId}」；已設定的單位：${config.units.map((u) => u.id).join('、')}`,
    });
  return { unit, reason, ...(edit.kind === 'add' ? { newcomer: validContact(edit.contact) } : {}) };
}

async function plannedChange(
  table: MeetingTable,
  config: CountyConfig,
  calendar: WorkingDayCalendar,
  edit: RosterEdit,
  unit: NetworkUnit,
  newcomer: Contact | undefined,
  actor: Actor,
  now: Temporal.Instant,
) {
  const series = config.series.filter((s) => s.invitedUnitIds.includes(unit.id));
  const { stored, base } = await loadCountyChange(table, series, calendar);
  const current = withRoster(config, stored.roster);
  const contacts = current.units.find((u) => u.id === unit.id)!.contacts;
  const at = now.toString();
  let change: RosterChange;
  let keep: string | undefined;
  let before: Contact | undefined;

  if (edit.kind === 'add') {
    const contact = newcomer!;
    const elsewhere = current.units.find((u) => u.id !== unit.id && u.contacts.some((c) => c.id === contact.id));
    if (elsewhere)
      throw new SecretariatInputError({
        code: 'contact-id-taken',
        field: 'contact.id',
        status: 409,
        message: `聯絡人代號「${contact.id}」已用於${elsewhere.name.zh}（${elsewhere.id}），請換一個代號`,
      });
    before = contacts.find((c) => c.id === contact.id);
    change = { unitId: unit.id, contact, removed: false, updatedBy: actor.id, updatedAt: at };
  } else if (edit.kind === 'remove') {
    const leaver = contacts.find((c) => c.id === edit.contactId);
    if (!leaver)
      throw new SecretariatInputError({
        code: 'unknown-contact',
        field: 'contactId',
        status: 404,
        message: `${unit.name.zh}沒有聯絡人「${edit.contactId}」；目前的聯絡人：${contacts.map((c) => c.id).join('、')}`,
      });
    keep = contacts.find((c) => c.id !== leaver.id)?.id;
    if (!keep)
      throw new SecretariatInputError({
        code: 'last-contact',
        field: 'contactId',
        status: 409,
        message: `${leaver.name}是${unit.name.zh}唯一的聯絡人；請先新增接任的聯絡人，單位才不會收不到通知`,
      });
    before = leaver;
    change = { unitId: unit.id, contact: leaver, removed: true, updatedBy: actor.id, updatedAt: at };
  } else {
    const removal = stored.roster.find((r) => r.unitId === unit.id && r.contact.id === edit.contactId && r.removed);
    if (contacts.some((c) => c.id === edit.contactId))
      throw new SecretariatInputError({
        code: 'contact-in-unit',
        field: 'contactId',
        status: 409,
        message: `「${edit.contactId}」仍是${unit.name.zh}的聯絡人，不需要恢復`,
      });
    if (!removal) {
      const removed = stored.roster.filter((r) => r.unitId === unit.id && r.removed).map((r) => `${r.contact.id}（${r.contact.name}）`);
      throw new SecretariatInputError({
        code: 'unknown-contact',
        field: 'contactId',
        status: 404,
        message: `${unit.name.zh}沒有移除過聯絡人「${edit.contactId}」；${removed.length ? `可恢復的聯絡人：${removed.join('、')}` : '這個單位沒有可恢復的聯絡人'}`,
      });
    }
    const elsewhere = current.units.find((u) => u.contacts.some((c) => c.id === edit.contactId));
    if (elsewhere)
      throw new SecretariatInputError({
        code: 'contact-id-taken',
        field: 'contactId',
        status: 409,
        message: `聯絡人代號「${edit.contactId}」現已用於${elsewhere.name.zh}（${elsewhere.id}），無法恢復`,
      });
    change = { unitId: unit.id, contact: removal.contact, removed: false, updatedBy: actor.id, updatedAt: at };
  }

  const proposal = {
    ...base,
    roster: [...stored.roster.filter((r) => !(r.unitId === unit.id && r.contact.id === change.contact.id)), change],
  };
  const preview = previewCountyChange(config, series, { stored, base, proposal }, now);
  const own: ActionChange = {
    subject: 'contact',
    ref: change.contact.id,
    before: before ? contactState(unit.id, before) : null,
    after: change.removed ? null : contactState(unit.id, change.contact),
  };
  return { change, keep, preview, own };
}

/** A contact as the audit keeps it: who, never their address. */
function contactState(unitId: string, contact: Contact): Record<string, unknown> {
  return { unitId, name: contact.name, ...(contact.title ? { title: contact.title } : {}) };
}

const contactFieldMessages: Record<string, string> = {
  id: '聯絡人代號只能用小寫英文字母、數字與連字號，例如 police-wc-deputy',
  name: '姓名須為一行文字（1 到 80 字），不可換行',
  title: '職稱須為一行文字（1 到 80 字），不可換行',
  email: '電子郵件地址格式不對，例如 name@example.gov.tw',
};

function validContact(contact: Extract<RosterEdit, { kind: 'add' }>['contact']) {
  const parsed = safeParse(contactSchema(), { ...contact, placeholder: false });
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
