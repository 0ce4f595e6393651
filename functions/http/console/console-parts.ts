// Which console paths each console function serves in AWS, as plain data: API Gateway's routes are
// made from it (lib/constructs/http-functions.ts), and the audience modules mount the matching
// sections. A path below /c/<county>/console/ that no part names reaches the pages function
// (http-console.ts: the home, a meeting's page, the plan, the rotation, and the 404 page), by the
// gateway's greedy /c/{county}/console/{proxy+}; each part's routes are more specific.
//
// Data only, without the pages, so that the CDK app can read it without bundling the console.

/** Each part's handler (functions/handlers/<handler>.ts) and its paths below /c/{county}/console/. */
export type ConsolePart = {
  handler: string;
  /** Served exactly, e.g. "sign-in". */
  exact: readonly string[];
  /** Served with everything below, e.g. "minutes" (…/minutes and …/minutes/{proxy+}). */
  withBelow: readonly string[];
};

/** 改期, 停開, 恢復召開, 變更地點, 主持互換, 代理主持 (meeting-actions.ts; a test holds the two lists equal). */
export const meetingActionNamesForRoutes = ['move', 'cancel', 'reinstate', 'venue', 'swap', 'acting-chair'] as const;

export const consoleParts: readonly ConsolePart[] = [
  { handler: 'http-console-sign-in', exact: ['sign-in', 'callback', 'sign-out', 'signed-out'], withBelow: [] },
  {
    handler: 'http-console-meeting-actions',
    exact: [],
    // The gateway's path variables stand where the app has :seriesId and :slotKey.
    withBelow: [...meetingActionNamesForRoutes.map((name) => `meetings/{seriesId}/{slotKey}/${name}`), 'series'],
  },
  { handler: 'http-console-minutes', exact: [], withBelow: ['minutes', 'follow-up', 'held-replies', 'failed-notices', 'audit'] },
  { handler: 'http-console-contacts', exact: [], withBelow: ['contacts'] },
  { handler: 'http-console-records', exact: [], withBelow: ['office-calendar'] },
];

/** Every gateway route of one part, e.g. /c/{county}/console/minutes and /c/{county}/console/minutes/{proxy+}. */
export function consolePartPaths(part: ConsolePart): string[] {
  const base = '/c/{county}/console';
  return [
    ...part.exact.map((path) => `${base}/${path}`),
    ...part.withBelow.flatMap((path) => [`${base}/${path}`, `${base}/${path}/{proxy+}`]),
  ];
}
