// The office calendar years shipped inside every Lambda bundle, so working-day checks need no I/O.
// Static imports rather than a directory read: esbuild inlines them (about 6 KB for ten years) and
// they work the same under tsc, tsx, vitest and in the bundle. A new year is added here by hand
// after `bin/import-office-calendar.ts` writes its file (see data/README.md).
import type { OfficeCalendarYear } from './office-calendar.ts';
import y2017 from './data/2017.json' with { type: 'json' };
import y2018 from './data/2018.json' with { type: 'json' };
import y2019 from './data/2019.json' with { type: 'json' };
import y2020 from './data/2020.json' with { type: 'json' };
import y2021 from './data/2021.json' with { type: 'json' };
import y2022 from './data/2022.json' with { type: 'json' };
import y2023 from './data/2023.json' with { type: 'json' };
import y2024 from './data/2024.json' with { type: 'json' };
import y2025 from './data/2025.json' with { type: 'json' };
import y2026 from './data/2026.json' with { type: 'json' };

// Frozen because JSON modules are shared singletons: one caller editing a year would change it for
// every later caller in the same warm Lambda. Copied and frozen by the first call rather than when
// the module loads: a function that serves no working-day check never pays it (issue 13 §5).
let years: readonly OfficeCalendarYear[] | undefined;

/** Every bundled year, oldest first. The array is new on each call; the years in it are frozen. */
export function bundledCalendarYears(): OfficeCalendarYear[] {
  years ??= Object.freeze(
    [y2017, y2018, y2019, y2020, y2021, y2022, y2023, y2024, y2025, y2026].map((year: OfficeCalendarYear) =>
      Object.freeze({ ...year, daysOff: Object.freeze({ ...year.daysOff }), workdays: Object.freeze({ ...year.workdays }) }),
    ),
  );
  return [...years];
}
