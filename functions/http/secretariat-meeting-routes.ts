// The secretariat's JSON API for one meeting and one series, mounted below /c/<county>:
//
//   GET  /secretariat/meetings/:series/:occurrence                      the meeting page's data
//   POST /secretariat/meetings/:series/:occurrence/move|cancel|reinstate|venue|swap-chairs|acting-chair[/preview]
//   POST /secretariat/series/:series/sessions[/preview]                 an ad-hoc session
//
// A meeting is named by its date (2026-03-25) or slot (2026-03). Every body is checked against its
// zod schema (below, beside its route) before any use case runs; the use case then validates the
// rest before it writes anything. Refusals as secretariat-task-http.ts says. A meeting's chair link
// and minutes decisions are secretariat-meeting-minutes-routes.ts's.
import type { Hono } from 'hono';
import * as z from 'zod/mini';
import {
  addAdHocSession,
  appointActingChair,
  cancelMeeting,
  changeMeetingVenue,
  moveMeeting,
  previewAddAdHocSession,
  previewAppointActingChair,
  previewCancelMeeting,
  previewChangeMeetingVenue,
  previewMoveMeeting,
  previewReinstateMeeting,
  previewSwapMeetingChairs,
  reinstateMeeting,
  swapMeetingChairs,
} from '../use-cases/secretariat/tasks.ts';
import { meetingDetail } from '../use-cases/secretariat/meeting-detail.ts';
import {
  hhmm,
  isoDate,
  reason,
  reasonBody,
  taskRoutes,
  text,
  type C,
  type Env,
  type SecretariatRouteDependencies,
} from './secretariat-task-http.ts';

// Built by task() at the first request that checks one (secretariat-task-http.ts), not at load.
const moveBody = () => z.strictObject({ to: isoDate(), start: z.optional(hhmm()), force: z.optional(z.boolean()), ...reason() });
const venueBody = () => z.strictObject({ venueId: text(80), ...reason() });
const swapBody = () => z.strictObject({ with: text(40), ...reason() });
const actingChairBody = () => z.strictObject({ unitId: text(80), ...reason() });
const sessionBody = () =>
  z.strictObject({
    date: isoDate(),
    start: z.optional(hhmm()),
    durationMinutes: z.optional(z.number().check(z.int(), z.minimum(15), z.maximum(600))),
    force: z.optional(z.boolean()),
    ...reason(),
  });

export const meetingPaths = ['/meetings/*', '/series/*'] as const;

export function secretariatMeetingRoutes(deps: SecretariatRouteDependencies): Hono<Env> {
  const { api, ctx, changed, task, mounted } = taskRoutes(deps, meetingPaths);

  const meeting = (c: C, body: { reason: string }) => ({
    seriesId: c.req.param('seriesId') ?? '',
    occurrence: c.req.param('occurrence') ?? '',
    reason: body.reason,
  });

  // ---- One meeting ----------------------------------------------------------------------------
  const at = '/meetings/:seriesId/:occurrence';

  api.get(at, async (c) => {
    const detail = await meetingDetail(deps.table, deps.config, { ...meeting(c, { reason: '' }), actor: ctx(c).actor, now: ctx(c).now });
    return c.json(detail);
  });

  const move = (c: C, b: z.infer<ReturnType<typeof moveBody>>) => ({
    ...meeting(c, b),
    date: b.to,
    ...(b.start ? { start: b.start } : {}),
    ...(b.force !== undefined ? { force: b.force } : {}),
  });
  task(
    `${at}/move`,
    moveBody,
    async (c, b) => changed(c, await moveMeeting(ctx(c), move(c, b))),
    (c, b) => previewMoveMeeting(ctx(c), move(c, b)),
  );
  task(
    `${at}/cancel`,
    reasonBody,
    async (c, b) => changed(c, await cancelMeeting(ctx(c), meeting(c, b))),
    (c, b) => previewCancelMeeting(ctx(c), meeting(c, b)),
  );
  task(
    `${at}/reinstate`,
    reasonBody,
    async (c, b) => changed(c, await reinstateMeeting(ctx(c), meeting(c, b))),
    (c, b) => previewReinstateMeeting(ctx(c), meeting(c, b)),
  );
  task(
    `${at}/venue`,
    venueBody,
    async (c, b) => changed(c, await changeMeetingVenue(ctx(c), { ...meeting(c, b), venueId: b.venueId })),
    (c, b) => previewChangeMeetingVenue(ctx(c), { ...meeting(c, b), venueId: b.venueId }),
  );
  task(
    `${at}/swap-chairs`,
    swapBody,
    async (c, b) => changed(c, await swapMeetingChairs(ctx(c), { ...meeting(c, b), other: b.with })),
    (c, b) => previewSwapMeetingChairs(ctx(c), { ...meeting(c, b), other: b.with }),
  );
  task(
    `${at}/acting-chair`,
    actingChairBody,
    async (c, b) => changed(c, await appointActingChair(ctx(c), { ...meeting(c, b), unitId: b.unitId })),
    (c, b) => previewAppointActingChair(ctx(c), { ...meeting(c, b), unitId: b.unitId }),
  );
  // ---- A series ---------------------------------------------------------------------------------
  const session = (c: C, b: z.infer<ReturnType<typeof sessionBody>>) => {
    const { date, start, durationMinutes, force, reason: why } = b;
    return {
      seriesId: c.req.param('seriesId') ?? '',
      date,
      reason: why,
      ...(start ? { start } : {}),
      ...(durationMinutes ? { durationMinutes } : {}),
      ...(force !== undefined ? { force } : {}),
    };
  };
  task(
    '/series/:seriesId/sessions',
    sessionBody,
    async (c, b) => changed(c, await addAdHocSession(ctx(c), session(c, b))),
    (c, b) => previewAddAdHocSession(ctx(c), session(c, b)),
  );

  return mounted();
}
