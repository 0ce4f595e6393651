// Real URLs of every audience, and the HTTP function that serves each in AWS: the gateway-routing test
// sends them through API Gateway's route selection, test/integration/gateway-handlers.test.ts to the
// handler it picks.
export const c = '/c/chiayi-county';
const token = 'eyJzIjoiY2hpbGQtcHJvdGVjdGlvbiJ9.c2lnbmF0dXJl';
const meeting = 'child-protection-case-conference/2026-03';

/** Real URLs of every audience, and the function that serves each. */
export const expected: Record<string, Array<[method: string, path: string]>> = {
  'http-links': [
    ['GET', '/'],
    ['GET', c],
    ['GET', `${c}/`],
    ['GET', `${c}/rsvp/${token}`],
    ['POST', `${c}/rsvp/${token}`],
    ['GET', `${c}/documents/notice/${token}`],
    // The home with a slash, should the greedy variable not match an empty remainder: the links
    // function sends it to /c/<county>/console (test/integration/console-home-route.test.ts).
    ['GET', `${c}/console/`],
  ],
  'http-chair-minutes': [
    ['GET', `${c}/minutes/${meeting}/${token}`],
    ['POST', `${c}/minutes/${meeting}/${token}`],
    ['GET', `${c}/api/minutes/${meeting}/${token}`],
    ['PUT', `${c}/api/minutes/${meeting}/${token}`],
    ['GET', `${c}/assets/minutes-form.js`],
    ['HEAD', `${c}/assets/minutes-form.js`],
  ],
  'http-feeds': [
    ['GET', `${c}/feeds/police-bureau/0123456789abcdef.ics`],
    ['HEAD', `${c}/feeds/police-bureau/0123456789abcdef.ics`],
  ],
  'http-console': [
    ['GET', `${c}/console`],
    ['GET', `${c}/console/meetings/${meeting}`],
    ['GET', `${c}/console/meetings/${meeting}/notice.pdf`],
    ['GET', `${c}/console/meetings/${meeting}/sign-in-sheet.pdf`],
    ['GET', `${c}/console/plan`],
    ['GET', `${c}/console/plan/2027`],
    ['GET', `${c}/console/rotation`],
    // No part has it: the console's own 404 page answers.
    ['GET', `${c}/console/no-such-page`],
  ],
  'http-console-sign-in': [
    ['GET', `${c}/console/sign-in`],
    ['GET', `${c}/console/callback`],
    ['POST', `${c}/console/sign-out`],
    ['GET', `${c}/console/signed-out`],
  ],
  'http-console-meeting-actions': [
    ...['move', 'cancel', 'reinstate', 'venue', 'swap', 'acting-chair'].flatMap((action): Array<[string, string]> => [
      ['GET', `${c}/console/meetings/${meeting}/${action}`],
      ['POST', `${c}/console/meetings/${meeting}/${action}/preview`],
      ['POST', `${c}/console/meetings/${meeting}/${action}/confirm`],
    ]),
    ['GET', `${c}/console/series/child-protection-case-conference/new`],
  ],
  'http-console-minutes': [
    ['GET', `${c}/console/minutes`],
    ['GET', `${c}/console/minutes/${meeting}`],
    ['POST', `${c}/console/minutes/${meeting}/chair-link`],
    ['GET', `${c}/console/follow-up`],
    ['GET', `${c}/console/held-replies`],
    ['POST', `${c}/console/held-replies/reply-1/dismiss`],
    ['GET', `${c}/console/failed-notices`],
    ['GET', `${c}/console/audit`],
  ],
  'http-console-contacts': [
    ['GET', `${c}/console/contacts`],
    ['POST', `${c}/console/contacts/police-bureau/new`],
  ],
  'http-console-records': [
    ['GET', `${c}/console/office-calendar`],
    ['POST', `${c}/console/office-calendar/import`],
  ],
  'http-secretariat-api': [
    ['GET', `${c}/secretariat/meetings/${meeting}`],
    // Unscoped: the app serves none of it (404), but the authorizer guards it all.
    ['GET', '/secretariat'],
    ['GET', '/secretariat/meetings'],
    ['GET', '/secretariat/minutes'],
  ],
  'http-secretariat-calendar-api': [
    ['POST', `${c}/secretariat/office-calendar`],
    ['POST', `${c}/secretariat/office-calendar/preview`],
  ],
  'http-secretariat-records-api': [
    ['GET', `${c}/secretariat/notices/problems`],
    ['POST', `${c}/secretariat/notices/retry-failed`],
    ['GET', `${c}/secretariat/audit`],
    ['GET', `${c}/secretariat/follow-up`],
    ['GET', `${c}/secretariat/held-replies`],
    ['GET', `${c}/secretariat/feeds`],
    ['POST', `${c}/secretariat/feeds/police-bureau`],
  ],
  'http-secretariat-minutes-api': [
    ['GET', `${c}/secretariat/minutes/${meeting}/versions`],
    ['GET', `${c}/secretariat/minutes-status`],
    ['GET', `${c}/secretariat/action-items`],
    ['GET', `${c}/secretariat/overdue`],
    ['GET', `${c}/secretariat/documents/annual-plans/2027`],
    ['GET', `${c}/secretariat/documents/notice-settings`],
    ['POST', `${c}/secretariat/contacts/police-bureau-1/revoke-links`],
    ['POST', `${c}/secretariat/meetings/${meeting}/chair-link/issue`],
    ['POST', `${c}/secretariat/meetings/${meeting}/minutes/approve`],
  ],
};

/** URLs whose function answers 404 by design: a feed's wrong secret, a forged 開會通知單 link, the unscoped API. */
export const notFoundByDesign = new Set([
  `${c}/feeds/police-bureau/0123456789abcdef.ics`,
  `${c}/documents/notice/${token}`,
  '/secretariat',
  '/secretariat/meetings',
  '/secretariat/minutes',
]);

/**
 * URLs served only with the document function (DOCUMENT_FUNCTION_NAME), which the handler test does
 * not have: it checks that they reach their function, not what it answers.
 */
export const needsDocumentFunction = new Set([
  `${c}/console/meetings/${meeting}/notice.pdf`,
  `${c}/console/meetings/${meeting}/sign-in-sheet.pdf`,
  `${c}/secretariat/documents/annual-plans/2027`,
  `${c}/secretariat/documents/notice-settings`,
]);
