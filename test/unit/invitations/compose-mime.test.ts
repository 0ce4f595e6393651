// A unit name can contain anything. Whatever it holds, it must not become a header of its own.
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { composeMime, headerSafe } from '../../../functions/adapters/ses/compose-mime.ts';

const notice = { subject: '【開會通知】\r\nBcc: subject@example.com 會議', text: '內容', html: '<p>內容</p>' };

describe('composing the MIME message', () => {
  it.each([
    ['CR LF', '警察局\r\nBcc: attacker@example.com'],
    ['LF', '警察局\nBcc: attacker@example.com'],
    ['CR', '警察局\rBcc: attacker@example.com'],
    ['NUL and TAB', '警察局\u0000\tBcc: attacker@example.com'],
  ])('keeps a recipient name with %s inside its own header', async (_label, name) => {
    const raw = (
      await composeMime({
        from: { name: '社會局', address: 'safetynet@example.org' },
        to: { name, address: 'police@example.org' },
        notice,
        messageId: '<m1@example.org>',
      })
    ).toString('utf8');
    expect(raw).not.toMatch(/^Bcc:/im);
    const parsed = await simpleParser(raw);
    expect(parsed.bcc).toBeUndefined();
    expect(parsed.to && !Array.isArray(parsed.to) && parsed.to.value.map((v) => v.address)).toEqual(['police@example.org']);
    expect(parsed.subject).toBe('【開會通知】 Bcc: subject@example.com 會議');
  });

  it('encodes Chinese subjects and names so they arrive intact', async () => {
    const raw = (
      await composeMime({
        from: { name: '嘉義縣政府社會局', address: 'safetynet@example.org' },
        to: { name: '衛生局 心理健康科', address: 'health@example.org' },
        notice: { ...notice, subject: '【開會通知】強化兒少保護跨網絡合作會議' },
        messageId: '<m2@example.org>',
      })
    ).toString('utf8');
    expect(raw).toMatch(/^Subject: =\?UTF-8\?/m);
    const parsed = await simpleParser(raw);
    expect(parsed.subject).toBe('【開會通知】強化兒少保護跨網絡合作會議');
    expect(parsed.from?.value[0]?.name).toBe('嘉義縣政府社會局');
  });

  it('turns every control character run into one space', () => {
    expect(headerSafe(' a\r\n\r\nb\u0007c ')).toBe('a b c');
  });
});
