// The SES emulator on its own, for bench/dispatch.ts: in AWS, SES parses and stores a message on
// its own machines, not in the dispatcher's thread. Run inside the bench's process, the emulator's
// parsing (mailparser, about twice our MIME writer's CPU per notice) shared the dispatcher's one
// thread and its answers came late whenever the dispatcher was busy, so the bench measured the
// emulator as much as the dispatcher.
// Prints its endpoint as the first line of stdout; stops when its stdin closes (the bench ended,
// however it ended), so it never outlives the bench.
import { startSesEmulator } from '../lib/local-stack/ses-emulator.ts';

const emulator = await startSesEmulator();
process.stdout.write(`${emulator.endpoint}\n`);
process.stdin.resume();
process.stdin.on('close', () => {
  void emulator.stop().finally(() => process.exit(0));
});
