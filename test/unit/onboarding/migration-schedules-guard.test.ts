// migrate-to-counties refuses while anything may plan or send on the table: in AWS an ENABLED
// EventBridge Scheduler schedule (read through the SDK's own commands; the Scheduler answers are
// played by a stand-in, since no local Scheduler exists), locally a running `npm start`, found
// through the same lock file `npm start` writes.
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListScheduleGroupsCommand, ListSchedulesCommand, type ScheduleState } from '@aws-sdk/client-scheduler';
import { afterAll, describe, expect, it } from 'vitest';
import {
  assertDeployedSchedulesDisabled,
  assertNpmStartNotRunning,
  SchedulesRunningError,
} from '../../../lib/migration/schedules-guard.ts';
import { lockFileOf } from '../../../lib/local-stack/data-folder-lock.ts';

type Schedules = Record<string, Array<{ Name: string; State: ScheduleState }>>;

/** Answers ListScheduleGroups and ListSchedules from `groups`, one schedule per page to exercise paging. */
function scheduler(groups: Schedules) {
  const calls: unknown[] = [];
  return {
    calls,
    send: (command: unknown) => {
      calls.push(command);
      if (command instanceof ListScheduleGroupsCommand) {
        const prefix = command.input.NamePrefix ?? '';
        return Promise.resolve({
          ScheduleGroups: Object.keys(groups)
            .filter((n) => n.startsWith(prefix))
            .map((Name) => ({ Name, State: 'ACTIVE' })),
        });
      }
      if (command instanceof ListSchedulesCommand) {
        const all = groups[command.input.GroupName!] ?? [];
        const index = Number(command.input.NextToken ?? 0);
        return Promise.resolve({
          Schedules: all.slice(index, index + 1),
          ...(index + 1 < all.length ? { NextToken: String(index + 1) } : {}),
        });
      }
      return Promise.reject(new Error('unexpected command'));
    },
  } as { calls: unknown[]; send: never };
}

const group = 'SafetynetMeetingschiayicounty-Schedules-Group-C69997BD';
const disabled = (Name: string) => ({ Name, State: 'DISABLED' as const });

describe('in AWS: the deployment schedules', () => {
  it('lets the migration run when every schedule of the stack group is disabled', async () => {
    const stub = scheduler({
      [group]: [disabled('Plan-a'), disabled('Plan-b'), disabled('DispatchOutbox')],
      'other-project': [{ Name: 'x', State: 'ENABLED' }],
    });
    await expect(assertDeployedSchedulesDisabled(stub)).resolves.toEqual([group]);
  });

  it('refuses while one is enabled, naming it, even on a later page', async () => {
    const stub = scheduler({ [group]: [disabled('Plan-a'), disabled('Plan-b'), { Name: 'DispatchOutbox', State: 'ENABLED' }] });
    const attempt = assertDeployedSchedulesDisabled(stub);
    await expect(attempt).rejects.toThrow(SchedulesRunningError);
    await expect(attempt).rejects.toThrow(`${group}/DispatchOutbox`);
  });

  it('refuses when it finds no group to check, and says how to name one', async () => {
    await expect(assertDeployedSchedulesDisabled(scheduler({ 'other-project': [] }))).rejects.toThrow('--schedule-group');
  });

  it('checks only the group the operator names', async () => {
    const stub = scheduler({ mine: [disabled('a')], [group]: [{ Name: 'b', State: 'ENABLED' }] });
    await expect(assertDeployedSchedulesDisabled(stub, { group: 'mine' })).resolves.toEqual(['mine']);
    expect(stub.calls.some((c) => c instanceof ListScheduleGroupsCommand)).toBe(false);
  });
});

describe('locally: npm start', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'safetynet-guard-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));
  const folderLockedBy = (pid: number, command: string) => {
    const dataDir = mkdtempSync(join(scratch, 'data-'));
    writeFileSync(lockFileOf(dataDir), JSON.stringify({ pid, command, startedAt: new Date().toISOString(), token: randomUUID() }));
    return dataDir;
  };

  it('refuses while npm start (or its --once cycle) holds the data folder', async () => {
    await expect(assertNpmStartNotRunning(folderLockedBy(process.pid, 'npm start'))).rejects.toThrow(/npm start 正在這個資料夾.*Ctrl-C/);
    await expect(assertNpmStartNotRunning(folderLockedBy(process.pid, 'npm start -- --once'))).rejects.toThrow(SchedulesRunningError);
  });

  it('lets the migration run on a folder nobody holds, or held by a process that has ended', async () => {
    await expect(assertNpmStartNotRunning(mkdtempSync(join(scratch, 'free-')))).resolves.toBeUndefined();
    const ended = spawnSync(process.execPath, ['-e', '0']).pid;
    await expect(assertNpmStartNotRunning(folderLockedBy(ended, 'npm start'))).resolves.toBeUndefined();
  });

  it('leaves other commands to the folder lock itself', async () => {
    await expect(assertNpmStartNotRunning(folderLockedBy(process.pid, 'npm run cli -- chairs'))).resolves.toBeUndefined();
  });
});
