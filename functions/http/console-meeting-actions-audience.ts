// The console's meeting actions: 改期, 停開, 恢復召開, 變更地點, 主持互換, 代理主持 and 新增臨時會議,
// each a form, a preview that writes nothing and a confirmation that re-plans and tells everyone
// invited. In AWS the function http-console-meeting-actions.ts serves them at
// /c/{county}/console/meetings/{seriesId}/{slotKey}/<action>… and /c/{county}/console/series/…
// (console/console-parts.ts); the meeting's page they start from is http-console.ts's.
import type { Audience } from './audience-app.ts';
import { consolePagesAudience, type ConsolePagesDependencies } from './console/pages-audience.ts';
import type { ConsoleSection } from './console/section-routes.ts';
import { meetingActionRoutes } from './console/meeting-actions.ts';

export const meetingActionSections: readonly ConsoleSection[] = [meetingActionRoutes];

export function consoleMeetingActionsAudience(deps: ConsolePagesDependencies): Audience {
  return consolePagesAudience('console-meeting-actions', deps, meetingActionSections);
}
