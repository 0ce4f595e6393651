// A new county's first configuration: the three meetings every county runs under the national
// programme (the child-protection case conference, the placement review panel and the
// social-labour coordination meeting), with the conventions of the 2023 Chiayi briefing and of
// the Chiayi file: zh-TW names, 14:00, the same lead times and working-day policies. What the
// briefing cannot know about another county (its units' names, people, addresses, venue, the
// first chair) is a placeholder: names end in （待填）, addresses are example.org and carry
// `"placeholder": true`, and each series lists its unconfirmed fields in `placeholders`, so
// `validate-config` lists every one of them and a deployment refuses them.
//
// Pure: the caller gives today's date (for the rotation anchor) and writes the file.
import type { Temporal } from '../../core/calendar/local-date.ts';

export type CountyTemplateInput = {
  id: string;
  /** The county's zh-TW name as people write it: 臺南市, 嘉義縣. */
  name: string;
  /** The day the file is made; the rotating chair starts at the first meeting month after it. */
  today: Temporal.PlainDate;
};

const unfilled = (text: string) => `${text}（待填）`;

/** Lead times of the Chiayi file: invitations three weeks ahead, reminders a week and a day before. */
const leadTimes = (invitationDaysBefore: number) => ({
  invitationDaysBefore,
  reminderDaysBefore: [7, 1],
  chairNoticeDaysBefore: 28,
  minutesDueDaysAfter: 14,
});

type ContactTemplate = { id: string; name: string; title?: string; mailbox: string };

function contact({ id, name, title, mailbox }: ContactTemplate) {
  return { id, name: unfilled(name), ...(title ? { title } : {}), email: `${mailbox}@example.org`, placeholder: true };
}

function unit(id: string, zh: string, en: string, system: string, contacts: ContactTemplate[]) {
  return { id, name: { zh: unfilled(zh), en }, system, contacts: contacts.map(contact) };
}

/** The nine fields of the placement panel's members, as the briefing lists them. */
const panelFields: Array<[id: string, field: string]> = [
  ['early-childhood', '幼兒教育'],
  ['special-education', '特殊教育'],
  ['counselling', '諮商輔導'],
  ['crime-prevention', '犯罪防治'],
  ['psychiatry', '精神醫學'],
  ['early-intervention', '早期療育'],
  ['occupational-therapy', '職能治療'],
  ['paediatrics', '兒科醫學'],
  ['home-childcare', '居家托育督導'],
];

/** The child-protection conference meets February to December: January is Lunar New Year. */
const childProtectionMonths = [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];

/** The first month after today in which the child-protection conference meets, as a slot key. */
function firstSlotAfter(today: Temporal.PlainDate): string {
  let month = today.toPlainYearMonth().add({ months: 1 });
  while (!childProtectionMonths.includes(month.month)) month = month.add({ months: 1 });
  return month.toString();
}

/**
 * Go-live: the first day of the month after next, so the first invitations (21 days ahead) go out
 * to meetings people can still plan for, never to one a week away.
 */
function goLiveDate(today: Temporal.PlainDate): Temporal.PlainDate {
  return today.toPlainYearMonth().add({ months: 2 }).toPlainDate({ day: 1 });
}

export function countyTemplate({ id, name, today }: CountyTemplateInput) {
  const venueId = 'main-meeting-room';
  const goLive = goLiveDate(today);
  const startsOn = goLive.toString();
  return {
    $schema: '../county-config.schema.json',
    county: { id, name: { zh: name } },
    secretariat: {
      name: { zh: unfilled(`${name}政府 社會安全網幕僚`), en: 'Social Safety Net secretariat' },
      mailbox: 'safetynet@example.org',
      // Every notice ends with this person's name and telephone: units phone, they do not write.
      contact: { name: unfilled('承辦人姓名'), phone: unfilled('電話') },
      placeholder: true,
    },
    planningHorizonMonths: 12,
    venues: [{ id: venueId, name: { zh: unfilled(`${name}政府 會議室`), en: 'Meeting room' }, placeholder: true }],
    units: [
      unit('social-child-protection', '社會局 兒少保護科', 'Social Affairs Bureau, Child Protection Section', '社政', [
        { id: 'social-cp-chief', name: '兒少保護科 科長', title: '科長', mailbox: 'child-protection.chief' },
        { id: 'social-cp-officer', name: '兒少保護科 承辦人', title: '承辦人', mailbox: 'child-protection.officer' },
      ]),
      unit('police-women-children', '警察局 婦幼警察隊', 'Police Bureau, Women and Children Protection Squad', '警政', [
        { id: 'police-wc-leader', name: '婦幼警察隊 隊長', title: '隊長', mailbox: 'women-children.squad' },
      ]),
      unit('health-bureau', '衛生局 心理健康科', 'Public Health Bureau, Mental Health Section', '衛政', [
        { id: 'health-mh-chief', name: '心理健康科 科長', title: '科長', mailbox: 'mental-health.chief' },
      ]),
      unit('education-department', '教育處 學生事務科', 'Education Department, Student Affairs Section', '教育', [
        { id: 'education-sa-chief', name: '學生事務科 科長', title: '科長', mailbox: 'student-affairs.chief' },
      ]),
      unit('mental-health-center', '社區心理衛生中心', 'Community Mental Health Center', '衛政', [
        { id: 'mhc-director', name: '社區心理衛生中心 主任', title: '主任', mailbox: 'mhc.director' },
      ]),
      unit('child-welfare-ngo', '民間兒少福利團體', 'Child welfare NGO', '民間團體', [
        { id: 'ngo-representative', name: '民間團體代表', mailbox: 'ngo.representative' },
      ]),
      unit('social-child-welfare', '社會局 兒少福利科', 'Social Affairs Bureau, Child and Youth Welfare Section', '社政', [
        { id: 'social-cw-chief', name: '兒少福利科 科長', title: '科長', mailbox: 'child-welfare.chief' },
      ]),
      unit(
        'placement-panel',
        '在地評估小組委員',
        'Local assessment panel members',
        '專家委員',
        panelFields.map(([field, zh]) => ({ id: `panel-${field}`, name: `${zh}委員`, title: zh, mailbox: `panel.${field}` })),
      ),
      unit('county-secretary-general', `${name}政府 秘書長室`, 'Office of the Secretary-General', '府級', [
        { id: 'secretary-general', name: '秘書長', title: '秘書長', mailbox: 'secretary-general' },
      ]),
      unit(
        'social-assistance',
        '社會局 社會救助科（單一窗口）',
        'Social Affairs Bureau, Social Assistance Section (single window)',
        '社政',
        [{ id: 'social-assistance-chief', name: '社會救助科 科長', title: '科長', mailbox: 'social-assistance.chief' }],
      ),
      unit('wda-branch', '勞動部勞動力發展署 轄區分署', 'Workforce Development Agency, regional branch', '勞政', [
        { id: 'wda-liaison', name: '分署 聯繫窗口', mailbox: 'wda.liaison' },
      ]),
      unit('employment-center', '就業中心', 'Employment Service Center', '勞政', [
        { id: 'employment-center-supervisor', name: '就業中心 督導', title: '督導', mailbox: 'employment-center' },
      ]),
      unit('labour-department', '勞工處', 'Labour Affairs Department', '勞政', [
        { id: 'labour-chief', name: '勞工處 承辦科長', title: '科長', mailbox: 'labour' },
      ]),
    ],
    series: [
      {
        id: 'child-protection-case-conference',
        name: { zh: '強化兒少保護跨網絡合作會議', en: 'Child-protection cross-network case conference' },
        cadence: { kind: 'monthly-nth-weekday', nth: 4, weekday: 3 },
        startsOn,
        activeMonths: childProtectionMonths,
        start: '14:00',
        durationMinutes: 120,
        venueId,
        invitedUnitIds: [
          'social-child-protection',
          'police-women-children',
          'health-bureau',
          'education-department',
          'mental-health-center',
          'child-welfare-ngo',
        ],
        chair: {
          kind: 'rotating',
          roster: ['social-child-protection', 'police-women-children', 'health-bureau', 'education-department'],
          onCancel: 'keep-turn',
          anchorSlot: firstSlotAfter(goLive.subtract({ days: 1 })),
        },
        holidayPolicy: 'nearest-working-day-same-week',
        leadTimes: leadTimes(21),
        agenda: [
          { zh: '上次會議決議及待辦事項追蹤', en: 'Follow-up of previous resolutions and action items' },
          { zh: '個案研討（個案資料於會中提供，不隨通知寄送）', en: 'Case review (case material is shared in the meeting only)' },
          { zh: '網絡合作議題討論', en: 'Cross-network cooperation issues' },
          { zh: '臨時動議', en: 'Other business' },
        ],
        discussesCases: true,
        allowAdHocSessions: false,
        minutesForm: 'standard',
        placeholders: ['start', 'venue', 'invitedUnits', 'chair'],
        note: '每月第 4 個星期三，2 月至 12 月（1 月逢春節不開）；邀請 6 個單位，社政、警政、衛政、教育輪流主持。時間、場地、受邀單位與第一位主持單位待確認。',
      },
      {
        id: 'placement-review-panel',
        name: { zh: '在地評估小組會議（兒少家外安置）', en: 'Local assessment panel for out-of-home placement' },
        cadence: { kind: 'every-n-months', intervalMonths: 4, firstMonth: 3, nth: 2, weekday: 4 },
        startsOn,
        start: '14:00',
        durationMinutes: 180,
        venueId,
        invitedUnitIds: ['social-child-welfare', 'placement-panel'],
        chair: { kind: 'fixed', unitId: 'social-child-welfare' },
        holidayPolicy: 'next-working-day',
        leadTimes: leadTimes(21),
        agenda: [
          { zh: '上次會議決議及成效追蹤表追蹤', en: 'Follow-up of resolutions and outcome follow-up forms' },
          {
            zh: '依安置類型審查提案：寄養、機構、團體家庭、親屬安置',
            en: 'Proposals by placement type: foster, institutional, group home, kinship',
          },
          { zh: '實地訪查安排', en: 'Site visit planning' },
          { zh: '臨時動議', en: 'Other business' },
        ],
        discussesCases: true,
        allowAdHocSessions: true,
        minutesForm: 'placement-review',
        placeholders: ['start', 'venue', 'cadence', 'chair'],
        note: '每四個月一次（一年三次），個案需要時加開；委員 9 位。月份、星期、時間、場地與主持單位待確認。',
      },
      {
        id: 'social-labour-employment-coordination',
        name: { zh: '社勞政聯繫會議（就業促進）', en: 'Social-labour coordination meeting for employment promotion' },
        cadence: { kind: 'semiannual', months: [6, 12], nth: 2, weekday: 2 },
        startsOn,
        start: '14:00',
        durationMinutes: 120,
        venueId,
        invitedUnitIds: ['county-secretary-general', 'social-assistance', 'wda-branch', 'employment-center', 'labour-department'],
        chair: { kind: 'fixed', unitId: 'county-secretary-general', title: '秘書長' },
        holidayPolicy: 'next-working-day',
        leadTimes: leadTimes(28),
        agenda: [
          { zh: '上次會議決議追蹤', en: 'Follow-up of previous resolutions' },
          { zh: '社政轉介就業服務辦理情形', en: 'Referrals from social assistance to employment services' },
          { zh: '三方聯合會談辦理情形', en: 'Three-party case talks' },
          { zh: '臨時動議', en: 'Other business' },
        ],
        discussesCases: false,
        allowAdHocSessions: false,
        minutesForm: 'standard',
        placeholders: ['start', 'venue', 'cadence'],
        note: '每半年一次，由秘書長主持。月份、星期、時間與場地待確認。',
      },
    ],
  };
}
