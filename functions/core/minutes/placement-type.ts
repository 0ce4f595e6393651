// The four placement types the local assessment panel (在地評估小組) reviews proposals by. Each type
// owes an outcome follow-up form (成效追蹤表) before the panel's next meeting.
// No zod here: notices name placement types, and the dispatcher's bundle carries no schema library
// (the schema a chair's minutes are checked with is in minutes-schema.ts).

export const placementTypes = ['foster', 'institutional', 'group-home', 'kinship'] as const;

export type PlacementType = (typeof placementTypes)[number];

export const placementTypeNames: Readonly<Record<PlacementType, { zh: string; en: string }>> = {
  foster: { zh: '寄養安置', en: 'Foster care' },
  institutional: { zh: '機構安置', en: 'Institutional care' },
  'group-home': { zh: '團體家庭', en: 'Group home' },
  kinship: { zh: '親屬安置', en: 'Kinship care' },
};
