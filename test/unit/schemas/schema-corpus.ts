// Inputs for the zod/mini parity test: valid requests as the HTTP functions receive them, and every
// way of spoiling one field at a time (a missing field, a wrong type, an empty or a too-long text, a
// line break, a control character, a negative or fractional number, a date that does not exist, an
// unknown field). Generated, so that a schema field added later is spoiled the same ways.
import {
  changeStateRequestSchema,
  followUpRequestSchema,
  minutesContentSchema,
  saveMinutesRequestSchema,
} from '../../../functions/core/minutes/minutes-schema.ts';
import { noticeSettingsSchema } from '../../../functions/use-cases/documents/notice-settings.ts';
import { holidayPolicySchema } from '../../../functions/core/planning/holiday-policy.ts';
import { contactSchema } from '../../../functions/core/series/county-config.ts';
import { parseOpenDataJson } from '../../../functions/core/calendar/office-calendar-import.ts';

/** What the parity test compares: the outcome, with every issue as zod reports it (code, path, message …). */
export type Outcome = { ok: true; data: unknown } | { ok: false; issues: unknown[] } | { ok: false; error: string };

type SafeParse = { safeParse(input: unknown): { success: true; data: unknown } | { success: false; error: { issues: unknown[] } } };

const outcome =
  (schema: SafeParse) =>
  (input: unknown): Outcome => {
    const result = schema.safeParse(input);
    return result.success ? { ok: true, data: result.data } : { ok: false, issues: result.error.issues.map((i) => ({ ...(i as object) })) };
  };

/** The office calendar's open-data JSON: the error names the day and field, with zod's message. */
const openDataDay = (input: unknown): Outcome => {
  try {
    const year = parseOpenDataJson(JSON.stringify(input === undefined ? [] : [input]), '2026.json');
    return { ok: true, data: year };
  } catch (error) {
    return { ok: false, error: String(error) };
  }
};

const minutes = {
  attendance: [
    { unitId: 'police-women-children', present: true, names: ['王小明', '李大同'] },
    { unitId: 'placement-panel', present: true, names: [], members: [{ contactId: 'expert-1', present: false }] },
  ],
  summary: '本月提報個案 3 案。\n均已討論並分工。',
  resolutions: ['請警政與社政於下次會議前完成聯合訪視。'],
  actionItems: [{ description: '完成聯合訪視並回報', ownerUnitId: 'health-bureau', dueDate: '2026-04-15', status: 'open' }],
  placementReview: {
    proposals: [{ placementType: 'foster', caseCount: 2 }],
    followUpForms: [{ placementType: 'kinship', ownerUnitId: 'social-affairs', formsOwed: 3, dueDate: '2026-07-22', status: 'owed' }],
  },
};

/** Each schema the HTTP functions validate with, and valid inputs to spoil. */
export const corpusSchemas: Record<string, { parse: (input: unknown) => Outcome; seeds: unknown[] }> = {
  minutesContent: {
    parse: outcome(minutesContentSchema),
    seeds: [minutes, { attendance: [], summary: '', resolutions: [], actionItems: [] }],
  },
  saveMinutesRequest: {
    parse: outcome(saveMinutesRequestSchema),
    seeds: [{ expectedVersion: 3, minutes: { ...minutes, placementReview: undefined } }],
  },
  changeStateRequest: { parse: outcome(changeStateRequestSchema), seeds: [{ expectedVersion: 0 }, {}] },
  followUpRequest: {
    parse: outcome(followUpRequestSchema),
    seeds: [
      { expectedVersion: 2, actionItems: [{ index: 0, status: 'done' }], followUpForms: [{ placementType: 'foster', status: 'received' }] },
      { actionItems: [] },
    ],
  },
  noticeSettings: {
    parse: outcome(noticeSettingsSchema),
    seeds: [
      {
        issuer: { name: '嘉義縣政府', address: '612 嘉義縣太保市祥和一路東段 1 號', fax: '05-3620000' },
        contact: { name: '林承辦', phone: '05-3620123 分機 456', email: 'lin@example.gov.tw' },
        documentNumberPattern: '府社字第{rocYear}{seq:7}號',
      },
    ],
  },
  holidayPolicy: { parse: outcome(holidayPolicySchema), seeds: ['previous-working-day', 'keep-and-flag'] },
  contact: {
    parse: outcome(contactSchema),
    seeds: [
      { id: 'police-wc-deputy', name: '陳組長', title: '婦幼隊組長', email: 'chen@police.example.gov.tw', placeholder: false },
      { id: 'a', name: 'B', email: 'b@example.tw' },
    ],
  },
  openDataDay: {
    parse: openDataDay,
    seeds: [
      { date: '20260101', week: '四', isHoliday: true, description: '開國紀念日' },
      { date: '20260102', week: '五', isHoliday: false },
    ],
  },
};

const spoilers: unknown[] = [
  undefined,
  null,
  '',
  '   ',
  'x'.repeat(5000),
  '第一行\n第二行',
  'a\u0007b',
  'UPPER-case',
  'not-an-email',
  'a@b',
  '2026-02-30',
  '2026-4-1',
  'open',
  -1,
  0,
  1.5,
  1e9,
  Number.NaN,
  true,
  [],
  [1],
  {},
];

type Path = (string | number)[];

function paths(value: unknown, at: Path = []): Path[] {
  const own = at.length ? [at] : [];
  if (Array.isArray(value)) return [...own, ...value.flatMap((item, index) => paths(item, [...at, index]))];
  if (value && typeof value === 'object') return [...own, ...Object.entries(value).flatMap(([key, item]) => paths(item, [...at, key]))];
  return own;
}

function replaced(value: unknown, path: Path, by: unknown, remove = false): unknown {
  if (path.length === 0) return by;
  const [head, ...rest] = path;
  if (Array.isArray(value)) return value.map((item, index) => (index === head ? replaced(item, rest, by, remove) : item));
  const record = { ...(value as Record<string, unknown>) };
  if (remove && rest.length === 0) delete record[head as string];
  else record[head as string] = replaced(record[head as string], rest, by, remove);
  return record;
}

function objectPaths(value: unknown): Path[] {
  return [[], ...paths(value)].filter((path) => {
    const at = path.reduce<unknown>((v, key) => (v as Record<string | number, unknown>)[key], value);
    return at !== null && typeof at === 'object' && !Array.isArray(at);
  });
}

/**
 * The corpus in groups, one per spoiled place: "minutesContent#0 actionItems.0.dueDate" holds seed 0
 * with that field missing and with each spoiler in its place; "… +unexpected" an unknown field added.
 */
export function corpus(): { group: string; schema: string; inputs: unknown[] }[] {
  const groups: { group: string; schema: string; inputs: unknown[] }[] = [];
  for (const [schema, { seeds }] of Object.entries(corpusSchemas)) {
    seeds.forEach((seed, index) => {
      const at = (label: string, inputs: unknown[]) => groups.push({ group: `${schema}#${index} ${label}`, schema, inputs });
      at('(whole)', [seed, ...spoilers]);
      for (const path of paths(seed))
        at(path.join('.'), [replaced(seed, path, undefined, true), ...spoilers.map((by) => replaced(seed, path, by))]);
      for (const path of objectPaths(seed)) at(`${path.join('.')} +unexpected`, [replaced(seed, [...path, 'unexpected'], 1)]);
    });
  }
  return groups;
}
