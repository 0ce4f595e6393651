// The order vitest hands test files to its two workers. With two workers the run ends when the later
// worker ends, so the long files (Chromium, child processes, the kill test) go first and the short
// ones fill in behind them; a 90 s file started last would add 90 s to the run.
//
// vitest's own sequencer orders by the durations of the previous run, which a fresh clone (CI) does
// not have: there it ran the files in glob order, and the heaviest could land last on one worker.
// So the expected duration is, in order: this file's table of measured ones, the previous run's
// (vitest's cache), or a guess from the kind of file. The table comes first because the cache also
// keeps runs of one test (`-t`, or a single file edited), which made a 100 s file look short.
import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Seconds each of the longer files takes in a whole warm run on a quiet machine (`npm test` a second
 * time in a fresh clone, 30 November 2026, 19:00 UTC, load under 2). Only the order matters; a stale
 * number costs balance, never a result. Files under 8 s are left to vitest's cache or the guess
 * below: their order does not change the balance.
 */
const measuredSeconds: Record<string, number> = {
  // Bundles every function (one esbuild per Lambda). 8 s warm, but on a fresh clone the bundle cache
  // is empty and this file builds it for the others: started last, it was once the run's tail.
  'test/infra/safetynet-stack.test.ts': 55,
  // 20 dispatcher processes killed one after another; the file's other tests run while the last
  // dispatcher waits out the killed ones' leases (30 s).
  'test/integration/outbox-delivery.test.ts': 51,
  'test/browser/secretariat-console.test.ts': 28,
  'test/browser/console-meeting-flows.test.ts': 24,
  'test/integration/local-toolchain.test.ts': 24,
  'test/integration/notice-sequence.test.ts': 22,
  'test/integration/local-stack-lifecycle.test.ts': 21,
  // One real `cdk synth` of 22 counties; warm here, it bundles every function on a fresh clone too.
  'test/infra/cdk-cli.test.ts': 20,
  'test/browser/console-section-flows.test.ts': 20,
  'test/browser/console-section-flows-axe-pages.test.ts': 17,
  'test/browser/minutes-form.test.ts': 15,
  'test/browser/console-section-flows-axe-forms.test.ts': 15,
  'test/browser/answer-pages-from-mail.test.ts': 14,
  'test/browser/console-held-replies.test.ts': 10,
  'test/infra/bundle-cache.test.ts': 9,
  'test/integration/outbox-failed.test.ts': 8,
  'test/integration/follow-up-form-reminders.test.ts': 8,
};

/** A file nobody has timed yet: what files of its kind usually take. */
function guessSeconds(path: string): number {
  if (path.startsWith('test/browser/')) return 30;
  if (path.startsWith('test/integration/')) return 10;
  if (path.startsWith('test/infra/')) return 6;
  return 2;
}

export default class LongestFirstSequencer extends BaseSequencer {
  override sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const expected = new Map<TestSpecification, number>();
    for (const file of files) {
      const path = relative(this.ctx.config.root, file.moduleId);
      const cached = this.ctx.cache.getFileTestResults(`${file.project.name}:${path}`)?.duration;
      expected.set(file, measuredSeconds[path] ?? (cached !== undefined ? cached / 1000 : guessSeconds(path)));
    }
    // A worker keeps its modules only while the next file is of the same project (isolate: false),
    // so the short files, whose order does not matter for balance, are kept together by project.
    const short = (seconds: number) => seconds < 8;
    const sorted = [...files].sort((a, b) => {
      const [ea, eb] = [expected.get(a)!, expected.get(b)!];
      if (short(ea) && short(eb) && a.project.name !== b.project.name) return a.project.name < b.project.name ? -1 : 1;
      if (short(ea) !== short(eb)) return short(ea) ? 1 : -1;
      return eb - ea;
    });
    return Promise.resolve(sorted);
  }
}
