// The secretariat's JSON API for the county's calendar, mounted below /c/<county>:
//
//   POST /secretariat/closures[/preview], /secretariat/closures/:date/remove[/preview]
//   POST /secretariat/office-calendar[/preview]      the DGPA CSV: multipart (file, reason) or text/csv
//
// Every body is checked before any use case runs; refusals as secretariat-task-http.ts says.
import type { Hono } from 'hono';
import * as z from 'zod/mini';
import {
  declareOfficeClosure,
  importCalendarFile,
  previewDeclareOfficeClosure,
  previewImportCalendarFile,
  previewRemoveOfficeClosure,
  removeOfficeClosure,
} from '../use-cases/secretariat/tasks.ts';
import {
  BodyProblem,
  isoDate,
  reason,
  reasonBody,
  taskRoutes,
  type C,
  type Env,
  type SecretariatRouteDependencies,
} from './secretariat-task-http.ts';

/** The largest calendar upload: a year of DGPA rows is about 12 KB. */
const maxUploadBytes = 256 * 1024;

const closureBody = () => z.strictObject({ date: isoDate(), ...reason() });

export const calendarPaths = ['/closures', '/closures/*', '/office-calendar', '/office-calendar/*'] as const;

export function secretariatCalendarRoutes(deps: SecretariatRouteDependencies): Hono<Env> {
  const { api, ctx, done, previewed, task, mounted } = taskRoutes(deps, calendarPaths);

  task(
    '/closures',
    closureBody,
    async (c, b) => {
      const result = await declareOfficeClosure(ctx(c), b);
      if (!result.action) return c.json({ closure: result.closure, alreadyInForce: true, warnings: result.warnings });
      return done(c, result.action, { closure: result.closure, warnings: result.warnings });
    },
    (c, b) => previewDeclareOfficeClosure(ctx(c), b),
  );
  const removal = (c: C, b: z.infer<ReturnType<typeof reasonBody>>) => ({ date: c.req.param('date') ?? '', reason: b.reason });
  task(
    '/closures/:date/remove',
    reasonBody,
    async (c, b) => {
      const result = await removeOfficeClosure(ctx(c), removal(c, b));
      return done(c, result.action!, { removed: result.removed, warnings: result.warnings });
    },
    (c, b) => previewRemoveOfficeClosure(ctx(c), removal(c, b)),
  );
  api.post('/office-calendar', async (c) => {
    const result = await importCalendarFile(ctx(c), await upload(c));
    return done(c, result.action, {
      year: result.year.year,
      source: result.year.source,
      daysOff: Object.keys(result.year.daysOff).length,
      workdays: Object.keys(result.year.workdays).length,
      replaced: result.replaced,
    });
  });
  api.post('/office-calendar/preview', async (c) => previewed(c, await previewImportCalendarFile(ctx(c), await upload(c))));

  return mounted();
}

/** The calendar file as uploaded: a form (file, reason) or the CSV itself (?reason=…&fileName=…). */
async function upload(c: C): Promise<{ fileName: string; bytes: Uint8Array; reason: string }> {
  const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  const length = Number(c.req.header('content-length') ?? '0');
  if (length > maxUploadBytes) throw new BodyProblem('too-large', 'file', '檔案過大；辦公日曆表一年約 12 KB');
  if (type === 'multipart/form-data') {
    const form = await c.req.parseBody();
    const file = form.file;
    if (!(file instanceof File)) throw new BodyProblem('invalid-body', 'file', '請選擇辦公日曆檔（CSV）');
    if (file.size > maxUploadBytes) throw new BodyProblem('too-large', 'file', '檔案過大；辦公日曆表一年約 12 KB');
    return {
      fileName: file.name,
      bytes: new Uint8Array(await file.arrayBuffer()),
      reason: typeof form.reason === 'string' ? form.reason : '',
    };
  }
  if (type === 'text/csv' || type === 'application/octet-stream') {
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    if (bytes.byteLength > maxUploadBytes) throw new BodyProblem('too-large', 'file', '檔案過大；辦公日曆表一年約 12 KB');
    return { fileName: c.req.query('fileName') ?? 'calendar.csv', bytes, reason: c.req.query('reason') ?? '' };
  }
  throw new BodyProblem('unsupported-media-type', 'file', '請以 multipart/form-data（欄位 file、reason）或 text/csv 上傳');
}
