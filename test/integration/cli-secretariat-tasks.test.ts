// The secretariat's command line as a person runs it (a process of its own, on this file's table):
// its commands call the same use cases as the console and the API, and print what was done, why,
// and who was told, in zh-TW. (Bad input: cli-bad-input.test.ts; the use cases themselves:
// secretariat-tasks.test.ts.)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useEmbeddedStack } from '../support/embedded-stack.ts';
import { spawnTs, finished } from '../support/processes.ts';
import { caseConference, config, officeCalendar, taipeiMorning } from '../support/planning-fixtures.ts';
import { planSeriesOccurrences } from '../../functions/use-cases/plan-series-occurrences.ts';
import { getOccurrence } from '../../functions/adapters/dynamodb/occurrence-store.ts';
import { listMeetingActions } from '../../functions/adapters/dynamodb/secretariat-action-store.ts';

const stack = useEmbeddedStack();
const now = '2026-03-09T09:00+08:00';
// The CLI keeps the local link key in its data folder: a folder of the test's own.
const dataDir = mkdtempSync(join(tmpdir(), 'safetynet-cli-tasks-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const { dynamoDbEndpoint, tableName } = stack();
  const child = spawnTs('bin/cli.ts', [...args, '--now', now, '--as', 'officer-chen', '--data-dir', dataDir], {
    ...process.env,
    DYNAMODB_ENDPOINT: dynamoDbEndpoint,
    TABLE_NAME: tableName,
  });
  return finished(child);
}

beforeAll(async () => {
  await planSeriesOccurrences(stack().table, config, caseConference, officeCalendar, taipeiMorning('2026-03-09'));
});

describe('the secretariat CLI', () => {
  it('moves a meeting through the use case and prints what was done, why and who was told', async () => {
    const result = await cli([
      'move',
      '--series',
      caseConference.id,
      '--occurrence',
      '2026-03',
      '--to',
      '2026-03-26',
      '--reason',
      '會議室衝突',
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('會議改期（原因：會議室衝突）');
    expect(result.stdout).toContain(`${caseConference.name.zh} 3/26(四)：3/25(三) 14:00 → 3/26(四) 14:00`);
    expect(result.stdout).toMatch(/已排入通知：開會通知 7 人（社會局 兒少保護科 /);
    const [action] = await listMeetingActions(stack().table, { seriesId: caseConference.id, slotKey: '2026-03' });
    expect(action).toMatchObject({ task: 'move', actor: { subject: 'officer-chen', via: 'cli' }, reason: '會議室衝突' });
  });

  it('appoints an acting chair', async () => {
    const result = await cli([
      'acting-chair',
      '--series',
      caseConference.id,
      '--occurrence',
      '2026-04',
      '--unit',
      'mental-health-center',
      '--reason',
      '科長公出',
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('指定代理主持（原因：科長公出）');
    expect((await getOccurrence(stack().table, caseConference.id, '2026-04'))!.chairUnitId).toBe('mental-health-center');
  });

  it('refuses a meeting the series does not have in one zh-TW line, exit 2', async () => {
    const result = await cli(['cancel', '--series', caseConference.id, '--occurrence', '2026-02', '--reason', '颱風']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/沒有「2026-02」這場會議/);
  });
});
