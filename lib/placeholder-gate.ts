// `cdk synth` and `cdk deploy` refuse a deployment whose county files still hold placeholders
// (（待填） names, example.org addresses, `"placeholder": true`, a series' open `placeholders`):
// deployed, it would invite nobody, or somebody wrong, to meetings about children at risk. The
// deployer can allow them on purpose (safetynet:allowPlaceholders), for a trial or a test synth.
import { isAbsolute, relative } from 'node:path';
import { findPlaceholders, isExampleDomain, type Placeholder } from '../functions/core/series/placeholders.ts';
import type { DeployedCounty } from './deployed-counties.ts';
import { contextPrefix, type DeploymentSettings } from './deployment-config.ts';

/** Placeholders of one source: a county file (relative to the project root) or the settings. */
export type PlaceholderFinding = { source: string; countyName?: string; placeholders: Placeholder[] };

export class PlaceholderGateError extends Error {
  constructor(readonly findings: PlaceholderFinding[]) {
    super(describePlaceholders(findings, 'refused'));
    this.name = 'PlaceholderGateError';
  }
}

/** Every placeholder of the deployment: each county file's, then the settings'. */
export function findDeploymentPlaceholders(
  counties: readonly DeployedCounty[],
  settings: DeploymentSettings,
  projectRoot: string,
): PlaceholderFinding[] {
  // Files in the project by their path in it; others (a folder elsewhere) in full.
  const shown = (file: string) => {
    const inProject = relative(projectRoot, file);
    return inProject.startsWith('..') || isAbsolute(inProject) ? file : inProject;
  };
  const findings: PlaceholderFinding[] = counties.map(({ file, config }) => ({
    source: shown(file),
    countyName: config.county.name.zh,
    placeholders: findPlaceholders(config),
  }));
  const alarmDomain = settings.alarmEmail.split('@')[1] ?? '';
  // Alarms sent to an example address reach nobody: the IT office would never hear of a failure.
  if (isExampleDomain(alarmDomain)) {
    findings.push({
      source: '部署設定',
      placeholders: [
        {
          path: `${contextPrefix}alarmEmail`,
          value: settings.alarmEmail,
          reason: `${alarmDomain} 是保留給範例的網域，告警信不會送達任何人`,
        },
      ],
    });
  }
  return findings.filter((finding) => finding.placeholders.length > 0);
}

/**
 * Throws PlaceholderGateError listing every placeholder, unless the settings allow them; then it
 * returns the findings, for the stack to carry as a warning.
 */
export function assertNoPlaceholders(
  counties: readonly DeployedCounty[],
  settings: DeploymentSettings,
  projectRoot: string,
): PlaceholderFinding[] {
  const findings = findDeploymentPlaceholders(counties, settings, projectRoot);
  if (findings.length > 0 && !settings.allowPlaceholders) throw new PlaceholderGateError(findings);
  return findings;
}

/**
 * In zh-TW. Refused: each file, then each field path, its value and why it is a placeholder.
 * Allowed: a count per file, since the deployer chose to go ahead and validate-config lists them.
 */
export function describePlaceholders(findings: readonly PlaceholderFinding[], outcome: 'refused' | 'allowed'): string {
  const total = findings.reduce((sum, finding) => sum + finding.placeholders.length, 0);
  const sourceLine = ({ source, countyName, placeholders }: PlaceholderFinding) =>
    `${source}${countyName ? `（${countyName}）` : ''}：${placeholders.length} 處`;
  if (outcome === 'allowed') {
    return [
      `設定中還有 ${total} 個預留值（placeholder），因 ${contextPrefix}allowPlaceholders=true 而仍合成；這樣的部署不可給縣市正式使用。`,
      ...findings.map((finding) => `  ${sourceLine(finding)}`),
    ].join('\n');
  }
  const lines = [
    `設定中還有 ${total} 個預留值（placeholder），不能部署。請填妥下列欄位（npm run cli -- validate-config <檔案> 可檢查）；` +
      `只為測試或試行而合成時，可加上 -c ${contextPrefix}allowPlaceholders=true。`,
  ];
  for (const finding of findings) {
    lines.push(sourceLine(finding));
    for (const { path, value, reason } of finding.placeholders) lines.push(`  - ${path}：${JSON.stringify(value)}，${reason}`);
  }
  return lines.join('\n');
}
