// 聯絡人: every network unit and its contacts as the county has them now (the configuration with
// the secretariat's roster changes), with placeholders marked so they are filled in before notices
// go to nobody.
import { Hono } from 'hono';
import { html } from 'hono/html';
import { isExampleDomain } from '../../core/series/placeholders.ts';
import { loadCountyView } from '../../use-cases/load-county-view.ts';
import { consolePage } from './console-layout.ts';
import { dataTable } from './console-format.ts';
import type { ConsoleEnv, ConsoleSectionDependencies } from './console-session.ts';

export function contactsRoutes(deps: ConsoleSectionDependencies): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();
  app.get('/contacts', async (c) => {
    const frame = c.get('console');
    const view = await loadCountyView(deps.table, deps.config);
    const invitedBy = (unitId: string) => view.series.filter((s) => s.invitedUnitIds.includes(unitId)).map((s) => s.name.zh);
    return c.html(
      consolePage(frame, {
        title: '網絡單位與聯絡人',
        section: 'contacts',
        lede: `${view.units.length} 個單位，${view.units.reduce((n, u) => n + u.contacts.length, 0)} 位聯絡人`,
        body: html`${view.units.map(
          (unit) =>
            html`<section aria-labelledby="unit-${unit.id}">
              <h2 id="unit-${unit.id}">${unit.name.zh}</h2>
              <p class="muted">受邀會議：${invitedBy(unit.id).join('、') || '無'}</p>
              ${dataTable(
                `${unit.name.zh}的聯絡人`,
                ['姓名／職稱', '電子郵件', '狀態'],
                unit.contacts.map((contact) => {
                  const domain = contact.email.split('@')[1] ?? '';
                  const placeholder = contact.placeholder || isExampleDomain(domain) || /待填/.test(contact.name);
                  return [contact.name, contact.email, placeholder ? html`<span class="tag">範例或待填</span>` : '使用中'];
                }),
              )}
            </section>`,
        )}`,
      }),
    );
  });
  return app;
}
