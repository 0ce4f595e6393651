// The minutes schemas of minutes-schema.ts, checked by hand for the chair-minutes function.
//
// Why by hand: zod/mini was 21 KB of that function's 143 KB (issue 13 §5 holds each function's own
// code to 150 KB), and the chair's form and JSON API check nothing else with it. These few
// combinators mirror zod v4's rules for exactly the kinds the minutes use (strict objects, arrays
// with a length limit, strings with trim, length, pattern and refinements, integers within bounds,
// booleans, enums, optional keys), including when zod runs a check after an earlier problem: a
// length check runs unless a problem explicitly aborted, any other check only when every earlier
// problem lets it continue (a wrong type does not; a length or a refinement does).
//
// What it does not do: messages. Issues carry zod's code, path, origin, bounds, keys and our own
// custom messages, which is what minutes-problems.ts words in zh-TW; a built-in problem's message is
// left empty. Nothing async, no coercion, no other kinds. The secretariat's API keeps the zod
// schemas, which are the oracle of test/unit/minutes/minutes-check.test.ts: the same verdict, the
// same data and the same problems (path, code, custom message) for generated bodies.
import { Temporal } from '../calendar/local-date.ts';
import { placementTypes } from './placement-type.ts';
import { hasForbiddenControl, minutesLimits } from './minutes-limits.ts';
import type { SchemaIssue } from './minutes-problems.ts';
import type { MinutesContent, SaveMinutesRequest } from './minutes-schema.ts';

/** A problem as zod reports it, with whether later checks may still run (zod's `continue`). */
export type CheckIssue = SchemaIssue & { path: PropertyKey[]; continue?: boolean };

export type Checked<T> = { success: true; data: T } | { success: false; error: { issues: CheckIssue[] } };

/** What a body is parsed with: these checkers, or a zod schema (same shape). */
export type BodySchema<T> = {
  safeParse(input: unknown): { success: true; data: T } | { success: false; error: { issues: readonly SchemaIssue[] } };
};

type Payload = { value: unknown; issues: CheckIssue[] };
type Check = { byLength?: true; cap?: number; run(payload: Payload): void };
type Kind = { parse(payload: Payload): void; checks: readonly Check[] };

function run(kind: Kind, value: unknown): Payload {
  const payload: Payload = { value, issues: [] };
  kind.parse(payload);
  let aborted = stops(payload.issues, 0);
  for (const check of kind.checks) {
    if (check.byLength) {
      // zod's `when` for length checks: any value with a length, unless a problem said stop outright.
      if (payload.issues.some((issue) => issue.continue === false)) continue;
      const value = payload.value as { length?: unknown } | null | undefined;
      if (value === null || value === undefined || value.length === undefined) continue;
    } else if (aborted) continue;
    const before = payload.issues.length;
    check.run(payload);
    if (!aborted && payload.issues.length > before) aborted = stops(payload.issues, before);
  }
  return payload;
}

const stops = (issues: readonly CheckIssue[], from: number) => issues.slice(from).some((issue) => issue.continue !== true);

function checker<T>(kind: Kind): { safeParse(input: unknown): Checked<T> } {
  return {
    safeParse(input) {
      const { value, issues } = run(kind, input);
      return issues.length ? { success: false, error: { issues } } : { success: true, data: value as T };
    },
  };
}

const issue = (fields: Omit<CheckIssue, 'path' | 'message'> & { message?: string }): CheckIssue => ({ path: [], message: '', ...fields });

function typed(expected: string, test: (value: unknown) => boolean, ...checks: Check[]): Kind {
  return {
    parse(payload) {
      if (!test(payload.value)) payload.issues.push(issue({ code: 'invalid_type', expected }));
    },
    checks,
  };
}

const string = (...checks: Check[]) => typed('string', (value) => typeof value === 'string', ...checks);
const number = (...checks: Check[]) => typed('number', (value) => typeof value === 'number' && Number.isFinite(value), ...checks);
const boolean = typed('boolean', (value) => typeof value === 'boolean');

function oneOf(values: readonly string[]): Kind {
  return {
    parse(payload) {
      if (!values.includes(payload.value as string)) payload.issues.push(issue({ code: 'invalid_value' }));
    },
    checks: [],
  };
}

function optional(inner: Kind): Kind & { optional: true } {
  return {
    optional: true,
    parse(payload) {
      if (payload.value === undefined) return;
      const result = run(inner, payload.value);
      payload.value = result.value;
      payload.issues.push(...result.issues);
    },
    checks: [],
  };
}

const within = (path: PropertyKey, issues: readonly CheckIssue[]) => issues.map((i) => ({ ...i, path: [path, ...i.path] }));

function array(element: Kind, ...checks: Check[]): Kind {
  // zod counts a list against its leading length limits before reading any element: a list too long
  // gets that one problem, which stops every later check.
  const caps: Check[] = [];
  for (const check of checks) {
    if (check.cap === undefined) break;
    caps.push(check);
  }
  return {
    parse(payload) {
      if (!Array.isArray(payload.value)) return void payload.issues.push(issue({ code: 'invalid_type', expected: 'array' }));
      const over = caps.find((check) => lengthOf(payload) > check.cap!);
      if (over) {
        over.run(payload);
        payload.issues.at(-1)!.continue = false;
        return;
      }
      payload.value = payload.value.map((value: unknown, index) => {
        const result = run(element, value);
        payload.issues.push(...within(index, result.issues));
        return result.value;
      });
    },
    checks,
  };
}

function strictObject(shape: Record<string, Kind & { optional?: true }>, ...checks: Check[]): Kind {
  return {
    parse(payload) {
      const input = payload.value;
      if (typeof input !== 'object' || input === null || Array.isArray(input))
        return void payload.issues.push(issue({ code: 'invalid_type', expected: 'object' }));
      const record = input as Record<string, unknown>;
      const output: Record<string, unknown> = {};
      for (const [key, kind] of Object.entries(shape)) {
        if (kind.optional && !(key in record)) continue;
        const result = run(kind, record[key]);
        payload.issues.push(...within(key, result.issues));
        output[key] = result.value;
      }
      const unknown = Object.keys(record).filter((key) => !Object.hasOwn(shape, key));
      // As zod: a key too many describes the input, not the value, so later checks still run.
      if (unknown.length) payload.issues.push(issue({ code: 'unrecognized_keys', keys: unknown, continue: true }));
      payload.value = output;
    },
    checks,
  };
}

// ---- Checks, as zod's: each problem lets later checks run ----------------------------------------

const originOf = (value: unknown) => (Array.isArray(value) ? 'array' : typeof value === 'string' ? 'string' : 'unknown');
const lengthOf = (payload: Payload) => (payload.value as { length: number }).length;

const maxLength = (maximum: number, message?: string): Check => ({
  byLength: true,
  cap: maximum,
  run(payload) {
    if (lengthOf(payload) > maximum)
      payload.issues.push(
        issue({ code: 'too_big', origin: originOf(payload.value), maximum, continue: true, ...(message ? { message } : {}) }),
      );
  },
});

const minLength = (minimum: number, message: string): Check => ({
  byLength: true,
  run(payload) {
    if (lengthOf(payload) < minimum)
      payload.issues.push(issue({ code: 'too_small', origin: originOf(payload.value), minimum, continue: true, message }));
  },
});

const refine = (test: (value: never) => boolean, message: string): Check => ({
  run(payload) {
    if (!test(payload.value as never)) payload.issues.push(issue({ code: 'custom', continue: true, message }));
  },
});

const pattern = (regex: RegExp, message: string): Check => ({
  run(payload) {
    if (!regex.test(payload.value as string)) payload.issues.push(issue({ code: 'invalid_format', continue: true, message }));
  },
});

const trim: Check = {
  run(payload) {
    payload.value = (payload.value as string).trim();
  },
};

/** z.int(): not an integer stops every later check; beyond the safe range lets them run. */
const int: Check = {
  run(payload) {
    const value = payload.value as number;
    if (!Number.isInteger(value)) return void payload.issues.push(issue({ code: 'invalid_type', expected: 'int', continue: false }));
    if (!Number.isSafeInteger(value))
      payload.issues.push(
        value > 0
          ? issue({ code: 'too_big', origin: 'int', maximum: Number.MAX_SAFE_INTEGER, continue: true })
          : issue({ code: 'too_small', origin: 'int', minimum: Number.MIN_SAFE_INTEGER, continue: true }),
      );
  },
};

const minimum = (bound: number): Check => ({
  run(payload) {
    if ((payload.value as number) < bound)
      payload.issues.push(issue({ code: 'too_small', origin: 'number', minimum: bound, continue: true }));
  },
});

const maximum = (bound: number): Check => ({
  run(payload) {
    if ((payload.value as number) > bound)
      payload.issues.push(issue({ code: 'too_big', origin: 'number', maximum: bound, continue: true }));
  },
});

// ---- The minutes, as minutes-schema.ts states them ------------------------------------------------

const prose = (max: number, ...more: Check[]) =>
  string(
    maxLength(max, `at most ${max} characters`),
    refine((text: string) => !hasForbiddenControl(text), 'must not contain control characters'),
    ...more,
  );
const notBlank = refine((text: string) => text.trim().length > 0, 'must not be empty');

const oneLine = (max: number) =>
  string(
    trim,
    minLength(1, 'must not be empty'),
    maxLength(max, `at most ${max} characters`),
    refine((text: string) => !/\p{Cc}/u.test(text), 'must be one line: no line breaks or control characters'),
  );

const idPattern = /^[a-z0-9][a-z0-9-]{0,62}$/;
const unitId = () => string(pattern(idPattern, 'must be a unit id'));

const calendarDate = () =>
  string(
    pattern(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD'),
    refine((text: string) => {
      try {
        Temporal.PlainDate.from(text, { overflow: 'reject' });
        return true;
      } catch {
        return false;
      }
    }, 'must be a date that exists on the calendar'),
  );

const count = (max: number) => number(int, minimum(0), maximum(max));

const onePerPlacementType = refine(
  (entries: ReadonlyArray<{ placementType: string }>) => new Set(entries.map((e) => e.placementType)).size === entries.length,
  'one entry per placement type',
);

const minutesContent = strictObject({
  attendance: array(
    strictObject({
      unitId: unitId(),
      present: boolean,
      names: array(oneLine(minutesLimits.nameLength), maxLength(minutesLimits.namesPerUnit)),
      members: optional(
        array(
          strictObject({ contactId: string(pattern(idPattern, 'must be a contact id')), present: boolean }),
          maxLength(minutesLimits.membersPerUnit),
        ),
      ),
    }),
    maxLength(minutesLimits.attendanceEntries),
  ),
  summary: prose(minutesLimits.summaryLength),
  resolutions: array(prose(minutesLimits.resolutionLength, notBlank), maxLength(minutesLimits.resolutions)),
  actionItems: array(
    strictObject({
      description: prose(minutesLimits.actionItemLength, notBlank),
      ownerUnitId: unitId(),
      dueDate: calendarDate(),
      status: oneOf(['open', 'done']),
    }),
    maxLength(minutesLimits.actionItems),
  ),
  placementReview: optional(
    strictObject({
      proposals: array(
        strictObject({ placementType: oneOf(placementTypes), caseCount: count(minutesLimits.caseCount) }),
        maxLength(4),
        onePerPlacementType,
      ),
      followUpForms: array(
        strictObject({
          placementType: oneOf(placementTypes),
          ownerUnitId: optional(unitId()),
          formsOwed: count(minutesLimits.formsOwed),
          dueDate: calendarDate(),
          status: oneOf(['owed', 'received']),
        }),
        maxLength(4),
        onePerPlacementType,
      ),
    }),
  ),
});

/** minutesContentSchema. */
export const minutesContentCheck = checker<MinutesContent>(minutesContent);

/** saveMinutesRequestSchema: the version the chair's copy was based on, and the minutes. */
export const saveMinutesRequestCheck = checker<SaveMinutesRequest>(
  strictObject({ expectedVersion: count(minutesLimits.version), minutes: minutesContent }),
);

/** The version a form or a submission was based on: a whole number from 0. */
export const versionCheck = checker<number>(number(int, minimum(0)));

/** A submission's body: the version the chair looked at. */
export const submitRequestCheck = checker<{ expectedVersion: number }>(strictObject({ expectedVersion: number(int, minimum(0)) }));
