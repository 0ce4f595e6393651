// 聯絡人: every network unit and its contacts as the county has them now (the configuration with
// the secretariat's roster changes), placeholders marked so they are filled in before notices go
// to nobody; and the three roster tasks, each through the console's form → preview → confirm
// (action-form.ts) and the same use cases as the JSON API and the CLI (tasks.ts):
//   /contacts/:unitId/add      新增聯絡人 (or correct one: the same id)
//   /contacts/:unitId/remove   移除聯絡人 (not the unit's last: the use case refuses, in words)
//   /contacts/:unitId/readd    恢復先前移除的聯絡人
// Ids never show: the forms offer names, their values carry the ids.
import { createHash } from 'node:crypto';
import { Hono } from 'hono';
import { html } from 'hono/html';
import { isExampleDomain } from '../../core/series/placeholders.ts';
import type { CountyView } from '../../core/series/county-view.ts';
import type { SecretariatAction } from '../../core/audit/secretariat-action.ts';
import type { PlanPreview } from '../../use-cases/secretariat/plan-preview.ts';
import { loadCountyView } from '../../use-cases/load-county-view.ts';
import {
  addContact,
  previewAddContact,
  previewReaddContact,
  previewRemoveContact,
  readdContact,
  removeContact,
} from '../../use-cases/secretariat/tasks.ts';
import { SecretariatInputError } from '../../use-cases/secretariat/secretariat-input-error.ts';
import { changeResultBody, mountAction, planPreviewBody, type ActionContext, type FormValues } from './action-form.ts';
import { consolePage } from './console-layout.ts';
import { contactLabel, dataTable, nothing, recordedAt } from './console-format.ts';
import type { ConsoleEnv, ConsoleSectionDependencies } from './console-session.ts';
import { doneAt, doneBanner } from './section-result.ts';

export function contactsRoutes(deps: ConsoleSectionDependencies): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();
  app.get('/contacts', async (c) => {
    const frame = c.get('console');
    const view = await loadCountyView(deps.table, deps.config);
    const invitedBy = (unitId: string) => view.series.filter((s) => s.invitedUnitIds.includes(unitId)).map((s) => s.name.zh);
    const current = new Set(view.units.flatMap((u) => u.contacts.map((contact) => `${u.id}#${contact.id}`)));
    const removedOf = (unitId: string) => view.removed.filter((r) => r.unitId === unitId && !current.has(`${r.unitId}#${r.contact.id}`));
    const at = `${frame.base}/contacts`;
    return c.html(
      consolePage(frame, {
        title: '網絡單位與聯絡人',
        section: 'contacts',
        lede: `${view.units.length} 個單位，${view.units.reduce((n, u) => n + u.contacts.length, 0)} 位聯絡人`,
        body: html`${await doneBanner(c, deps)}
          <nav aria-label="單位清單">
            <ul class="unit-index">
              ${view.units.map((unit) => html`<li><a href="#unit-${unit.id}">${unit.name.zh}</a></li>`)}
            </ul>
          </nav>
          ${view.units.map((unit) => {
            const removed = removedOf(unit.id);
            return html`<section aria-labelledby="unit-${unit.id}" class="unit">
              <h2 id="unit-${unit.id}">${unit.name.zh}</h2>
              <p class="muted">受邀會議：${invitedBy(unit.id).join('、') || '無'}</p>
              ${dataTable(
                `${unit.name.zh}的聯絡人`,
                ['姓名／職稱', '電子郵件', '狀態', '操作'],
                unit.contacts.map((contact) => {
                  const domain = contact.email.split('@')[1] ?? '';
                  const placeholder = contact.placeholder || isExampleDomain(domain) || /待填/.test(contact.name);
                  return [
                    contactLabel(contact),
                    contact.email,
                    placeholder ? html`<span class="tag">範例或待填</span>` : '使用中',
                    html`<a href="${at}/${unit.id}/remove?contact=${encodeURIComponent(contact.id)}" aria-label="移除 ${contact.name}"
                      >移除</a
                    >`,
                  ];
                }),
              )}
              ${
                removed.length
                  ? html`<p class="muted">
                      已移除：${removed.map(
                        (r, i) =>
                          html`${i ? '、' : ''}${r.contact.name}（${recordedAt(r.updatedAt)}）
                            <a href="${at}/${unit.id}/readd?contact=${encodeURIComponent(r.contact.id)}" aria-label="恢復 ${r.contact.name}"
                              >恢復</a
                            >`,
                      )}
                    </p>`
                  : ''
              }
              <p><a class="button" href="${at}/${unit.id}/add" aria-label="新增聯絡人至${unit.name.zh}">新增聯絡人</a></p>
            </section>`;
          })}
          ${view.units.length === 0 ? nothing('設定檔沒有網絡單位。') : ''}`,
      }),
    );
  });

  const unitOf = async (a: ActionContext) => {
    const view = await loadCountyView(deps.table, deps.config);
    const unit = view.unit(a.params.unitId ?? '');
    if (!unit)
      throw new SecretariatInputError({
        code: 'unknown-unit',
        field: 'unitId',
        status: 404,
        message: '沒有這個網絡單位，請從聯絡人頁面選擇',
      });
    return { view, unit };
  };
  // What the three roster tasks share: the plan's preview, the change's result, and the way back.
  const rosterTask = {
    showPreview: (preview: PlanPreview, a: ActionContext) => planPreviewBody(a.deps.config, preview),
    showResult: (result: { action: SecretariatAction }, a: ActionContext) => changeResultBody(a.deps.config, result.action),
    back: (a: ActionContext) => ({ href: `${a.frame.base}/contacts`, label: '回到聯絡人' }),
    resultAt: doneAt('/contacts'),
  };
  /** Remove and re-add name one of the unit's contacts (offered from the list's link) and a reason. */
  const chosenContact = (values: FormValues, a: ActionContext, what: string) => ({
    unitId: a.params.unitId ?? '',
    contactId: requireChoice(values.contactId, 'contactId', what),
    reason: values.reason ?? '',
  });
  const contactFromLink = (a: ActionContext) => ({ contactId: a.c.req.query('contact') ?? '' });

  mountAction(app, deps, {
    path: '/contacts/:unitId/add',
    title: async (a) => `新增聯絡人：${(await unitOf(a)).unit.name.zh}`,
    intro: () => html`<p>新聯絡人會收到這個單位受邀會議中已寄出的開會通知；同一代號再新增一次，就是更正該聯絡人的資料。</p>`,
    fields: () => [
      { kind: 'text', name: 'contact.name', label: '姓名', required: true, autocomplete: 'off' },
      { kind: 'text', name: 'contact.title', label: '職稱', hint: '選填，例如 科長、隊長' },
      { kind: 'email', name: 'contact.email', label: '電子郵件', required: true, hint: '公務信箱，開會通知與行事曆邀請寄到這裡' },
      {
        kind: 'text',
        name: 'contact.id',
        label: '聯絡人代號',
        hint: '選填，英文小寫、數字與連字號；留白由系統產生。更正既有聯絡人時請填原代號',
      },
    ],
    request: (values, a) => ({
      unitId: a.params.unitId ?? '',
      contact: {
        id: (values['contact.id'] ?? '').trim() || contactIdFor(a.params.unitId ?? '', values['contact.email'] ?? ''),
        name: (values['contact.name'] ?? '').trim(),
        email: (values['contact.email'] ?? '').trim(),
        ...((values['contact.title'] ?? '').trim() ? { title: values['contact.title']!.trim() } : {}),
      },
      reason: values.reason ?? '',
    }),
    preview: previewAddContact,
    confirm: addContact,
    ...rosterTask,
    confirmLabel: '確認新增',
  });

  mountAction(app, deps, {
    path: '/contacts/:unitId/remove',
    title: async (a) => `移除聯絡人：${(await unitOf(a)).unit.name.zh}`,
    intro: () => html`<p>被移除的聯絡人會收到他已受邀會議的取消通知，之後不再收到這個單位的通知。每個單位至少要保留一位聯絡人。</p>`,
    fields: async (a) => {
      const { unit } = await unitOf(a);
      return [
        {
          kind: 'select',
          name: 'contactId',
          label: '要移除的聯絡人',
          required: true,
          options: unit.contacts.map((contact) => ({ value: contact.id, label: contactLabel(contact) })),
        },
      ];
    },
    defaults: contactFromLink,
    request: (values, a) => chosenContact(values, a, '要移除的聯絡人'),
    preview: previewRemoveContact,
    confirm: removeContact,
    ...rosterTask,
    confirmLabel: '確認移除',
  });

  mountAction(app, deps, {
    path: '/contacts/:unitId/readd',
    title: async (a) => `恢復聯絡人：${(await unitOf(a)).unit.name.zh}`,
    intro: async (a) => {
      const { view, unit } = await unitOf(a);
      return html`<p>恢復先前移除的聯絡人（姓名與信箱維持移除前的資料），他會收到這個單位受邀會議中已寄出的開會通知。</p>
        ${
          removedOptions(view, unit.id).length === 0
            ? html`<p class="alert">${unit.name.zh}目前沒有先前移除的聯絡人可以恢復；要加入新的人，請用「新增聯絡人」。</p>`
            : ''
        }`;
    },
    fields: async (a) => {
      const { view, unit } = await unitOf(a);
      return [
        {
          kind: 'select',
          name: 'contactId',
          label: '要恢復的聯絡人',
          required: true,
          options: removedOptions(view, unit.id),
        },
      ];
    },
    defaults: contactFromLink,
    request: (values, a) => chosenContact(values, a, '要恢復的聯絡人'),
    preview: previewReaddContact,
    confirm: readdContact,
    ...rosterTask,
    confirmLabel: '確認恢復',
  });
  return app;
}

function removedOptions(view: CountyView, unitId: string) {
  const current = new Set(view.unit(unitId)?.contacts.map((c) => c.id) ?? []);
  return view.removed
    .filter((r) => r.unitId === unitId && !current.has(r.contact.id))
    .map((r) => ({ value: r.contact.id, label: contactLabel(r.contact) }));
}

/**
 * A new contact's id when the officer leaves it blank: from the unit and the address, so sending
 * the same confirmation twice (a double click, the back button) corrects one contact instead of
 * adding two.
 */
function contactIdFor(unitId: string, email: string): string {
  return `${unitId}-${createHash('sha256').update(email.trim().toLowerCase()).digest('hex').slice(0, 8)}`;
}

/** An empty choice is named before the use case looks anything up. */
export function requireChoice(value: string | undefined, field: string, what: string): string {
  const chosen = (value ?? '').trim();
  if (!chosen) throw new SecretariatInputError({ code: 'invalid-input', field, message: `請選擇${what}` });
  return chosen;
}
