// The one page layout of the secretariat console: every console page is rendered through
// consolePage(), so every page has the same header (the county, who is signed in, 登出), the same
// navigation of the console's sections, a skip link, landmarks (banner, navigation, main) and the
// same styles. zh-TW, server-rendered, no script: the CSP allows none.
//
// Colours meet WCAG 2.1 AA (4.5:1 for text, 3:1 for focus rings and borders that carry meaning):
// text #1b1b1b on white is 17:1; links #0b4f8a on white 8.3:1; the navigation's white on #0b3d66
// 11:1; the focus ring is #ffbf47 on the dark navigation and #0b4f8a on white.
//
// From 390px (a phone) up: the navigation wraps into rows of links, cards stack in one column,
// and nothing is wider than the screen.
import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';

export type Markup = HtmlEscapedString | Promise<HtmlEscapedString>;

/** The console's sections, in the order of the navigation; `path` is below the console's base. */
export const consoleSections = [
  { id: 'home', path: '/', label: '總覽' },
  { id: 'plan', path: '/plan', label: '年度計畫' },
  { id: 'rotation', path: '/rotation', label: '輪值' },
  { id: 'contacts', path: '/contacts', label: '聯絡人' },
  { id: 'minutes', path: '/minutes', label: '會議紀錄' },
  { id: 'follow-up', path: '/follow-up', label: '待辦與追蹤' },
  { id: 'failed-notices', path: '/failed-notices', label: '寄送失敗' },
  { id: 'held-replies', path: '/held-replies', label: '非受邀者回覆' },
  { id: 'audit', path: '/audit', label: '稽核紀錄' },
  { id: 'office-calendar', path: '/office-calendar', label: '辦公日曆' },
] as const;

export type ConsoleSectionId = (typeof consoleSections)[number]['id'];

/** Who is signed in, as the header shows them, and what their forms must carry. */
export type SignedInOfficer = { displayName: string; csrfToken: string };

export type ConsolePageFrame = {
  countyName: string;
  /** The console's base path, e.g. /c/chiayi-county/console (no trailing slash). */
  base: string;
  /** Absent on pages shown without a session (signed out, sign-in refused): no navigation then. */
  officer?: SignedInOfficer;
};

export type ConsolePageContent = {
  /** The page's h1, also the start of the document title. */
  title: string;
  /** Which navigation entry is current; none for pages outside the sections (a meeting's page). */
  section?: ConsoleSectionId;
  body: Markup;
  /** A line under the title, e.g. the date the overview is for. */
  lede?: Markup | string;
};

/** The hidden field every console form carries; the session middleware refuses a change without it. */
export function csrfField(officer: SignedInOfficer): Markup {
  return html`<input type="hidden" name="_csrf" value="${officer.csrfToken}" />`;
}

export function consolePage(frame: ConsolePageFrame, content: ConsolePageContent): Markup {
  const { officer, base } = frame;
  const product = `${frame.countyName}社會安全網會議｜幕僚工作台`;
  return html`<!doctype html>
    <html lang="zh-Hant-TW">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex, nofollow" />
        <title>${content.title}｜${product}</title>
        <style>
          ${raw(styles)}
        </style>
      </head>
      <body>
        <a class="skip" href="#main">跳到主要內容</a>
        <header class="banner">
          <div class="banner-inner">
            <p class="product">${officer ? html`<a href="${base}/">${product}</a>` : product}</p>
            ${
              officer
                ? html`<div class="who">
                    <span>已登入：<strong>${officer.displayName}</strong></span>
                    <form method="post" action="${base}/sign-out">
                      ${csrfField(officer)}
                      <button type="submit" class="quiet">登出</button>
                    </form>
                  </div>`
                : ''
            }
          </div>
          ${
            officer
              ? html`<nav aria-label="幕僚工作台">
                  <ul>
                    ${consoleSections.map(
                      (s) =>
                        html`<li>
                          <a href="${base}${s.path}" ${s.id === content.section ? html`aria-current="page"` : ''}>${s.label}</a>
                        </li>`,
                    )}
                  </ul>
                </nav>`
              : ''
          }
        </header>
        <main id="main" tabindex="-1">
          <h1>${content.title}</h1>
          ${content.lede ? html`<p class="lede">${content.lede}</p>` : ''} ${content.body}
        </main>
        <footer>
          <p>本系統頁面不含個案資料；會議紀錄僅限受邀單位與幕僚閱覽。</p>
        </footer>
      </body>
    </html>`;
}

// Flush left, and its comments outside it: the string is sent and bundled as written (esbuild
// minifies no string, and joins the parts), and indentation and CSS comments cost every console
// function about 500 bytes of its 150 KB (issue 13, lean Lambdas).
const styles =
  `
:root { --ink: #1b1b1b; --muted: #4a4a4a; --line: #b1b4b6; --link: #0b4f8a; --nav: #0b3d66; --focus: #ffbf47;
  --warn-bg: #fff4e5; --warn-line: #b45d00; --bad-bg: #fdecea; --bad-line: #b3261e; --ok-bg: #e8f4ea; --ok-line: #1e6b34; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; color: var(--ink); background: #fff; font-size: 16px; line-height: 1.6;
  font-family: system-ui, -apple-system, 'Segoe UI', 'Noto Sans TC', 'Noto Sans CJK TC', 'Microsoft JhengHei', sans-serif; }
a { color: var(--link); text-underline-offset: 0.15em; }
a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, textarea:focus-visible, summary:focus-visible {
  outline: 3px solid var(--link); outline-offset: 2px; }
.skip { position: absolute; left: 0.5rem; top: -3rem; padding: 0.5rem 0.75rem; background: #fff; color: var(--link); z-index: 10; }
.skip:focus { top: 0.5rem; }
.banner { background: var(--nav); color: #fff; }
.banner a { color: #fff; }
.banner a:focus-visible, .banner button:focus-visible { outline-color: var(--focus); }
.banner-inner { max-width: 72rem; margin: 0 auto; padding: 0.6rem 1rem; display: flex; flex-wrap: wrap; gap: 0.25rem 1rem;
  align-items: center; justify-content: space-between; }
.product { margin: 0; font-weight: 700; font-size: 1.05rem; }
.product a { text-decoration: none; }
.who { display: flex; align-items: center; gap: 0.75rem; flex-wrap: wrap; }
.who form { margin: 0; }
button.quiet { font: inherit; color: #fff; background: transparent; border: 1px solid #fff; border-radius: 4px; padding: 0.15rem 0.75rem;
  min-height: 2.25rem; cursor: pointer; }
.banner nav { background: #082c4a; }
.banner nav ul { list-style: none; margin: 0 auto; padding: 0 0.5rem; max-width: 72rem; display: flex; flex-wrap: wrap; }
.banner nav a { display: block; padding: 0.55rem 0.6rem; text-decoration: none; border-bottom: 4px solid transparent; min-height: 2.75rem; }
.banner nav a:hover { text-decoration: underline; }
.banner nav a[aria-current='page'] { border-bottom-color: var(--focus); font-weight: 700; }
main { display: block; max-width: 72rem; margin: 0 auto; padding: 1rem 1rem 2rem; }
main:focus { outline: none; }
h1 { font-size: 1.6rem; margin: 0.5rem 0 0.25rem; line-height: 1.3; }
h2 { font-size: 1.25rem; margin: 1.75rem 0 0.5rem; line-height: 1.35; }
h3 { font-size: 1.05rem; margin: 0 0 0.25rem; }
.lede { color: var(--muted); margin: 0 0 1rem; }
.muted { color: var(--muted); }
footer { max-width: 72rem; margin: 0 auto; padding: 1rem; border-top: 1px solid var(--line); color: var(--muted); font-size: 0.9rem; }
.cards { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.75rem; grid-template-columns: repeat(auto-fill, minmax(min(100%, 20rem), 1fr)); }
.card { border: 1px solid var(--line); border-radius: 6px; padding: 0.75rem 0.9rem; background: #fff; }
.card .when { font-weight: 700; font-size: 1.1rem; }
.card dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.1rem 0.75rem; margin: 0.4rem 0 0; }
.card dt { color: var(--muted); }
.card dd { margin: 0; overflow-wrap: anywhere; }
.tag { display: inline-block; font-size: 0.85rem; padding: 0 0.4rem; border-radius: 3px; border: 1px solid var(--warn-line);
  color: #7a3e00; background: var(--warn-bg); margin-left: 0.25rem; }
.alerts { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.6rem; }
.alert { border-left: 6px solid var(--warn-line); background: var(--warn-bg); padding: 0.6rem 0.9rem; border-radius: 0 4px 4px 0; }
.alert.bad { border-left-color: var(--bad-line); background: var(--bad-bg); }
.alert h3 { margin: 0 0 0.2rem; }
.alert ul { margin: 0.25rem 0 0; padding-left: 1.25rem; }
.alert p { margin: 0.2rem 0; }
details { margin: 0.3rem 0; }
summary { cursor: pointer; color: var(--link); text-decoration: underline; min-height: 1.75rem; }
.ok { border-left: 6px solid var(--ok-line); background: var(--ok-bg); padding: 0.6rem 0.9rem; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 0.4rem 0.5rem; border-bottom: 1px solid var(--line); }
th { background: #f3f2f1; }
table.stack { margin: 0.5rem 0 1rem; }
td.nowrap { white-space: nowrap; }
caption { text-align: left; font-weight: 700; padding: 0.25rem 0; }
td s { color: var(--muted); }
.pager { display: flex; gap: 1.5rem; margin: 0.5rem 0; }
.filter { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; margin: 0.5rem 0 1rem; }
select { font: inherit; padding: 0.3rem; min-height: 2.75rem; max-width: 100%; border: 2px solid #505a5f; border-radius: 4px; }
.button, button.primary { display: inline-block; font: inherit; color: #fff; background: var(--link); border: 2px solid var(--link);
  border-radius: 4px; padding: 0.35rem 1rem; min-height: 2.75rem; text-decoration: none; cursor: pointer; }
` +
  // Action forms and previews (action-form.ts).
  `.action-form { max-width: 40rem; }
.field { margin: 0 0 1.1rem; }
.field label { display: block; font-weight: 700; }
.field .required { font-weight: 400; color: var(--muted); }
.field .hint { margin: 0.1rem 0 0.3rem; color: var(--muted); font-size: 0.95rem; }
.field input[type=text], .field input[type=date], .field input[type=time], .field input[type=email], .field textarea, .field select {
  font: inherit; width: 100%; max-width: 100%; min-height: 2.75rem; padding: 0.35rem 0.5rem; border: 2px solid #505a5f; border-radius: 4px; }
.field.invalid { border-left: 5px solid var(--bad-line); padding-left: 0.75rem; }
.field.invalid input, .field.invalid select, .field.invalid textarea { border-color: var(--bad-line); }
.field-error { color: var(--bad-line); font-weight: 700; margin: 0.2rem 0 0.3rem; }
.field.check { display: grid; grid-template-columns: 2rem 1fr; align-items: start; column-gap: 0.5rem; }
.field.check .field-error, .field.check .hint { grid-column: 1 / -1; }
.field.check .hint { grid-column: 2; }
.field.check input { width: 1.75rem; height: 1.75rem; margin: 0; }
.field.check label { font-weight: 400; }
.actions { display: flex; flex-wrap: wrap; gap: 0.75rem 1.25rem; align-items: center; margin: 1.25rem 0 0.5rem; }
.actions form { margin: 0; }
button.secondary { font: inherit; color: var(--link); background: #fff; border: 2px solid var(--link); border-radius: 4px;
  padding: 0.35rem 1rem; min-height: 2.75rem; cursor: pointer; }
.error-summary:focus { outline: 3px solid var(--bad-line); }
.changes, .told { padding-left: 1.25rem; }
.changes li, .told li { margin: 0.3rem 0; overflow-wrap: anywhere; }
.changes ul { padding-left: 1.25rem; margin: 0.2rem 0; }
.changes p { margin: 0.2rem 0; }
.reason { white-space: pre-wrap; overflow-wrap: anywhere; border-left: 4px solid var(--line); padding-left: 0.75rem; }
` +
  // A meeting's page (meeting-page.ts).
  `dl.facts { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 0.2rem 1rem; margin: 0.5rem 0 1rem; }
dl.facts dt { color: var(--muted); font-weight: 700; }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
.action-links, .downloads { list-style: none; margin: 0.5rem 0; padding: 0; display: flex; flex-wrap: wrap; gap: 0.6rem; }
.downloads a { display: inline-block; padding: 0.5rem 0.25rem; min-height: 2.75rem; }
.button.secondary-link { color: var(--link); background: #fff; }
.history { padding-left: 1.5rem; }
.history li { margin: 0 0 0.75rem; }
.history p { margin: 0.1rem 0; overflow-wrap: anywhere; }
.bad-text { color: var(--bad-line); }
.notice-states { list-style: none; margin: 0; padding: 0; }
.nowrap { white-space: nowrap; }
.ok.done { margin: 0.75rem 0 1.25rem; }
.told-people { columns: 18rem auto; column-gap: 2rem; padding-left: 1.25rem; margin: 0.2rem 0 0.5rem; }
.told-people li { break-inside: avoid; margin: 0.1rem 0; }
.button.danger { color: var(--bad-line); background: #fff; border-color: var(--bad-line); }
` +
  // The sections' own lists (contacts, minutes, failed notices).
  `.row-actions { list-style: none; margin: 0; padding: 0; }
.row-actions li { margin: 0 0 0.25rem; }
.unit-index { list-style: none; margin: 0 0 1rem; padding: 0; display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem; margin: 0 0 1rem; }
.facts dt { color: var(--muted); }
.facts dd { margin: 0; overflow-wrap: anywhere; }
@media (min-width: 40rem) { .audit-trail td:nth-child(3), .audit-trail td:nth-child(4) { min-width: 9em; } }
.link-output { font: inherit; width: 100%; overflow-wrap: anywhere; word-break: break-all; resize: vertical; min-height: 2.75rem; padding: 0.35rem 0.5rem; border: 2px solid #505a5f; border-radius: 4px; }
@media (max-width: 40rem) {
  table.stack thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  table.stack, table.stack tbody { display: block; }
  table.stack caption { display: block; }
  table.stack tr { display: block; border: 1px solid var(--line); border-radius: 6px; margin: 0 0 0.6rem; padding: 0.35rem 0.6rem; }
  table.stack td { display: grid; grid-template-columns: 5.5em minmax(0, 1fr); gap: 0.5rem; border: 0; padding: 0.15rem 0; white-space: normal; overflow-wrap: anywhere; }
  table.stack td::before { content: attr(data-label); color: var(--muted); font-weight: 700; }
  table.stack td:empty { display: none; }
  h1 { font-size: 1.35rem; }
  .banner-inner { padding: 0.5rem 0.75rem; }
  .banner nav ul { padding: 0 0.25rem; }
  .banner nav a { padding: 0.45rem 0.5rem; }
  main { padding: 0.75rem 0.75rem 1.5rem; }
}
`;
