// A check of one page at several screen sizes, the sizes side by side. Each size has a browser
// context (a renderer process) of its own, so the pages load, render and run axe-core at the same
// time instead of one after the other; the checks themselves are unchanged. Only for checks that
// read: two sizes posting the same form at once would race each other in the table.

/**
 * Runs `check` for every size at once and waits for all of them, so that nothing is still running
 * in the browser when the test ends; then fails with the first size's failure, if any.
 */
export async function atEverySize<Size>(sizes: readonly Size[], check: (size: Size) => Promise<void>): Promise<void> {
  const outcomes = await Promise.allSettled(sizes.map((size) => check(size)));
  const failed = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
  if (failed) throw failed.reason;
}
