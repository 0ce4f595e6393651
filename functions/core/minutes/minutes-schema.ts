// What a chair may send as minutes (會議紀錄), checked before anything is stored. Every field has a
// size limit and the whole body has one, unknown fields are refused (a typo must not silently drop
// data), and every date must be a real calendar date. Rules that need the series or the meeting
// (which units were invited, when it was held) are in minutes-rules.ts.
//
// The chair-minutes function checks the same bodies with minutes-check.ts, written by hand to keep
// zod out of that function; test/unit/minutes/minutes-check.test.ts holds the two to the same
// verdicts, with these schemas as the oracle. A change here is a change there.
import * as z from 'zod/mini';
import { Temporal } from '../calendar/local-date.ts';
import { placementTypes } from './placement-type.ts';
import { hasForbiddenControl, minutesLimits } from './minutes-limits.ts';

export { emptyMinutes, maxMinutesBodyBytes, minutesLimits } from './minutes-limits.ts';

const placementTypeSchema = z.enum(placementTypes);

/** Multi-line text such as a summary or a resolution. */
const prose = (max: number) =>
  z.string().check(
    z.maxLength(max, `at most ${max} characters`),
    z.refine((text) => !hasForbiddenControl(text), 'must not contain control characters'),
  );

/** One line, e.g. a person's name. */
const oneLine = (max: number) =>
  z.string().check(
    z.trim(),
    z.minLength(1, 'must not be empty'),
    z.maxLength(max, `at most ${max} characters`),
    z.refine((text) => !/\p{Cc}/u.test(text), 'must be one line: no line breaks or control characters'),
  );

const unitId = z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be a unit id'));

/** YYYY-MM-DD and a date that exists: 2026-02-30 is refused, not rolled over to March. */
export const calendarDateSchema = z.string().check(
  z.regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD'),
  z.refine((text) => {
    try {
      Temporal.PlainDate.from(text, { overflow: 'reject' });
      return true;
    } catch {
      return false;
    }
  }, 'must be a date that exists on the calendar'),
);

/** One named member of a committee unit (the placement panel's experts): present or not. */
export const memberAttendanceSchema = z.strictObject({
  contactId: z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be a contact id')),
  present: z.boolean(),
});

export const attendanceSchema = z.strictObject({
  unitId,
  /** For a committee unit: whether any member was present. */
  present: z.boolean(),
  /** Who attended for the unit (or, when absent, may stay empty). */
  names: z.array(oneLine(minutesLimits.nameLength)).check(z.maxLength(minutesLimits.namesPerUnit)),
  /** A committee unit's attendance member by member (county-config.ts `committee`), for its quorum. */
  members: z.optional(z.array(memberAttendanceSchema).check(z.maxLength(minutesLimits.membersPerUnit))),
});

export const actionItemStatusSchema = z.enum(['open', 'done']);

export const actionItemSchema = z.strictObject({
  description: prose(minutesLimits.actionItemLength).check(z.refine((text) => text.trim().length > 0, 'must not be empty')),
  ownerUnitId: unitId,
  dueDate: calendarDateSchema,
  status: actionItemStatusSchema,
});

export const followUpStatusSchema = z.enum(['owed', 'received']);

export const proposalSchema = z.strictObject({
  placementType: placementTypeSchema,
  caseCount: z.number().check(z.int(), z.minimum(0), z.maximum(minutesLimits.caseCount)),
});

export const followUpFormSchema = z.strictObject({
  placementType: placementTypeSchema,
  /** The unit that owes the forms and is reminded of them; required when the minutes are submitted. */
  ownerUnitId: z.optional(unitId),
  /** How many outcome follow-up forms (成效追蹤表) this placement type owes. */
  formsOwed: z.number().check(z.int(), z.minimum(0), z.maximum(minutesLimits.formsOwed)),
  /** Before the next meeting. */
  dueDate: calendarDateSchema,
  status: followUpStatusSchema,
});

const onePerPlacementType = <T extends { placementType: string }>(entries: readonly T[]) =>
  new Set(entries.map((e) => e.placementType)).size === entries.length;

export const placementReviewSchema = z.strictObject({
  proposals: z.array(proposalSchema).check(z.maxLength(4), z.refine(onePerPlacementType, 'one entry per placement type')),
  followUpForms: z.array(followUpFormSchema).check(z.maxLength(4), z.refine(onePerPlacementType, 'one entry per placement type')),
});

export const minutesContentSchema = z.strictObject({
  attendance: z.array(attendanceSchema).check(z.maxLength(minutesLimits.attendanceEntries)),
  summary: prose(minutesLimits.summaryLength),
  resolutions: z
    .array(prose(minutesLimits.resolutionLength).check(z.refine((text) => text.trim().length > 0, 'must not be empty')))
    .check(z.maxLength(minutesLimits.resolutions)),
  actionItems: z.array(actionItemSchema).check(z.maxLength(minutesLimits.actionItems)),
  /** Only for series whose minutesForm is "placement-review" (在地評估小組). */
  placementReview: z.optional(placementReviewSchema),
});

const expectedVersion = z.number().check(z.int(), z.minimum(0), z.maximum(minutesLimits.version));

/** PUT: the version the chair's copy was based on; a save based on an older one is refused (409). */
export const saveMinutesRequestSchema = z.strictObject({ expectedVersion, minutes: minutesContentSchema });

/** Submit, approve, return, distribute: the version the person looked at. */
export const changeStateRequestSchema = z.strictObject({ expectedVersion: z.optional(expectedVersion) });

/** The secretariat's follow-up of action items and follow-up forms after approval. */
export const followUpRequestSchema = z
  .strictObject({
    expectedVersion: z.optional(expectedVersion),
    actionItems: z.optional(
      z
        .array(
          z.strictObject({
            index: z.number().check(z.int(), z.minimum(0), z.maximum(minutesLimits.actionItems - 1)),
            status: actionItemStatusSchema,
          }),
        )
        .check(z.maxLength(minutesLimits.actionItems)),
    ),
    followUpForms: z.optional(
      z.array(z.strictObject({ placementType: placementTypeSchema, status: followUpStatusSchema })).check(z.maxLength(4)),
    ),
  })
  .check(z.refine((body) => (body.actionItems?.length ?? 0) + (body.followUpForms?.length ?? 0) > 0, 'nothing to follow up'));

export type MinutesContent = z.infer<typeof minutesContentSchema>;
export type Attendance = z.infer<typeof attendanceSchema>;
export type MemberAttendance = z.infer<typeof memberAttendanceSchema>;
export type ActionItem = z.infer<typeof actionItemSchema>;
export type ActionItemStatus = z.infer<typeof actionItemStatusSchema>;
export type FollowUpForm = z.infer<typeof followUpFormSchema>;
export type FollowUpStatus = z.infer<typeof followUpStatusSchema>;
export type PlacementReview = z.infer<typeof placementReviewSchema>;
export type SaveMinutesRequest = z.infer<typeof saveMinutesRequestSchema>;
export type ChangeStateRequest = z.infer<typeof changeStateRequestSchema>;
export type FollowUpRequest = z.infer<typeof followUpRequestSchema>;
