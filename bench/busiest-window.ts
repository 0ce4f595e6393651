// How SES counts its maximum send rate: sends in any one second. The dispatch bench reports it for
// a run, and the pacer's unit tests hold the pacer to it; one definition for both.

/** The most of `times` (ms) in any half-open window [t, t + millis). */
export function busiestWindow(times: readonly number[], millis = 1000): number {
  const sorted = [...times].sort((a, b) => a - b);
  let busiest = 0;
  for (let start = 0, end = 0; start < sorted.length; start++) {
    while (end < sorted.length && sorted[end]! < sorted[start]! + millis) end++;
    busiest = Math.max(busiest, end - start);
  }
  return busiest;
}
