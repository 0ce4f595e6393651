// How a command reaches a data folder's stack: the one `npm start` is running (found through the
// folder's lock), or, when none runs, an engine of its own on a folder it has taken. A command
// never starts a second engine beside a running one.
import {
  claimDataFolder,
  DataFolderBusyError,
  inspectDataFolder,
  type FolderClaim,
  type LockRecord,
  type StackEndpoints,
} from './data-folder-lock.ts';

/** The command line `npm start` records in the lock; others wait for it while it starts. */
export const npmStartCommand = 'npm start';

export type LocalStackAccess =
  | { kind: 'running'; owner: LockRecord; stack: StackEndpoints }
  /** Nothing runs: the folder is this process's to start an engine on, and to release after. */
  | { kind: 'claimed'; claim: FolderClaim };

export type FindOptions = {
  /** Told once when an `npm start` on the folder is still starting and we wait for it. */
  onWaiting?: (owner: LockRecord) => void;
  /** How long to wait for a starting `npm start`; Java can take minutes on a loaded machine. */
  waitMillis?: number;
};

export async function findOrClaimLocalStack(dataDir: string, command: string, options: FindOptions = {}): Promise<LocalStackAccess> {
  const deadline = Date.now() + (options.waitMillis ?? 300_000);
  let told = false;
  for (;;) {
    const verdict = await inspectDataFolder(dataDir);
    if (verdict.state === 'running') return { kind: 'running', owner: verdict.record, stack: verdict.record.stack };
    const starting = verdict.state === 'held' && verdict.record.command === npmStartCommand;
    if (!starting || Date.now() >= deadline) {
      try {
        return { kind: 'claimed', claim: await claimDataFolder(dataDir, command) };
      } catch (error) {
        // `npm start` may have taken the folder between our look and our claim: look again.
        const now = await inspectDataFolder(dataDir);
        const retry = now.state === 'running' || (now.state === 'held' && now.record.command === npmStartCommand);
        if (!(error instanceof DataFolderBusyError) || !retry || Date.now() >= deadline) throw error;
        continue;
      }
    }
    if (!told) options.onWaiting?.(verdict.record);
    told = true;
    await new Promise((done) => setTimeout(done, 250));
  }
}
