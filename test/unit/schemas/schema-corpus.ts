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
import { noticeSettingsSchema } from '../../../functions/use-cases/documents/notice-settings-schema.ts';
import { holidayPolicySchema } from '../../../functions/core/planning/holiday-policy.ts';
import { contactSchema } from '../../../functions/core/series/contact-schema.ts';
import { parseOpenDataJson } from '../../../functions/core/calendar/office-calendar-import.ts';
import { parseCountyConfig } from '../../../functions/core/series/county-config.ts';

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

/** A county file: the error lists every bad field by its path, with zod's message (or the rule's). */
const countyFile = (input: unknown): Outcome => {
  try {
    return { ok: true, data: parseCountyConfig(input, 'counties/test.json') };
  } catch (error) {
    return { ok: false, error: String(error) };
  }
};

/** A small county with a unit of each kind and a series of each cadence and chair. */
const county = {
  $schema: '../county-config.schema.json',
  county: { id: 'test-county', name: { zh: '測試縣', en: 'Test County' } },
  secretariat: {
    name: { zh: '測試縣政府社會處', en: 'Social Affairs' },
    mailbox: 'safetynet@example.org',
    contact: { name: '林承辦', phone: '(05) 362-0123' },
    forwardTo: 'secretariat@example.org',
    placeholder: true,
  },
  planningHorizonMonths: 12,
  venues: [
    { id: 'county-hall', name: { zh: '縣府第一會議室' }, address: '測試縣太保市祥和一路東段 1 號', phone: '(05) 362-0123' },
    { id: 'online', name: { zh: '視訊會議', en: 'Online' }, onlineUrl: 'https://meet.example.org/room', placeholder: false },
  ],
  units: [
    {
      id: 'social-affairs',
      name: { zh: '社會處' },
      system: '社政',
      contacts: [{ id: 'lin', name: '林承辦', title: '社工督導', email: 'lin@example.gov.tw' }],
    },
    {
      id: 'police',
      name: { zh: '警察局婦幼隊', en: 'Police' },
      contacts: [{ id: 'chen', name: '陳組長', email: 'chen@police.example.gov.tw', placeholder: true }],
    },
    {
      id: 'panel',
      name: { zh: '在地評估小組委員' },
      contacts: [
        { id: 'expert-1', name: '王委員', title: '兒童精神科', email: 'wang@example.org' },
        { id: 'expert-2', name: '李委員', email: 'li@example.org' },
      ],
      committee: { quorum: 2 },
    },
  ],
  series: [
    {
      id: 'case-conference',
      name: { zh: '兒少保護個案研討會' },
      cadence: { kind: 'monthly-nth-weekday', nth: 4, weekday: 3 },
      activeMonths: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
      startsOn: '2027-01-01',
      start: '14:00',
      durationMinutes: 120,
      venueId: 'county-hall',
      invitedUnitIds: ['social-affairs', 'police'],
      chair: { kind: 'rotating', roster: ['social-affairs', 'police'], onCancel: 'lose-turn', anchorSlot: '2026-02' },
      holidayPolicy: 'nearest-working-day-same-week',
      leadTimes: { invitationDaysBefore: 21, reminderDaysBefore: [7, 1], chairNoticeDaysBefore: 28, minutesDueDaysAfter: 14 },
      agenda: [{ zh: '個案討論', en: 'Cases' }],
      discussesCases: true,
    },
    {
      id: 'placement-panel',
      name: { zh: '在地評估小組會議' },
      cadence: { kind: 'every-n-months', intervalMonths: 4, firstMonth: 3, nth: 2, weekday: 4 },
      start: '09:30',
      durationMinutes: 180,
      venueId: 'online',
      invitedUnitIds: ['social-affairs', 'panel'],
      chair: { kind: 'fixed', unitId: 'social-affairs', title: '處長' },
      holidayPolicy: 'next-working-day',
      leadTimes: { invitationDaysBefore: 21, reminderDaysBefore: [], chairNoticeDaysBefore: 28, minutesDueDaysAfter: 14 },
      agenda: [],
      discussesCases: true,
      allowAdHocSessions: true,
      minutesForm: 'placement-review',
      placeholders: ['start', 'venue'],
      note: 'Seed: three a year.',
    },
    {
      id: 'employment',
      name: { zh: '社政勞政聯繫會議' },
      cadence: { kind: 'semiannual', months: [6, 12], nth: 2, weekday: 2 },
      start: '10:00',
      durationMinutes: 90,
      venueId: 'county-hall',
      invitedUnitIds: ['police', 'social-affairs'],
      chair: { kind: 'fixed', unitId: 'police' },
      holidayPolicy: 'keep-and-flag',
      leadTimes: { invitationDaysBefore: 14, reminderDaysBefore: [3], chairNoticeDaysBefore: 21, minutesDueDaysAfter: 7 },
      agenda: [{ zh: '就業轉介' }],
      discussesCases: false,
    },
    {
      id: 'yearly-review',
      name: { zh: '年度檢討會議' },
      cadence: { kind: 'rrule', rrule: 'FREQ=YEARLY;BYMONTH=12;BYDAY=2FR', dtstart: '2026-12-11' },
      start: '15:00',
      durationMinutes: 60,
      venueId: 'county-hall',
      invitedUnitIds: ['social-affairs'],
      chair: { kind: 'fixed', unitId: 'social-affairs' },
      holidayPolicy: 'previous-working-day',
      leadTimes: { invitationDaysBefore: 30, reminderDaysBefore: [7], chairNoticeDaysBefore: 30, minutesDueDaysAfter: 30 },
      agenda: [],
      discussesCases: false,
    },
  ],
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
    parse: outcome(contactSchema()),
    seeds: [
      { id: 'police-wc-deputy', name: '陳組長', title: '婦幼隊組長', email: 'chen@police.example.gov.tw', placeholder: false },
      { id: 'a', name: 'B', email: 'b@example.tw' },
    ],
  },
  countyFile: { parse: countyFile, seeds: [county] },
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
  if (Array.isArray(value)) return (value as unknown[]).map((item, index) => (index === head ? replaced(item, rest, by, remove) : item));
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
