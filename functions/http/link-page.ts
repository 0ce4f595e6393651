// The page a link from an e-mail opens (an invitation's accept/decline link, its 開會通知單 link),
// including the zh-TW page that refuses a link: one document shell, so every such page keeps the
// same head. The referrer and robots rules matter more than the looks: the token is in the URL, so
// the page must not pass it on in a Referer header nor be indexed. Each page adds its own styles
// (static text from our code, never data) and body; every value in the body is escaped by hono/html.
import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';

export type Markup = HtmlEscapedString | Promise<HtmlEscapedString>;

export function linkPage(page: { title: string; styles?: string; body: Markup }): Markup {
  return html`<!doctype html>
    <html lang="zh-Hant-TW">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <meta name="robots" content="noindex, nofollow" />
        <title>${page.title}</title>
        <style>
          body {
            font-family: system-ui, 'Noto Sans TC', sans-serif;
            margin: 1rem auto;
            max-width: 40rem;
            padding: 0 1rem;
            line-height: 1.6;
            color: #1a1a1a;
            background: #fff;
          }
          h1 {
            font-size: 1.5rem;
            line-height: 1.3;
          }
          [lang='en'] {
            color: #4a4a4a;
          }
          ${raw(page.styles ?? '')}
        </style>
      </head>
      <body>
        ${page.body}
      </body>
    </html>`;
}
