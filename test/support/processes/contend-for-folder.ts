// Started (four at once) by the local toolchain test: tries to take the data folder DATA_DIR, says
// whether it won, then keeps what it won until its stdin closes, so nobody can win merely because
// an earlier winner had already left.
import { claimDataFolder } from '../../../lib/local-stack/data-folder-lock.ts';

try {
  await claimDataFolder(process.env.DATA_DIR!, `contender ${process.pid}`);
  console.log('WON');
} catch (error) {
  console.log((error as Error).name === 'DataFolderBusyError' ? 'REFUSED' : `ERROR ${(error as Error).message}`);
}
process.stdin.resume();
process.stdin.on('end', () => process.exit(0));
