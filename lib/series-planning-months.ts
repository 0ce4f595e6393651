// When each series' own planning run happens, derived from the same cadence the planner expands:
// on the 1st of the month before every month the series meets in. Adding or changing a series in
// the county file changes its schedule at the next deploy, with no code change.
import type { SeriesDefinition } from '../functions/core/series/county-config.ts';

const everyMonth = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] as const;

/** The months (1–12) the series can have a meeting in: its cadence's months, narrowed by activeMonths. */
export function meetingMonths(series: SeriesDefinition): number[] {
  const cadence = series.cadence;
  let months: readonly number[];
  switch (cadence.kind) {
    case 'monthly-nth-weekday':
      months = everyMonth;
      break;
    case 'every-n-months':
      months = everyMonth.filter(
        (m) => (((m - cadence.firstMonth) % cadence.intervalMonths) + cadence.intervalMonths) % cadence.intervalMonths === 0,
      );
      break;
    case 'semiannual':
      months = cadence.months;
      break;
    case 'rrule':
      // An RRULE can land in any month; the planner itself keeps only the rule's dates.
      months = everyMonth;
      break;
    default:
      return unknownCadence(cadence);
  }
  const active = series.activeMonths;
  return [...new Set(active ? months.filter((m) => active.includes(m)) : months)].sort((a, b) => a - b);
}

/**
 * The months of the series' planning run: the month before each meeting month, so invitations
 * with a lead time of up to a month are queued by the run itself. (The daily run plans every
 * series too; this run is the series' own, isolated from the others' failures.)
 */
export function planningMonths(series: SeriesDefinition): number[] {
  const months = meetingMonths(series);
  if (months.length === 0) {
    throw new Error(
      `series "${series.id}" meets in no month: activeMonths ${JSON.stringify(series.activeMonths)} leaves none of its ${series.cadence.kind} cadence's months`,
    );
  }
  return [...new Set(months.map((m) => (m === 1 ? 12 : m - 1)))].sort((a, b) => a - b);
}

/** The cron month field: "*" when every month, else the list ("1,5,9"). */
export function cronMonthField(months: readonly number[]): string {
  return months.length === 12 ? '*' : months.join(',');
}

function unknownCadence(cadence: never): never {
  throw new Error(`no planning schedule is defined for cadence ${JSON.stringify(cadence)}; add its kind to lib/series-planning-months.ts`);
}
