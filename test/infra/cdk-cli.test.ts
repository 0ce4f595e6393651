// The commands a deployer runs, run as they run them: `npx cdk synth` through the CDK CLI and
// bin/app.ts, offline. With cdk.json's defaults it synthesizes (Chiayi's placeholders allowed);
// without that allowance it stops before building anything, with the zh-TW list and exit code 1.
// `cdk deploy` synthesizes through the same app first, so it is refused the same way.
//
// The two runs are separate processes with separate output folders, so they run at once: each is a
// real CLI and app start (about half a minute under load), and neither waits for the other.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../lib/safetynet-app.ts';
import { httpHandlerNames } from '../../lib/constructs/http-functions.ts';
import { cdkJsonContext } from './synthesize-county.ts';

const run = promisify(execFile);
const scratch = mkdtempSync(join(tmpdir(), 'safetynet-cdk-cli-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function cdkSynth(outdir: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('npx', ['cdk', 'synth', '-q', '--no-notices', '-o', outdir, ...args], {
      cwd: projectRoot,
      // Offline: no notices, telemetry or version checks to wait for.
      env: { ...process.env, CDK_DISABLE_CLI_TELEMETRY: 'true', CDK_DISABLE_VERSION_CHECK: 'true' },
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

describe.concurrent('npx cdk synth', () => {
  it('refuses placeholders unless allowed, naming the file and fields, and exits 1', async () => {
    const outdir = join(scratch, 'refused');
    const { code, stderr } = await cdkSynth(outdir, '-c', 'safetynet:allowPlaceholders=false', '-c', 'safetynet:counties=chiayi-county');
    expect(code).not.toBe(0);
    expect(stderr).toMatch(/設定中還有 \d+ 個預留值（placeholder），不能部署。/);
    expect(stderr).toContain('functions/config/counties/chiayi-county.json（嘉義縣）');
    expect(stderr).toContain('  - secretariat.mailbox："safetynet@example.org"');
    // A deployer's mistake is shown as a list, not as a stack trace.
    expect(stderr).not.toMatch(/^\s+at /m);
    expect(existsSync(join(outdir, 'SafetynetMeetings.template.json'))).toBe(false);
  });

  it("synthesizes offline with cdk.json's settings, warning that placeholders were allowed", async () => {
    expect(cdkJsonContext['safetynet:allowPlaceholders']).toBe(true);
    const outdir = join(scratch, 'synthesized');
    const { code, stderr } = await cdkSynth(outdir);
    expect(stderr).not.toMatch(/AwsSolutions-/);
    expect(code).toBe(0);
    expect(stderr).toContain('因 safetynet:allowPlaceholders=true 而仍合成');
    const template = JSON.parse(readFileSync(join(outdir, 'SafetynetMeetings.template.json'), 'utf8')) as {
      Resources: Record<string, { Type: string }>;
    };
    // The planner, the dispatcher, the reply handler and the document renderer, and one per row of the HTTP table.
    expect(Object.values(template.Resources).filter((r) => r.Type === 'AWS::Lambda::Function')).toHaveLength(4 + httpHandlerNames.length);
  });
});
