// A county's meeting configuration: venues, network units with their default contacts, and the
// meeting series. It is config as code: a JSON file reviewed in pull requests, validated here
// before anything runs, and read by both the planner and the CDK (one schedule per series).
import * as z from 'zod/mini';
import { safeParse } from '../schema/safe-parse.ts';
import { CountyConfigError } from './county-config-error.ts';
import { cadenceSchema } from '../planning/cadence-schema.ts';
import { holidayPolicySchema } from '../planning/holiday-policy.ts';
import { contactSchema, emailSchema, identifierSchema, singleLine } from './contact-schema.ts';
const identifier = identifierSchema();
const email = emailSchema();

const bilingualName = z.strictObject({ zh: singleLine(120), en: z.optional(singleLine(160)) });

const localTime = z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a 24-hour local time HH:MM, e.g. "14:00"'));

const venueSchema = z.strictObject({
  id: identifier,
  name: bilingualName,
  address: z.optional(singleLine(200)),
  phone: z.optional(singleLine(60)),
  /** "online" venues carry a meeting link instead of an address. */
  onlineUrl: z.optional(z.url({ protocol: /^https$/ })),
  placeholder: z._default(z.boolean(), false),
});

/**
 * A unit that is a committee of named members (the placement panel's nine experts): its contacts
 * are the members, the minutes record attendance per member, and the meeting has a quorum when at
 * least `quorum` members are present.
 */
const committeeSchema = z.strictObject({
  quorum: z.number().check(z.int(), z.minimum(1), z.maximum(50)),
  placeholder: z._default(z.boolean(), false),
});

const unitSchema = z.strictObject({
  id: identifier,
  name: bilingualName,
  /** The system the unit belongs to (社政/警政/衛政/教育/勞政 …); free text so every county can use its own. */
  system: z.optional(singleLine(40)),
  contacts: z.array(contactSchema()).check(z.minLength(1), z.maxLength(50)),
  committee: z.optional(committeeSchema),
});

const chairPolicySchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('rotating'),
    /** Unit ids in the order they take the chair. */
    roster: z.array(identifier).check(z.minLength(1), z.maxLength(20)),
    /** keep-turn: a cancelled meeting does not use up the unit's turn (the default). */
    onCancel: z._default(z.enum(['keep-turn', 'lose-turn']), 'keep-turn'),
    /** The slot key (e.g. "2026-02") whose meeting the first unit of the roster chairs. */
    anchorSlot: z.string().check(z.regex(/^\d{4}-\d{2}(-\d{2})?$/, 'must be a slot key such as "2026-02"')),
  }),
  z.strictObject({
    kind: z.literal('fixed'),
    unitId: identifier,
    /** Who chairs in person, e.g. 秘書長, shown in invitations. */
    title: z.optional(singleLine(60)),
  }),
]);

const leadTimesSchema = z.strictObject({
  invitationDaysBefore: z.number().check(z.int(), z.minimum(1), z.maximum(120)),
  reminderDaysBefore: z.array(z.number().check(z.int(), z.minimum(1), z.maximum(60))).check(z.maxLength(5)),
  chairNoticeDaysBefore: z.number().check(z.int(), z.minimum(1), z.maximum(120)),
  minutesDueDaysAfter: z.number().check(z.int(), z.minimum(1), z.maximum(60)),
});

export const minutesFormSchema = z.enum(['standard', 'placement-review']);

const seriesSchema = z.strictObject({
  id: identifier,
  name: bilingualName,
  cadence: cadenceSchema,
  /** Months (1–12) in which the series meets; omitted means every month the cadence gives. */
  activeMonths: z.optional(z.array(z.number().check(z.int(), z.minimum(1), z.maximum(12))).check(z.minLength(1), z.maxLength(12))),
  /**
   * Go-live date (YYYY-MM-DD): no meeting before it is planned or announced, so a county's first
   * run does not invite people to a meeting a week away. Omitted: the series is live already.
   */
  startsOn: z.optional(z.iso.date('must be a date YYYY-MM-DD, e.g. "2027-01-01"')),
  start: localTime,
  durationMinutes: z.number().check(z.int(), z.minimum(15), z.maximum(8 * 60)),
  venueId: identifier,
  invitedUnitIds: z.array(identifier).check(z.minLength(1), z.maxLength(60)),
  chair: chairPolicySchema,
  holidayPolicy: holidayPolicySchema,
  leadTimes: leadTimesSchema,
  /** Agenda outline for invitations. Never case details: invitations leave the county's systems. */
  agenda: z.array(bilingualName).check(z.maxLength(20)),
  /** Whether the meeting discusses identifiable children or victims (stricter wording in notices). */
  discussesCases: z.boolean(),
  allowAdHocSessions: z._default(z.boolean(), false),
  minutesForm: z._default(minutesFormSchema, 'standard'),
  /** Fields whose values the seed does not give: shown as placeholders until the secretariat confirms. */
  placeholders: z._default(z.array(z.enum(['start', 'venue', 'invitedUnits', 'chair', 'cadence', 'activeMonths'])), []),
  note: z.optional(z.string().check(z.maxLength(500))),
});

export const countyConfigSchema = z
  .strictObject({
    /** Editor hint to county-config.schema.json; ignored at run time. */
    $schema: z.optional(z.string()),
    county: z.strictObject({ id: identifier, name: bilingualName }),
    secretariat: z.strictObject({
      name: bilingualName,
      /** The sending mailbox: From, ORGANIZER and where calendar replies arrive. */
      mailbox: email,
      /** The person units call (承辦人): every notice ends with their name and telephone. */
      contact: z.optional(z.strictObject({ name: singleLine(40), phone: singleLine(40) })),
      /**
       * The secretariat's real mailbox. A plain e-mail (no calendar part) arriving at `mailbox` is
       * forwarded here; it must not be `mailbox` itself, or the forward would loop.
       */
      forwardTo: z.optional(email),
      placeholder: z._default(z.boolean(), false),
    }),
    planningHorizonMonths: z.number().check(z.int(), z.minimum(1), z.maximum(36)),
    venues: z.array(venueSchema).check(z.minLength(1)),
    units: z.array(unitSchema).check(z.minLength(1)),
    series: z.array(seriesSchema).check(z.minLength(1)),
  })
  .check(
    z.superRefine((config, ctx) => {
      const duplicates = (ids: string[], path: string) => {
        const seen = new Set<string>();
        ids.forEach((id, index) => {
          if (seen.has(id)) ctx.addIssue({ code: 'custom', path: [path, index, 'id'], message: `duplicate id "${id}"` });
          seen.add(id);
        });
      };
      if (config.secretariat.forwardTo?.toLowerCase() === config.secretariat.mailbox.toLowerCase())
        ctx.addIssue({
          code: 'custom',
          path: ['secretariat', 'forwardTo'],
          message: '轉寄信箱不可與收件信箱（mailbox）相同，否則郵件會無限循環轉寄',
        });
      duplicates(
        config.venues.map((v) => v.id),
        'venues',
      );
      duplicates(
        config.units.map((u) => u.id),
        'units',
      );
      duplicates(
        config.series.map((s) => s.id),
        'series',
      );
      duplicates(
        config.units.flatMap((u) => u.contacts.map((c) => c.id)),
        'contacts',
      );

      config.units.forEach((unit, index) => {
        if (unit.committee && unit.committee.quorum > unit.contacts.length)
          ctx.addIssue({
            code: 'custom',
            path: ['units', index, 'committee', 'quorum'],
            message: `a quorum of ${unit.committee.quorum} is more than the ${unit.contacts.length} members listed`,
          });
      });

      const venues = new Set(config.venues.map((v) => v.id));
      const units = new Set(config.units.map((u) => u.id));
      config.series.forEach((series, index) => {
        if (!venues.has(series.venueId)) {
          ctx.addIssue({ code: 'custom', path: ['series', index, 'venueId'], message: `unknown venue "${series.venueId}"` });
        }
        series.invitedUnitIds.forEach((unitId, unitIndex) => {
          if (!units.has(unitId)) {
            ctx.addIssue({ code: 'custom', path: ['series', index, 'invitedUnitIds', unitIndex], message: `unknown unit "${unitId}"` });
          }
        });
        const chairUnits = series.chair.kind === 'fixed' ? [series.chair.unitId] : series.chair.roster;
        chairUnits.forEach((unitId, unitIndex) => {
          const path =
            series.chair.kind === 'fixed' ? ['series', index, 'chair', 'unitId'] : ['series', index, 'chair', 'roster', unitIndex];
          if (!series.invitedUnitIds.includes(unitId)) {
            ctx.addIssue({ code: 'custom', path, message: `chair unit "${unitId}" must be one of the invited units` });
          }
        });
        if (series.chair.kind === 'rotating' && new Set(series.chair.roster).size !== series.chair.roster.length) {
          ctx.addIssue({ code: 'custom', path: ['series', index, 'chair', 'roster'], message: 'a unit appears twice in the roster' });
        }
      });
    }),
  );

export type CountyConfig = z.infer<typeof countyConfigSchema>;
export type SeriesDefinition = CountyConfig['series'][number];
export type NetworkUnit = CountyConfig['units'][number];
export type Contact = NetworkUnit['contacts'][number];
export type Venue = CountyConfig['venues'][number];
export type Committee = NonNullable<NetworkUnit['committee']>;
export type ChairPolicyConfig = SeriesDefinition['chair'];

export { CountyConfigError };

/** Validates parsed JSON; the error names the file, the path to each bad field and why. */
export function parseCountyConfig(raw: unknown, file: string): CountyConfig {
  const result = safeParse(countyConfigSchema, raw);
  if (result.success) return result.data;
  throw new CountyConfigError(
    file,
    result.error.issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`),
  );
}

function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(top level)';
  return path.reduce<string>(
    (text, part) => (typeof part === 'number' ? `${text}[${part}]` : text ? `${text}.${String(part)}` : String(part)),
    '',
  );
}
