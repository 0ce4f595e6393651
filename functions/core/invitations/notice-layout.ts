// One notice's paragraphs as its three readers see them: the plain-text part (zh-TW, then English,
// every link written out), the HTML part (links as buttons a finger can hit, never a 300-character
// token), and the calendar DESCRIPTION (no personal link at all: a forwarded meeting must not
// forward the right to answer for the unit, or to write its minutes).
import { escapeHtml } from './escape-html.ts';

/**
 * A personal link. `primary` and `secondary` are buttons in HTML (出席 / 不克出席, the minutes
 * form); `link` is an ordinary link line (the 開會通知單 download).
 */
export type NoticeLink = { label: string; url: string; as: 'primary' | 'secondary' | 'link' };

export type NoticeLine = string | NoticeLink;

export type Paragraph = {
  zh: NoticeLine[];
  en: NoticeLine[];
  /** Left out of the calendar DESCRIPTION (the headline, which says "this message"). */
  notInCalendar?: boolean;
};

type Language = 'zh' | 'en';

export function plainText(paragraphs: readonly Paragraph[]): string {
  const part = (language: Language) => paragraphs.map((p) => p[language].map((line) => textLine(line, language)).join('\n')).join('\n\n');
  return `${part('zh')}\n\n----- English -----\n\n${part('en')}\n`;
}

function textLine(line: NoticeLine, language: Language): string {
  if (typeof line === 'string') return line;
  const colon = language === 'zh' ? '：' : ': ';
  return `${line.as === 'link' ? '' : '  '}${line.label}${colon}${line.url}`;
}

/**
 * The DESCRIPTION: the meeting's facts, without the paragraphs that only make sense in the message
 * itself, and without any paragraph that holds a personal link (its words, "please reply:", mean
 * nothing without it). Whoever the meeting is forwarded to learns when and where it is, and
 * nothing that answers or opens anything in the unit's name.
 */
export function calendarDescription(paragraphs: readonly Paragraph[]): string {
  const isText = (line: NoticeLine): line is string => typeof line === 'string';
  return plainText(paragraphs.filter((p) => !p.notInCalendar && p.zh.every(isText) && p.en.every(isText)));
}

// Colours with WCAG AA contrast for their text (white on #1b5e20 is 7.9:1, #1f1f1f on white 16:1,
// the outline #5f6368 on white 6.0:1) and the inline styles Outlook's Word engine honours: the
// button is a table cell with a height and a background colour, the link inside it carries the
// text style, because Outlook ignores padding and display on <a>.
const buttonStyles = {
  primary: { background: '#1b5e20', border: '#1b5e20', color: '#ffffff' },
  secondary: { background: '#ffffff', border: '#5f6368', color: '#1f1f1f' },
} as const;

const fontStack = "'Microsoft JhengHei','PingFang TC','Noto Sans TC',Arial,sans-serif";

export function htmlBody(title: string, paragraphs: readonly Paragraph[]): string {
  const part = (language: Language) => paragraphs.map((p) => htmlParagraph(p[language])).join('');
  return [
    '<!doctype html><html lang="zh-Hant-TW"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title></head>`,
    `<body style="margin:0;padding:16px;background-color:#ffffff;color:#1f1f1f;font-family:${fontStack};font-size:16px;line-height:1.6">`,
    `<div lang="zh-Hant-TW">${part('zh')}</div>`,
    '<hr style="border:0;border-top:1px solid #767676;margin:24px 0">',
    `<div lang="en">${part('en')}</div>`,
    '</body></html>',
  ].join('');
}

/** Text lines as one <p>; a run of buttons as one row of buttons; a link line as its own <p>. */
function htmlParagraph(lines: readonly NoticeLine[]): string {
  const out: string[] = [];
  let text: string[] = [];
  let buttons: NoticeLink[] = [];
  const flush = () => {
    if (text.length > 0) out.push(`<p style="margin:0 0 12px">${text.join('<br>')}</p>`);
    if (buttons.length > 0) out.push(buttonRow(buttons));
    text = [];
    buttons = [];
  };
  for (const line of lines) {
    if (typeof line === 'string') {
      if (buttons.length > 0) flush();
      text.push(linkify(escapeHtml(line)));
    } else if (line.as === 'link') {
      flush();
      out.push(`<p style="margin:0 0 12px"><a href="${escapeHtml(line.url)}" style="color:#0b57d0">${escapeHtml(line.label)}</a></p>`);
    } else {
      if (text.length > 0) flush();
      buttons.push(line);
    }
  }
  flush();
  return out.join('');
}

function buttonRow(buttons: readonly NoticeLink[]): string {
  const cells = buttons.map((button) => {
    const style = buttonStyles[button.as === 'secondary' ? 'secondary' : 'primary'];
    return [
      `<td align="center" valign="middle" height="44" bgcolor="${style.background}" style="height:44px;padding:0 24px;`,
      `background-color:${style.background};border:2px solid ${style.border};border-radius:6px">`,
      `<a href="${escapeHtml(button.url)}" style="display:inline-block;line-height:44px;font-family:${fontStack};font-size:17px;`,
      `font-weight:bold;color:${style.color};text-decoration:none">${escapeHtml(button.label)}</a></td>`,
    ].join('');
  });
  const gap = '<td width="12" style="width:12px;font-size:0;line-height:0">&nbsp;</td>';
  return [
    '<table role="presentation" border="0" cellspacing="0" cellpadding="0" style="border-collapse:separate;margin:0 0 16px">',
    `<tr>${cells.join(gap)}</tr></table>`,
  ].join('');
}

/** Links typed into the configuration (a venue's online meeting), already escaped, become anchors. */
function linkify(escaped: string): string {
  return escaped.replace(/https?:\/\/[^\s<（）]+/g, (url) => `<a href="${url}" style="color:#0b57d0">${url}</a>`);
}
