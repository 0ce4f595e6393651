// What the planning benches (P1/P2 in planning.ts, N1/N2 in national-scale.ts) hold and print alike:
// the aims they are judged by and how a count of requests by command is written out. One copy, so
// a county's bench and the national one cannot drift apart on what "on aim" means.

/**
 * The planner's aims (issue 13, and the same held nationally by issue 11 §6): at most 1 read per
 * series and no write when everything is planned, a first plan at most 2x a raw batch write.
 */
export const planningAims = { readsPerSeries: 1, writes: 0, firstPlanTimeRatio: 2 };

/** "Query 12, GetItem 1": requests by command, without the SDK's Command suffix. */
export function commandBreakdown(counts: Record<string, number>): string {
  return Object.entries(counts)
    .map(([command, n]) => `${command.replace(/Command$/, '')} ${n}`)
    .join(', ');
}
