// How a browser is told the file's name: RFC 6266 with RFC 8187's filename*, read back the way a
// client reads it (percent-decoding UTF-8), and an ASCII stand-in for clients without filename*.
import { describe, expect, it } from 'vitest';
import { attachment } from '../../../functions/http/content-disposition.ts';

const parse = (header: string) => ({
  fallback: /filename="([^"]*)"/.exec(header)?.[1],
  name: decodeURIComponent(/filename\*=UTF-8''([^;\s]+)/.exec(header)?.[1] ?? ''),
});

describe('Content-Disposition', () => {
  it.each([
    ['115年度第二次強化兒少保護跨網絡合作會議開會通知單（更正）.pdf', 'meeting-notice-x-2026-03-2.pdf'],
    ["嘉義縣 115年度 (草稿) 'A*B'.xlsx", 'annual plan 2026.xlsx'],
    ['峯喆堃.odt', '../../etc/passwd'],
  ])('keeps %s whole in filename*, with a safe ASCII filename', (name, ascii) => {
    const header = attachment(name, ascii);
    expect(header).toMatch(/^attachment; filename="[A-Za-z0-9._-]+"; filename\*=UTF-8''[A-Za-z0-9%!#$&+.^_`|~-]+$/);
    expect(parse(header).name).toBe(name);
    expect(parse(header).fallback).not.toContain('/');
  });

  it('never lets a quote, a semicolon or a line break out of the header value', () => {
    const header = attachment('a";\r\nSet-Cookie: x=1.pdf', 'a";\r\nx.pdf');
    expect(header).not.toMatch(/[\r\n]/);
    expect(header.match(/"/g)).toHaveLength(2);
    expect(parse(header).name).toBe('a";\r\nSet-Cookie: x=1.pdf');
  });
});
