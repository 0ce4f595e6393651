// What the secretariat's 承辦人 reads at the top of a forwarded message: who wrote to the
// secretariat mailbox, when it arrived (Taipei time, 民國 date), and that pressing Reply answers the
// sender. The original itself travels whole as an attachment; this note repeats only its sender and
// subject, which the 承辦人 needs to decide whether to open it.
import { Temporal } from '../calendar/local-date.ts';
import { rocFormalDateTime } from '../calendar/roc-date.ts';

export type ForwardedMailFacts = {
  /** The secretariat mailbox the message was sent to. */
  mailbox: string;
  /** The county's name for the secretariat, e.g. 嘉義縣政府社會局 社會安全網幕僚. */
  secretariatName: string;
  sender: { name?: string; address: string };
  /** The original subject as the sender wrote it; may be empty. */
  subject: string;
  /** When SES stored the message: the moment it reached the mailbox. */
  receivedAt: Date;
  /** Set when the original was too large to attach: its size in bytes. */
  notAttachedBytes?: number;
};

export type ForwardNote = { subject: string; text: string };

const noSubject = '（無主旨）';

export function forwardNote(facts: ForwardedMailFacts): ForwardNote {
  const subject = oneLine(facts.subject) || noSubject;
  const sender = senderLine(facts.sender);
  const received = rocFormalDateTime(Temporal.Instant.fromEpochMilliseconds(facts.receivedAt.getTime()).toZonedDateTimeISO('UTC'));
  const original =
    facts.notAttachedBytes === undefined
      ? '原信（含其附件）附在本信，檔名「原信.eml」，按兩下即可開啟。'
      : `原信約 ${megabytes(facts.notAttachedBytes)} MB，超過可轉寄的大小，沒有附上；請回信請寄件人改寄較小的檔案，或以其他方式提供。`;
  const text = [
    `有一封信寄到${facts.secretariatName}的信箱 ${facts.mailbox}（開會通知上的聯絡信箱），系統已轉寄給您：`,
    '',
    `寄件人：${sender}`,
    `收信時間：${received}（臺北時間）`,
    `主旨：${subject}`,
    '',
    original,
    `要回信給寄件人，直接按「回覆」：回信會寄到 ${facts.sender.address}，不會寄回 ${facts.mailbox}。`,
    '',
    '（本信由系統自動轉寄。以行事曆按鈕回覆的出席與否，系統會自動登錄，不會轉寄。）',
    '',
  ].join('\n');
  return { subject: `轉寄：${subject}`, text };
}

function senderLine(sender: ForwardedMailFacts['sender']): string {
  const name = oneLine(sender.name ?? '');
  return name && name.toLowerCase() !== sender.address.toLowerCase() ? `${name} <${sender.address}>` : sender.address;
}

/** Names and subjects come from strangers: no line breaks or control characters reach the note. */
function oneLine(text: string): string {
  return text
    .replace(/\p{Cc}+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function megabytes(bytes: number): string {
  return (bytes / (1024 * 1024)).toFixed(1);
}
