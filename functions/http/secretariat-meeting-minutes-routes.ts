// The secretariat's JSON API for one meeting's minutes, mounted below /c/<county>:
//
//   POST /secretariat/meetings/:series/:occurrence/chair-link/issue|revoke
//   POST /secretariat/meetings/:series/:occurrence/minutes/approve|return|distribute
//
// Below a meeting's path, but about its minutes: the gateway sends these to the minutes API
// function (secretariat-minutes-api-audience.ts), whose other routes share what they need, and
// not to the meetings one, which then carries nothing of the minutes. Refusals as
// secretariat-task-http.ts says.
import type { Hono } from 'hono';
import * as z from 'zod/mini';
import {
  approveMinutes,
  distributeMinutesToInvitees,
  issueChairMinutesLink,
  returnMinutes,
  revokeChairMinutesLink,
} from '../use-cases/secretariat/tasks.ts';
import { reason, taskRoutes, text, type C, type Env, type SecretariatRouteDependencies } from './secretariat-task-http.ts';

const chairLinkBody = () => z.strictObject({ contactId: z.optional(text(80)), ...reason() });
const minutesBody = () => z.strictObject({ expectedVersion: z.optional(z.number().check(z.int(), z.minimum(0))), ...reason() });

const at = '/meetings/:seriesId/:occurrence';
export const meetingMinutesPaths = [`${at}/chair-link/*`, `${at}/minutes/*`] as const;

export function secretariatMeetingMinutesRoutes(deps: SecretariatRouteDependencies): Hono<Env> {
  const { ctx, done, task, mounted } = taskRoutes(deps, meetingMinutesPaths);

  const meeting = (c: C, body: { reason: string }) => ({
    seriesId: c.req.param('seriesId') ?? '',
    occurrence: c.req.param('occurrence') ?? '',
    reason: body.reason,
  });

  task(`${at}/chair-link/issue`, chairLinkBody, async (c, b) => {
    const issued = await issueChairMinutesLink(ctx(c), { ...meeting(c, b), ...(b.contactId ? { contactId: b.contactId } : {}) });
    return done(c, issued.action, {
      contactId: issued.contactId,
      contactName: issued.contactName,
      url: issued.url,
      expiresAt: issued.expiresAt,
    });
  });
  task(`${at}/chair-link/revoke`, chairLinkBody, async (c, b) => {
    const revoked = await revokeChairMinutesLink(ctx(c), { ...meeting(c, b), ...(b.contactId ? { contactId: b.contactId } : {}) });
    return done(c, revoked.action, { contactId: revoked.contactId, contactName: revoked.contactName, linkVersion: revoked.linkVersion });
  });
  const decisions = { approve: approveMinutes, return: returnMinutes, distribute: distributeMinutesToInvitees } as const;
  for (const [decision, decide] of Object.entries(decisions))
    task(`${at}/minutes/${decision}`, minutesBody, async (c, b) => {
      const { action, ...result } = await decide(ctx(c), {
        ...meeting(c, b),
        ...(b.expectedVersion !== undefined ? { expectedVersion: b.expectedVersion } : {}),
      });
      return done(c, action, result);
    });

  return mounted();
}
