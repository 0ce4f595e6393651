// The secretariat's JSON API for the units' contacts, mounted below /c/<county>:
//
//   POST /secretariat/units/:unit/contacts[/preview], …/contacts/:contact/remove|readd[/preview]
//
// Every body is checked before any use case runs; refusals as secretariat-task-http.ts says.
import type { Hono } from 'hono';
import * as z from 'zod/mini';
import {
  addContact,
  previewAddContact,
  previewReaddContact,
  previewRemoveContact,
  readdContact,
  removeContact,
} from '../use-cases/secretariat/tasks.ts';
import type { RosterResult } from '../use-cases/secretariat/change-roster.ts';
import { reason, reasonBody, taskRoutes, text, type C, type Env, type SecretariatRouteDependencies } from './secretariat-task-http.ts';

const contactBody = () =>
  z.strictObject({
    contact: z.strictObject({ id: text(80), name: text(200), email: text(320), title: z.optional(text(200)) }),
    ...reason(),
  });

export const rosterPaths = ['/units/*'] as const;

export function secretariatRosterRoutes(deps: SecretariatRouteDependencies): Hono<Env> {
  const { ctx, done, task, mounted } = taskRoutes(deps, rosterPaths);
  const rostered = (c: C, result: RosterResult) =>
    done(c, result.action, {
      contact: { unitId: result.change.unitId, contactId: result.change.contact.id, removed: result.change.removed },
    });

  const unitId = (c: C) => c.req.param('unitId') ?? '';
  const contactOf = (b: z.infer<ReturnType<typeof contactBody>>) => ({
    id: b.contact.id,
    name: b.contact.name,
    email: b.contact.email,
    ...(b.contact.title ? { title: b.contact.title } : {}),
  });
  task(
    '/units/:unitId/contacts',
    contactBody,
    async (c, b) => rostered(c, await addContact(ctx(c), { unitId: unitId(c), contact: contactOf(b), reason: b.reason })),
    (c, b) => previewAddContact(ctx(c), { unitId: unitId(c), contact: contactOf(b), reason: b.reason }),
  );
  const named = (c: C, b: z.infer<ReturnType<typeof reasonBody>>) => ({
    unitId: unitId(c),
    contactId: c.req.param('contactId') ?? '',
    reason: b.reason,
  });
  task(
    '/units/:unitId/contacts/:contactId/remove',
    reasonBody,
    async (c, b) => rostered(c, await removeContact(ctx(c), named(c, b))),
    (c, b) => previewRemoveContact(ctx(c), named(c, b)),
  );
  task(
    '/units/:unitId/contacts/:contactId/readd',
    reasonBody,
    async (c, b) => rostered(c, await readdContact(ctx(c), named(c, b))),
    (c, b) => previewReaddContact(ctx(c), named(c, b)),
  );

  return mounted();
}
