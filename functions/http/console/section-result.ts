// What a section shows after one of its actions was confirmed. The confirmation answers 303 to the
// section's page with ?done=<the audit record's id> (action-form.ts resultAt), so reloading that
// page posts nothing again; the page then says what was done, from the audit record itself: the
// task, its reason, each meeting before → after and who was told.
import type { Context } from 'hono';
import { html } from 'hono/html';
import type { SecretariatAction } from '../../core/audit/secretariat-action.ts';
import { listActions } from '../../adapters/dynamodb/secretariat-action-store.ts';
import { changeResultBody, type ActionContext } from './action-form.ts';
import type { Markup } from './console-layout.ts';
import type { ConsoleEnv, ConsoleSectionDependencies } from './console-session.ts';

/** Where a confirmed action sends the browser: the section's page, naming the audit record. */
export function doneAt(sectionPath: string) {
  return (result: { action?: SecretariatAction }, a: ActionContext): string =>
    `${a.frame.base}${sectionPath}${result.action ? `?done=${encodeURIComponent(result.action.id)}` : ''}`;
}

/** The banner for ?done=<id>: what that task did, in words; nothing for an id that is not a task of this county. */
export async function doneBanner(c: Context<ConsoleEnv>, deps: ConsoleSectionDependencies): Promise<Markup | string> {
  const id = c.req.query('done');
  if (!id || !/^[0-9a-f-]{36}$/.test(id)) return '';
  // Only the last day's tasks: the page is reached right after the confirmation.
  const since = new Date(deps.now().getTime() - 24 * 3600_000).toISOString();
  const action = (await listActions(deps.table, since)).find((a) => a.id === id);
  if (!action) return '';
  return html`<div class="ok done" role="status">
    <p><strong>已完成</strong></p>
    ${changeResultBody(deps.config, action)}
  </div>`;
}
