// migrate-to-counties must not run while anything plans or sends on the table: a planner run
// between the copy and the deletion would find no meetings under the new keys and plan every one
// again, and a dispatcher would send from items about to move. Who does that depends on where the
// table is:
// - in AWS, the deployment's EventBridge Scheduler schedules (planning, daily run, dispatch). Each
//   must be DISABLED; the stack names its schedule group after itself (SafetynetMeetings…), or the
//   operator names the group;
// - locally, `npm start`, which runs the same schedules on a local clock. Its lock in the data
//   folder says whether it runs;
// - a DynamoDB the command is merely pointed at (DYNAMODB_ENDPOINT): nothing can be seen, so the
//   operator confirms with --schedules-disabled.
import { ListScheduleGroupsCommand, ListSchedulesCommand, type SchedulerClient } from '@aws-sdk/client-scheduler';
import { inspectDataFolder } from '../local-stack/data-folder-lock.ts';
import { npmStartCommand } from '../local-stack/running-stack.ts';

/** The schedule groups of this project's stacks start with it (CDK: stack name without hyphens). */
export const scheduleGroupPrefix = 'SafetynetMeetings';

/** Something still plans or sends on the table; the message says what and how to stop it, in zh-TW. */
export class SchedulesRunningError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SchedulesRunningError';
  }
}

export type ScheduleSelection = { group?: string; groupPrefix?: string };

/**
 * Refuses while any schedule of the deployment is ENABLED. Returns the groups it checked, for the
 * report. A selection that matches no group is refused too: "nothing found" must not read as
 * "nothing running".
 */
export async function assertDeployedSchedulesDisabled(
  scheduler: Pick<SchedulerClient, 'send'>,
  selection: ScheduleSelection = {},
): Promise<string[]> {
  const groups = selection.group ? [selection.group] : await groupsNamed(scheduler, selection.groupPrefix ?? scheduleGroupPrefix);
  if (groups.length === 0)
    throw new SchedulesRunningError(
      `找不到名稱以 ${selection.groupPrefix ?? scheduleGroupPrefix} 開頭的 EventBridge Scheduler 排程群組，無法確認排程已停用；` +
        '請以 --schedule-group <群組名稱> 指定部署的排程群組（CloudFormation 主控台：堆疊的資源 AWS::Scheduler::ScheduleGroup）。',
    );
  const enabled: string[] = [];
  for (const group of groups) {
    let token: string | undefined;
    do {
      const page = await scheduler.send(new ListSchedulesCommand({ GroupName: group, NextToken: token }));
      for (const schedule of page.Schedules ?? []) if (schedule.State !== 'DISABLED') enabled.push(`${group}/${schedule.Name ?? '?'}`);
      token = page.NextToken;
    } while (token);
  }
  if (enabled.length > 0)
    throw new SchedulesRunningError(
      `下列 ${enabled.length} 個排程仍在啟用中，遷移時它們可能規劃或寄送而造成重複；請先停用（EventBridge Scheduler 主控台，或 aws scheduler update-schedule --state DISABLED），遷移完成後再啟用：\n` +
        enabled.map((name) => `  - ${name}`).join('\n'),
    );
  return groups;
}

async function groupsNamed(scheduler: Pick<SchedulerClient, 'send'>, prefix: string): Promise<string[]> {
  const names: string[] = [];
  let token: string | undefined;
  do {
    const page = await scheduler.send(new ListScheduleGroupsCommand({ NamePrefix: prefix, NextToken: token }));
    for (const group of page.ScheduleGroups ?? []) if (group.Name && group.State !== 'DELETING') names.push(group.Name);
    token = page.NextToken;
  } while (token);
  return names;
}

/** Refuses while `npm start` holds the data folder: its local clock plans and dispatches. */
export async function assertNpmStartNotRunning(dataDir: string): Promise<void> {
  const verdict = await inspectDataFolder(dataDir);
  if (verdict.state !== 'running' && verdict.state !== 'held') return;
  const { command, pid } = verdict.record;
  if (command === npmStartCommand || command.startsWith(`${npmStartCommand} `))
    throw new SchedulesRunningError(
      `${command} 正在這個資料夾（${dataDir}）上執行（程序 ${pid}），它的本機排程會規劃會議並寄送通知；請先在它的視窗按 Ctrl-C 結束，再執行遷移。`,
    );
}
