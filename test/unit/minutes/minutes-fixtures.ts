// Minutes as a chair of the March 2026 child-protection case conference would write them.
import { loadCountyConfigFile } from '../../../functions/adapters/config/county-config-file.ts';
import type { MinutesContent } from '../../../functions/core/minutes/minutes-schema.ts';

export const config = loadCountyConfigFile();
export const caseConference = config.series.find((s) => s.id === 'child-protection-case-conference')!;
export const placementPanel = config.series.find((s) => s.id === 'placement-review-panel')!;

/** Wednesday 25 March 2026, the 4th Wednesday. */
export const meetingDate = '2026-03-25';

export function completeMinutes(): MinutesContent {
  return {
    attendance: caseConference.invitedUnitIds.map((unitId, index) => ({
      unitId,
      present: index !== 5,
      names: index !== 5 ? [`代表${index + 1}`] : [],
    })),
    summary: '本月提報個案 3 案，均已討論並分工。',
    resolutions: ['請警政與社政於下次會議前完成聯合訪視。', '衛政提供心理諮商資源清單。'],
    actionItems: [
      { description: '完成聯合訪視並回報', ownerUnitId: 'police-women-children', dueDate: '2026-04-15', status: 'open' },
      { description: '提供心理諮商資源清單', ownerUnitId: 'health-bureau', dueDate: '2026-04-01', status: 'done' },
    ],
  };
}
