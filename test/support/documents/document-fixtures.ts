// The documents of the Chiayi configuration's March 2026 child-protection case conference, as a
// secretariat would issue them. Names include 堃, 喆 and 峯, which the Kai font lacks.
import { loadCountyConfigFile } from '../../../functions/adapters/config/county-config-file.ts';
import { meetingNoticeDocument, type MeetingNoticeInput } from '../../../functions/documents/meeting-notice-document.ts';
import { formatDocumentNumber } from '../../../functions/documents/document-number.ts';
import type { SignInAnswer, SignInSheetInput } from '../../../functions/documents/sign-in-sheet-document.ts';
import type { MinutesDocumentInput } from '../../../functions/documents/minutes-document.ts';
import { annualPlanDocument, type AnnualPlanDocument } from '../../../functions/documents/annual-plan-document.ts';
import { annualPlan } from '../../../functions/core/annual-plan/annual-plan.ts';
import { OfficeCalendar } from '../../../functions/core/calendar/office-calendar.ts';
import { bundledCalendarYears } from '../../../functions/core/calendar/bundled-calendar.ts';
import { Temporal } from '../../../functions/core/calendar/local-date.ts';
import type { OccurrenceOverride } from '../../../functions/core/planning/override.ts';
import { testOccurrence } from '../test-occurrence.ts';

export const config = loadCountyConfigFile();
export const caseConference = config.series.find((s) => s.id === 'child-protection-case-conference')!;
export const placementPanel = config.series.find((s) => s.id === 'placement-review-panel')!;

/** Wednesday 25 March 2026 at 14:00, chaired by the police's women and children squad. */
export const marchMeeting = testOccurrence({
  seriesId: caseConference.id,
  slotKey: '2026-03',
  date: '2026-03-25',
  chairUnitId: 'police-women-children',
});

export const issuer = { name: '嘉義縣政府', address: '612401嘉義縣太保市祥和一路東段1號', fax: '(05)362-0021' };
export const secretariatContact = { name: '林志堃', phone: '(05)362-0900分機5123', email: 'safetynet@example.org' };

export function noticeInput(overrides: Partial<MeetingNoticeInput> = {}): MeetingNoticeInput {
  return {
    config,
    series: caseConference,
    occurrence: marchMeeting,
    issuer,
    contact: secretariatContact,
    issuedOn: '2026-03-04',
    documentNumber: formatDocumentNumber('府社保字第{rocYear}{seq:7}號', { rocYear: 115, sequence: 12345 }),
    meetingNumber: 2,
    observerUnitIds: ['social-child-welfare'],
    copies: ['本府社會局（社會安全網幕僚）'],
    ...overrides,
  };
}

export const notice = () => meetingNoticeDocument(noticeInput());

/** Answers to the March meeting: the police send a deputy, the NGO declines, the school has not answered. */
export const marchAnswers: SignInAnswer[] = [
  { unitId: 'social-child-protection', name: '王喆', title: '科長', attending: true },
  { unitId: 'social-child-protection', name: '陳峯', title: '社工督導', attending: true },
  { unitId: 'police-women-children', name: '李大同', title: '副隊長', deputy: true, attending: true },
  { unitId: 'health-bureau', name: '張美玲', title: '科長', attending: true },
  { unitId: 'mental-health-center', name: '黃志明', title: '主任', attending: true },
  { unitId: 'child-welfare-ngo', name: '民間團體代表（待填）', attending: false },
  { unitId: 'social-child-welfare', name: '吳淑芬', title: '科長', attending: true },
];

export function signInInput(overrides: Partial<SignInSheetInput> = {}): SignInSheetInput {
  return {
    config,
    series: caseConference,
    occurrence: marchMeeting,
    issuer: issuer.name,
    answers: marchAnswers,
    meetingNumber: 2,
    observerUnitIds: ['social-child-welfare'],
    ...overrides,
  };
}

/** The March minutes as approved: the NGO excused, the school absent, the police's deputy present. */
export const approvedMarchMinutes: MinutesDocumentInput['head'] = {
  version: 4,
  state: 'approved',
  updatedAt: '2026-03-30T06:00:00Z',
  approvedAt: '2026-03-30T06:00:00Z',
  minutes: {
    attendance: [
      { unitId: 'social-child-protection', present: true, names: ['王喆', '陳峯'] },
      { unitId: 'police-women-children', present: true, names: ['李大同'] },
      { unitId: 'health-bureau', present: true, names: ['張美玲'] },
      { unitId: 'education-department', present: false, names: [] },
      { unitId: 'mental-health-center', present: true, names: ['黃志明'] },
      { unitId: 'child-welfare-ngo', present: false, names: [] },
    ],
    summary: '上次會議決議事項均已辦理完竣，解除列管。\n本月新增提報個案3案，依分工完成評估。',
    resolutions: ['請警政與社政於下次會議前完成聯合訪視，並於會中報告。', '衛政提供心理諮商資源清單，送各網絡單位參考。'],
    actionItems: [
      { description: '完成聯合訪視並於下次會議報告', ownerUnitId: 'police-women-children', dueDate: '2026-04-15', status: 'open' },
      { description: '提供心理諮商資源清單', ownerUnitId: 'health-bureau', dueDate: '2026-04-01', status: 'done' },
    ],
  },
};

export function minutesInput(overrides: Partial<MinutesDocumentInput> = {}): MinutesDocumentInput {
  return {
    config,
    series: caseConference,
    occurrence: marchMeeting,
    head: approvedMarchMinutes,
    issuer: issuer.name,
    meetingNumber: 2,
    recorder: '林志堃',
    adjournedAt: '16:10',
    observers: [{ unitId: 'social-child-welfare', names: ['吳淑芬'] }],
    excusedUnitIds: ['child-welfare-ngo'],
    deputies: [{ unitId: 'police-women-children', name: '李大同' }],
    discussionSubjects: ['高風險家庭個案聯合訪視分工案', '心理諮商資源轉介案'],
    motions: [{ subject: '颱風季節會議改期通知方式案', resolution: '遇停止上班時由幕僚以電子郵件及電話通知，另定期召開。' }],
    ...overrides,
  };
}

/**
 * The county's plan for a year, every series planned on the bundled office calendar as of 9 January
 * of that year; in 2026 the August case conference is cancelled (a typhoon day) and the placement
 * panel adds an ad-hoc session in May.
 */
export function countyPlan(year: number): AnnualPlanDocument {
  const calendar = OfficeCalendar.from(bundledCalendarYears());
  const now = Temporal.Instant.from(`${year}-01-09T09:00+08:00`);
  const decided = { updatedBy: 'secretariat', updatedAt: `${year}-01-08T09:00:00Z` };
  const overrides: OccurrenceOverride[] =
    year === 2026
      ? [
          { seriesId: caseConference.id, slotKey: '2026-08', cancelled: true, reason: '颱風停止上班', ...decided },
          {
            seriesId: placementPanel.id,
            slotKey: 'adhoc-2026-05-14',
            adHoc: { date: '2026-05-14', start: '14:00' },
            reason: '個案需求',
            ...decided,
          },
        ]
      : [];
  // A cancellation shows in the plan once the meeting exists: the August one was already invited.
  const stored =
    year === 2026
      ? [testOccurrence({ seriesId: caseConference.id, slotKey: '2026-08', date: '2026-08-26', chairUnitId: 'education-department' })]
      : [];
  return annualPlanDocument({
    config,
    year,
    plans: config.series.map((series) => ({
      series,
      meetings: annualPlan(
        series,
        calendar,
        overrides.filter((o) => o.seriesId === series.id),
        stored.filter((o) => o.seriesId === series.id),
        year,
        now,
      ),
    })),
    generatedOn: `${year}-01-09`,
  });
}
