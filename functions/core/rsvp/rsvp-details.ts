// What a person may add to an answer on the link's page: who will attend for the unit when it is
// not them (代理出席), and a short note to the secretariat. Checked here before anything is
// recorded; each problem is worded in zh-TW for the field it belongs to, and the page shows the
// form again with what was typed, so nothing typed is lost.
import type { LinkAnswer } from './rsvp-links.ts';

export type RsvpDetails = {
  /** Who will attend for the unit, when not the contact themselves. */
  attendeeName?: string;
  /** A short note to the secretariat (e.g. 會晚到 30 分鐘). */
  note?: string;
};

export const rsvpDetailLimits = { attendeeName: 40, note: 200 } as const;

export type RsvpDetailField = keyof RsvpDetails;

export type RsvpDetailsCheck =
  { ok: true; details: RsvpDetails } | { ok: false; problems: Partial<Record<RsvpDetailField, { zh: string; en: string }>> };

/** Line breaks and tabs are text in a note; other control characters are not. */
const forbiddenInNote = (text: string) => [...text.replace(/[\n\t]/g, '')].some((char) => /\p{Cc}/u.test(char));

export function checkRsvpDetails(answer: LinkAnswer, typed: { attendeeName?: string | null; note?: string | null }): RsvpDetailsCheck {
  const attendeeName = (typed.attendeeName ?? '').trim();
  const note = (typed.note ?? '').replace(/\r\n?/g, '\n').trim();
  const problems: Extract<RsvpDetailsCheck, { ok: false }>['problems'] = {};

  if ([...attendeeName].length > rsvpDetailLimits.attendeeName)
    problems.attendeeName = {
      zh: `出席人員最多 ${rsvpDetailLimits.attendeeName} 個字，目前 ${[...attendeeName].length} 個字。`,
      en: `At most ${rsvpDetailLimits.attendeeName} characters.`,
    };
  else if (/\p{Cc}/u.test(attendeeName)) problems.attendeeName = { zh: '出席人員請寫在同一行，不要換行。', en: 'One line, please.' };
  else if (attendeeName && answer === 'decline')
    problems.attendeeName = {
      zh: '選擇「不克出席」時不需填寫出席人員；如有人代理出席，請按「出席」。',
      en: 'Leave this empty when declining; if someone attends in your place, choose Attend.',
    };

  if ([...note].length > rsvpDetailLimits.note)
    problems.note = {
      zh: `備註最多 ${rsvpDetailLimits.note} 個字，目前 ${[...note].length} 個字。`,
      en: `At most ${rsvpDetailLimits.note} characters.`,
    };
  else if (forbiddenInNote(note))
    problems.note = { zh: '備註含有無法顯示的控制字元，請刪除後再送出。', en: 'Remove the control characters.' };

  if (problems.attendeeName || problems.note) return { ok: false, problems };
  return { ok: true, details: { ...(attendeeName ? { attendeeName } : {}), ...(note ? { note } : {}) } };
}
