// An SES emulator in a process of its own, for the kill test: its store is the module's (one per
// process), so mail sent to it is never mixed with the mail of the tests that run beside it in the
// same worker, and a busy test process does not slow its answers (a send slower than the killed
// dispatchers' deadline would end as "unknown").
//
// Lines: ENDPOINT <url> once it listens. It stops when its parent (the test worker) is gone, so a
// crashed run leaves nothing behind; the test kills it when done.
import { startSesEmulator } from '../../../lib/local-stack/ses-emulator.ts';

const parent = process.ppid;
const ses = await startSesEmulator();
console.log(`ENDPOINT ${ses.endpoint}`);
setInterval(() => {
  // Re-parented (to init or a subreaper) once the worker that started it has died.
  if (process.ppid !== parent) process.exit(0);
}, 1_000);
