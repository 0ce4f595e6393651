// The chair's page posts an ordinary HTML form (it works without JavaScript). This turns its
// fields into the same JSON shape the API takes, so both go through one schema. A field the page
// never renders is refused, as an unknown JSON field is.
import { placementTypes, type PlacementType } from './placement-type.ts';

export type FormIntent = 'save' | 'submit';

type FormBody = { expectedVersion: unknown; minutes: Record<string, unknown> };

/** A refused form still carries what its known fields said, so the page can show them again. */
export type ParsedMinutesForm = { ok: true; intent: FormIntent; body: FormBody } | { ok: false; problems: string[]; body?: FormBody };

const maxFields = 600;
const maxRowIndex = 99;

/** Names in one box: one per line, or separated by 、 ， , ; as people type them. */
export function splitNames(text: string): string[] {
  return text
    .split(/[\n\r、，,;；]+/u)
    .map((name) => name.trim())
    .filter((name) => name.length > 0);
}

/** What the page filled in by itself, so that a value the chair did not type does not count as filled. */
export type FormDefaults = { followUpDueDate?: string };

export function parseMinutesForm(fields: URLSearchParams, defaults: FormDefaults = {}): ParsedMinutesForm {
  const entries = [...fields.entries()];
  if (entries.length > maxFields) return { ok: false, problems: ['(form): too many fields'] };
  const problems: string[] = [];
  const single = new Map<string, string>();
  for (const [name, value] of entries) {
    if (single.has(name)) problems.push(`${name}: sent twice`);
    single.set(name, value);
  }

  const attendance = new Map<number, Record<string, unknown>>();
  const resolutions = new Map<number, string>();
  const actionItems = new Map<number, Record<string, string>>();
  const proposals = new Map<PlacementType, string>();
  const followUps = new Map<PlacementType, Record<string, string>>();
  let placementFieldsSeen = false;
  let intent: FormIntent | undefined;
  let expectedVersion: unknown;
  let summary = '';

  const row = (text: string | undefined) => {
    if (text === undefined || !/^\d{1,2}$/.test(text)) return undefined;
    const index = Number(text);
    return index <= maxRowIndex ? index : undefined;
  };
  const placementType = (text: string | undefined) => placementTypes.find((t) => t === text);
  const contactId = (text: string | undefined) => text !== undefined && /^[a-z0-9][a-z0-9-]{0,62}$/.test(text);
  const at = <K, V>(map: Map<K, V>, key: K, make: () => V) => {
    if (!map.has(key)) map.set(key, make());
    return map.get(key)!;
  };

  for (const [name, value] of single) {
    const parts = name.split('.');
    const [head, second, third] = parts;
    if (name === 'intent') intent = value === 'save' || value === 'submit' ? value : undefined;
    else if (name === 'expectedVersion') expectedVersion = /^\d{1,7}$/.test(value) ? Number(value) : value;
    else if (name === 'summary') summary = value;
    else if (head === 'attendance' && parts.length === 3 && row(second) !== undefined && ['unitId', 'present', 'names'].includes(third!)) {
      const entry = at(attendance, row(second)!, (): Record<string, unknown> => ({}));
      if (third === 'unitId') entry.unitId = value;
      if (third === 'present') entry.present = value === 'present' ? true : value === 'absent' ? false : value;
      if (third === 'names') entry.names = splitNames(value);
    } else if (head === 'attendance' && parts.length === 4 && row(second) !== undefined && third === 'members' && contactId(parts[3])) {
      // A committee member's own present/absent: attendance.<n>.members.<contact id>.
      const entry = at(attendance, row(second)!, (): Record<string, unknown> => ({}));
      const members = (entry.members ??= []) as Array<{ contactId: string; present: unknown }>;
      members.push({ contactId: parts[3]!, present: value === 'present' ? true : value === 'absent' ? false : value });
    } else if (head === 'resolutions' && parts.length === 2 && row(second) !== undefined) resolutions.set(row(second)!, value);
    else if (
      head === 'actionItems' &&
      parts.length === 3 &&
      row(second) !== undefined &&
      ['description', 'ownerUnitId', 'dueDate', 'status'].includes(third!)
    ) {
      at(actionItems, row(second)!, (): Record<string, string> => ({}))[third!] = value;
    } else if (head === 'proposals' && parts.length === 3 && placementType(second) && third === 'caseCount') {
      placementFieldsSeen = true;
      proposals.set(placementType(second)!, value.trim());
    } else if (
      head === 'followUp' &&
      parts.length === 3 &&
      placementType(second) &&
      ['formsOwed', 'dueDate', 'status', 'ownerUnitId'].includes(third!)
    ) {
      placementFieldsSeen = true;
      at(followUps, placementType(second)!, (): Record<string, string> => ({}))[third!] = value.trim();
    } else problems.push(`${name.slice(0, 60)}: unknown field`);
  }
  if (!intent) problems.push('intent: must be "save" or "submit"');

  const byIndex = <V>(map: Map<number, V>) => [...map.entries()].sort(([a], [b]) => a - b).map(([, v]) => v);
  const number = (text: string) => (/^\d{1,6}$/.test(text) ? Number(text) : text);
  const minutes: Record<string, unknown> = {
    // A unit whose present/absent is not yet chosen is left out: a draft may be incomplete. A
    // committee unit's line is there once any member is marked, present if any member is.
    attendance: byIndex(attendance)
      .map((entry) => {
        const members = entry.members as Array<{ contactId: string; present: unknown }> | undefined;
        if (!members) return entry;
        return { ...entry, present: members.some((m) => m.present === true), members };
      })
      .filter((entry) => entry.present !== undefined)
      .map((entry) => ({
        unitId: entry.unitId,
        present: entry.present,
        names: entry.names ?? [],
        ...(entry.members ? { members: entry.members } : {}),
      })),
    summary,
    resolutions: byIndex(resolutions).filter((text) => text.trim().length > 0),
    actionItems: byIndex(actionItems)
      .filter((item) => (item.description ?? '').trim() !== '' || (item.dueDate ?? '') !== '')
      .map((item) => ({
        description: item.description ?? '',
        ownerUnitId: item.ownerUnitId ?? '',
        dueDate: item.dueDate ?? '',
        status: item.status ?? 'open',
      })),
  };
  if (placementFieldsSeen) {
    minutes.placementReview = {
      proposals: placementTypes
        .filter((t) => (proposals.get(t) ?? '') !== '')
        .map((t) => ({ placementType: t, caseCount: number(proposals.get(t)!) })),
      followUpForms: placementTypes
        // A type is filled in once it owes forms or its due date was changed: the date and owner
        // the page offers by default are not a record on their own.
        .filter((t) => {
          const form = followUps.get(t);
          return (form?.formsOwed ?? '') !== '' || ((form?.dueDate ?? '') !== '' && form?.dueDate !== defaults.followUpDueDate);
        })
        .map((t) => {
          const form = followUps.get(t)!;
          return {
            placementType: t,
            ...(form.ownerUnitId ? { ownerUnitId: form.ownerUnitId } : {}),
            formsOwed: number(form.formsOwed ?? ''),
            dueDate: form.dueDate ?? '',
            status: form.status || 'owed',
          };
        }),
    };
  }
  if (problems.length > 0) return { ok: false, problems, body: { expectedVersion, minutes } };
  return { ok: true, intent: intent!, body: { expectedVersion, minutes } };
}
