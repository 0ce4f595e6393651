import { describe, expect, it } from 'vitest';
import { minutesFormPage, minutesReadPage } from '../../../functions/http/minutes-pages.ts';
import type { Occurrence } from '../../../functions/core/planning/occurrence.ts';
import type { MinutesHead } from '../../../functions/core/minutes/minutes-record.ts';
import { caseConference, completeMinutes, config, meetingDate, placementPanel } from './minutes-fixtures.ts';
import { countyView } from '../../../functions/core/series/county-view.ts';
import { formProblems } from '../../../functions/core/minutes/minutes-problems.ts';
import { minutesContentSchema } from '../../../functions/core/minutes/minutes-schema.ts';
import { checkMinutes } from '../../../functions/core/minutes/minutes-rules.ts';

const view = countyView(config);
import { testOccurrence } from '../../support/test-occurrence.ts';

const occurrence: Occurrence = testOccurrence({ seriesId: caseConference.id, slotKey: '2026-03', date: meetingDate, uid: 'uid@test' });
/** The minutes deadline the route works out (a working day); the page only shows it. */
const dueDate = '2026-04-08';
const payload = '<script>window.__pwned=1</script><img src=x onerror=alert(1)>';
const minutes = { ...completeMinutes(), summary: `摘要 ${payload}`, resolutions: [payload, '"quoted" & \'single\''] };
const head: MinutesHead = {
  seriesId: occurrence.seriesId,
  slotKey: '2026-03',
  state: 'distributed',
  version: 7,
  minutes,
  meetingDate,
  chairUnitId: occurrence.chairUnitId,
  updatedAt: '',
  updatedBy: { kind: 'secretariat', subject: 's', via: 'jwt:x' },
};

describe('minutes pages', () => {
  it('escape every value on the read page: a <script> is text', async () => {
    const page = String(await minutesReadPage({ view, series: caseConference, occurrence, head, minutes, dueDate }));
    expect(page).not.toContain('<script');
    expect(page).not.toContain('<img');
    expect(page).toContain('&lt;script&gt;window.__pwned=1&lt;/script&gt;');
    expect(page).toContain('&quot;quoted&quot; &amp; &#39;single&#39;');
  });

  it('escape every value in the form, inside textareas too', async () => {
    const page = String(
      await minutesFormPage({
        view,
        series: caseConference,
        occurrence,
        head: undefined,
        dueDate,
        minutes,
        expectedVersion: 0,
        action: '/minutes/x/y/z',
      }),
    );
    expect(page).not.toContain('<script');
    expect(page).toMatch(/<textarea\s+id="f-resolutions-0"\s+name="resolutions.0"\s+rows="3"\s+maxlength="1000"\s*>\s*&lt;script&gt;/);
    // No script in the page: the form is plain HTML that posts without JavaScript.
    expect(page).not.toMatch(/<script|<[a-z][^>]*\son[a-z]+=|javascript:/i);
    expect(page).toContain('<form method="post" action="/minutes/x/y/z"');
  });

  it('offer one attendance entry per invited unit and blank rows to add more', async () => {
    const page = String(
      await minutesFormPage({
        view,
        series: caseConference,
        occurrence,
        head: undefined,
        dueDate,
        minutes: { attendance: [], summary: '', resolutions: [], actionItems: [] },
        expectedVersion: 0,
        action: '/m',
      }),
    );
    for (const [index, unitId] of caseConference.invitedUnitIds.entries()) {
      expect(page).toContain(`name="attendance.${index}.unitId" value="${unitId}"`);
    }
    expect(page).toContain('name="resolutions.2"');
    expect(page).toContain('name="actionItems.2.dueDate"');
    expect(page).not.toContain('proposals.foster.caseCount');
  });

  it('loads only its one same-origin script, and hides the add-row buttons until that script shows them', async () => {
    const page = String(
      await minutesFormPage({
        view,
        series: caseConference,
        occurrence,
        head: undefined,
        dueDate,
        minutes: completeMinutes(),
        expectedVersion: 0,
        action: '/c/chiayi-county/minutes/x/y/z',
        scriptSrc: '/c/chiayi-county/assets/minutes-form.js',
      }),
    );
    expect(page.match(/<script[^>]*>/g)).toEqual(['<script src="/c/chiayi-county/assets/minutes-form.js" defer>']);
    expect(page).toMatch(/<script src="[^"]+" defer><\/script>/);
    expect(page.match(/<button type="button" class="add-row" data-add-row hidden>/g)).toHaveLength(2);
    expect(page).not.toMatch(/<[a-z][^>]*\son[a-z]+=|javascript:/i);
  });

  it('puts each refused field\u2019s zh-TW problem under the field and in a summary that links to it', async () => {
    const minutes = completeMinutes();
    minutes.actionItems[1]!.dueDate = '2026-03-01';
    minutes.summary = '';
    const problems = formProblems({
      minutes,
      series: caseConference,
      view,
      rules: checkMinutes(minutes, { config, series: caseConference, meetingDate, purpose: 'submit' }),
    });
    const page = String(
      await minutesFormPage({
        view,
        series: caseConference,
        occurrence,
        head: undefined,
        dueDate,
        minutes,
        expectedVersion: 0,
        action: '/m',
        problems,
      }),
    );
    expect(page).toContain('尚未儲存：請修正下列 2 處後再儲存。');
    expect(page).toContain(
      '<a href="#f-actionItems-1-dueDate">待辦事項2 完成期限：完成期限不可早於會議當天 115年3月25日（星期三），也不可晚於兩年後。</a>',
    );
    expect(page).toContain('<a href="#f-summary">會議摘要：送出前請填寫會議摘要。</a>');
    expect(page).toMatch(/<p class="field-error" id="f-actionItems-1-dueDate-error">完成期限不可早於/);
    expect(page).toMatch(/id="f-actionItems-1-dueDate"[^>]*aria-describedby="f-actionItems-1-dueDate-error"\s+aria-invalid="true"/);
    // What was typed stays.
    expect(page).toContain('value="2026-03-01"');
    expect(page).not.toMatch(/actionItems\.1\.dueDate:|police-women-children:/);
  });

  it('turns schema problems into zh-TW at their fields, naming units by name', () => {
    const typed = {
      attendance: [{ unitId: 'police-women-children', present: true, names: ['x'.repeat(41)] }],
      summary: '',
      resolutions: ['決議'],
      actionItems: [{ description: '回報', ownerUnitId: '', dueDate: '2026-02-30', status: 'open' }],
    };
    const parsed = minutesContentSchema.safeParse(typed);
    expect(parsed.success).toBe(false);
    const problems = formProblems({ minutes: typed as never, series: caseConference, view, issues: parsed.error!.issues });
    expect(problems.map((p) => [p.field, p.label, p.zh])).toEqual([
      ['attendance.1.names', '警察局 婦幼警察隊 出席人員', '每位出席人員的姓名最多 40 個字，請精簡。'],
      ['actionItems.0.ownerUnitId', '待辦事項1 負責單位', '請選擇單位。'],
      ['actionItems.0.dueDate', '待辦事項1 完成期限', '這一天不存在，請重新選擇日期。'],
    ]);
  });

  it('records a committee member by member and shows the quorum', async () => {
    const members = config.units.find((u) => u.id === 'placement-panel')!.contacts;
    const minutes = {
      attendance: [
        {
          unitId: 'placement-panel',
          present: true,
          names: [],
          members: members.slice(0, 6).map((m) => ({ contactId: m.id, present: true })),
        },
      ],
      summary: '',
      resolutions: [],
      actionItems: [],
    };
    const panelOccurrence = testOccurrence({
      seriesId: placementPanel.id,
      slotKey: '2026-03',
      date: '2026-03-12',
      chairUnitId: 'social-child-welfare',
    });
    const page = String(
      await minutesFormPage({
        view,
        series: placementPanel,
        occurrence: panelOccurrence,
        head: undefined,
        dueDate,
        minutes,
        expectedVersion: 0,
        action: '/m',
        followUpDueDate: '2026-07-08',
      }),
    );
    for (const member of members) expect(page).toContain(`name="attendance.1.members.${member.id}"`);
    expect(page).not.toContain('name="attendance.1.present"');
    expect(page).toContain('出席 6 位／委員 9 位，法定出席人數 5 位：已達法定出席人數');
    // Follow-up forms: due the day before the next panel, owed by the chair unit until the chair names another.
    expect(page).toMatch(/name="followUp.foster.dueDate"\s+value="2026-07-08"/);
    expect(page).toMatch(
      /name="followUp.foster.ownerUnitId"[^>]*>\s*<option value="">（請選擇）<\/option>\s*<option value="social-child-welfare" selected>/,
    );
    expect(page).toContain('繳交期限預設為下次會議前一天（115年7月8日（星期三））');
  });
});
