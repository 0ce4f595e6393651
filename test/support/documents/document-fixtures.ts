// The documents of the Chiayi configuration's March 2026 child-protection case conference, as a
// secretariat would issue them. Names include 堃, 喆 and 峯, which the Kai font lacks.
import { loadCountyConfigFile } from '../../../functions/adapters/config/county-config-file.ts';
import { meetingNoticeDocument, type MeetingNoticeInput } from '../../../functions/documents/meeting-notice-document.ts';
import { formatDocumentNumber } from '../../../functions/documents/document-number.ts';
import type { SignInAnswer, SignInSheetInput } from '../../../functions/documents/sign-in-sheet-document.ts';
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
