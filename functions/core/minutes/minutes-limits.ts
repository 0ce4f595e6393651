// The minutes' size limits and the empty minutes, without the schema: the chair-minutes function
// checks bodies with minutes-check.ts and must not load zod through minutes-schema.ts, which
// re-exports these for everyone else.
import type { MinutesContent } from './minutes-schema.ts';

/** The whole request body, in UTF-8 bytes. A DynamoDB item holds 400 KB; a version item holds one body. */
export const maxMinutesBodyBytes = 64 * 1024;

export const minutesLimits = {
  attendanceEntries: 60,
  namesPerUnit: 20,
  membersPerUnit: 50,
  nameLength: 40,
  summaryLength: 4000,
  resolutions: 30,
  resolutionLength: 1000,
  actionItems: 30,
  actionItemLength: 300,
  caseCount: 500,
  formsOwed: 500,
  version: 1_000_000,
} as const;

/** Line breaks and tabs are text; every other control character is refused. */
export const hasForbiddenControl = (text: string) =>
  [...text].some((char) => {
    const code = char.codePointAt(0)!;
    return (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f;
  });

export const emptyMinutes = (): MinutesContent => ({ attendance: [], summary: '', resolutions: [], actionItems: [] });
