// What a county file may say about when a series meets, checked when the file is loaded: locally,
// in tests and at synth. The Lambdas read county files the synth validated already (see
// lib/constructs/meeting-function.ts); zod/mini, as the rest of the county schema (county-config.ts).
import * as z from 'zod/mini';
import { Temporal } from '../calendar/local-date.ts';
import { rruleProblem } from './rrule-cadence.ts';

const month = z.int().check(z.minimum(1), z.maximum(12));
/** Which of the month's such weekdays: 1st–5th, or -1 for the last. */
const nth = z.literal([1, 2, 3, 4, 5, -1]);
/** ISO weekday, 1 = Monday … 7 = Sunday. */
const weekday = z.literal([1, 2, 3, 4, 5, 6, 7]);

export const cadenceSchema = z.discriminatedUnion('kind', [
  /** 4th Wednesday every month: the child-protection case conference. A month without a 5th such weekday has no slot when nth = 5. */
  z.strictObject({ kind: z.literal('monthly-nth-weekday'), nth, weekday }),
  /** The placement panel's 每四個月: intervalMonths 4 from firstMonth 3 gives Mar, Jul, Nov every year. */
  z.strictObject({
    kind: z.literal('every-n-months'),
    // Only a divisor of 12 gives the same months every year, which is what "three times a year"
    // means; an interval of 5 drifts through the years and needs a dated anchor, i.e. an rrule.
    intervalMonths: month.check(
      z.refine((n) => 12 % n === 0, {
        message:
          'intervalMonths must divide 12 (1, 2, 3, 4, 6 or 12) so that the same months recur every year; use kind "rrule" with a dtstart for other intervals',
      }),
    ),
    firstMonth: month,
    nth,
    weekday,
  }),
  /** The employment meeting's 每半年, e.g. months [6, 12]. */
  z.strictObject({
    kind: z.literal('semiannual'),
    months: z.tuple([month, month]).check(z.refine(([a, b]) => a !== b, { message: 'a semiannual cadence needs two different months' })),
    nth,
    weekday,
  }),
  /** Anything else, as an RFC 5545 RRULE value (no "RRULE:" prefix) read as whole, floating dates. */
  z.strictObject({ kind: z.literal('rrule'), rrule: z.string(), dtstart: z.iso.date() }).check(
    z.superRefine((cadence, ctx) => {
      // zod runs this even when dtstart failed its own check; that issue is reported already.
      if (!z.iso.date().safeParse(cadence.dtstart).success) return;
      // A Lambda bundle built for counties without RRULE series cannot expand one (cadence.ts), and
      // leaves ical.js out when it validates a county's part here (the HTTP function checks contacts).
      const problem =
        process.env.SAFETYNET_RRULE_CADENCES === 'none'
          ? '本部署沒有 RRULE 週期的會議系列；請在縣市設定檔加入後重新部署'
          : rruleProblem(cadence.rrule, Temporal.PlainDate.from(cadence.dtstart));
      if (problem) ctx.addIssue({ code: 'custom', path: ['rrule'], message: problem });
    }),
  ),
]);

export type Cadence = z.infer<typeof cadenceSchema>;
