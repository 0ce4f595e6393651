// axe-core on every page of the console's sections that lists something, at 1366×768 and 390×844,
// signed in as a county officer in Debian's Chromium: no serious or critical violation, nothing wider
// than the screen, and a screenshot of each for a person to look at (.scratch/screenshots). The
// forms are in console-section-flows-axe-forms.test.ts: two files, so vitest's two workers share
// the pass.
import { describe, it } from 'vitest';
import { useEmbeddedStack } from '../support/embedded-stack.ts';
import { checkPage, conference, useConsoleInBrowser } from '../support/console-sections.ts';

const sections = useConsoleInBrowser(useEmbeddedStack());

describe('the console sections pass axe-core and fit a phone: the lists', () => {
  const pages: Array<[path: string, name: string]> = [
    ['', 'home'],
    ['plan', 'plan'],
    ['contacts', 'contacts'],
    ['minutes', 'minutes'],
    ['follow-up', 'follow-up'],
    ['failed-notices', 'failed-notices'],
    ['audit', 'audit'],
    [`audit?meeting=${conference.id}/2026-02`, 'audit-meeting'],
    ['office-calendar', 'office-calendar'],
  ];
  for (const [path, name] of pages) it(name, () => checkPage(sections, sections.consoleUrl(path), name));
});
