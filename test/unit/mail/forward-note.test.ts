// The note on top of a forwarded plain e-mail, as the 承辦人 reads it: who wrote, when (Taipei,
// 民國), about what, and that Reply answers the sender.
import { describe, expect, it } from 'vitest';
import { forwardNote, type ForwardedMailFacts } from '../../../functions/core/mail/forward-note.ts';

const facts: ForwardedMailFacts = {
  mailbox: 'safetynet@chiayi.example.org',
  secretariatName: '嘉義縣政府社會局 社會安全網幕僚',
  sender: { name: '王小明', address: 'wang@police.example.org' },
  subject: '請問會議地點',
  // 2026-12-31 23:30 UTC is already 2027-01-01 07:30 in Taipei: 民國116年.
  receivedAt: new Date('2026-12-31T23:30:00Z'),
};

describe('forwardNote', () => {
  it('names the sender, the Taipei time of arrival as a 民國 date, the subject and the mailbox', () => {
    const note = forwardNote(facts);
    expect(note.subject).toBe('轉寄：請問會議地點');
    expect(note.text.split('\n').slice(0, 5)).toEqual([
      '有一封信寄到嘉義縣政府社會局 社會安全網幕僚的信箱 safetynet@chiayi.example.org（開會通知上的聯絡信箱），系統已轉寄給您：',
      '',
      '寄件人：王小明 <wang@police.example.org>',
      '收信時間：116年1月1日（星期五）上午7時30分（臺北時間）',
      '主旨：請問會議地點',
    ]);
    expect(note.text).toContain('原信（含其附件）附在本信');
    expect(note.text).toContain('回信會寄到 wang@police.example.org');
    expect(note.text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });

  it('gives a message without a subject a subject a person can read', () => {
    expect(forwardNote({ ...facts, subject: '  ' }).subject).toBe('轉寄：（無主旨）');
  });

  it('keeps a stranger’s line breaks and control characters out of the subject and the note', () => {
    const note = forwardNote({
      ...facts,
      subject: '第一行\r\nBcc: x@example.org',
      sender: { name: '王\n小明\u0007', address: facts.sender.address },
    });
    expect(note.subject).toBe('轉寄：第一行 Bcc: x@example.org');
    expect(note.text).toContain('寄件人：王 小明 <wang@police.example.org>');
  });

  it('shows the address alone when the sender gave no name', () => {
    expect(forwardNote({ ...facts, sender: { address: facts.sender.address } }).text).toContain('寄件人：wang@police.example.org\n');
  });

  it('says so when the original was too large to attach, and how large it was', () => {
    const note = forwardNote({ ...facts, notAttachedBytes: 15 * 1024 * 1024 + 200_000 });
    expect(note.text).toContain('原信約 15.2 MB，超過可轉寄的大小，沒有附上');
    expect(note.text).not.toContain('原信.eml');
  });
});
