// The life of one meeting's minutes: draft → submitted (by the chair) → approved (by the
// secretariat) → distributed (a read link to every invited contact). A pure state machine: the
// use cases ask it whether a step is allowed, then write the new state with a conditional write.
export const minutesStates = ['draft', 'submitted', 'approved', 'distributed'] as const;

export type MinutesState = (typeof minutesStates)[number];

/** Who asks. Invited contacts only ever read; they take no step here. */
export type MinutesWriter = 'chair' | 'secretariat';

export type MinutesEvent =
  /** New content. */
  | 'save'
  /** The chair hands the minutes to the secretariat. */
  | 'submit'
  /** The secretariat sends submitted minutes back to the chair for correction (退回修正). */
  | 'return'
  | 'approve'
  | 'distribute'
  /** The secretariat records progress on action items or follow-up forms of approved minutes. */
  | 'follow-up';

/** `reason` is zh-TW: the JSON APIs answer with it as the refusal's message. */
export type Transition = { ok: true; state: MinutesState } | { ok: false; reason: string };

type Rule = { from: ReadonlyArray<MinutesState | 'none'>; by: readonly MinutesWriter[]; to: (from: MinutesState | 'none') => MinutesState };

const rules: Record<MinutesEvent, Rule> = {
  save: {
    from: ['none', 'draft', 'submitted'],
    by: ['chair', 'secretariat'],
    to: (from) => (from === 'submitted' ? 'submitted' : 'draft'),
  },
  submit: { from: ['draft'], by: ['chair', 'secretariat'], to: () => 'submitted' },
  return: { from: ['submitted'], by: ['secretariat'], to: () => 'draft' },
  approve: { from: ['submitted'], by: ['secretariat'], to: () => 'approved' },
  distribute: { from: ['approved'], by: ['secretariat'], to: () => 'distributed' },
  'follow-up': { from: ['approved', 'distributed'], by: ['secretariat'], to: (from) => from as MinutesState },
};

export function transition(current: MinutesState | undefined, event: MinutesEvent, by: MinutesWriter): Transition {
  const from = current ?? 'none';
  const rule = rules[event];
  if (!rule.by.includes(by))
    return { ok: false, reason: `只有${rule.by.map((who) => writerNames[who]).join('或')}可以${eventVerbs[event]}會議紀錄` };
  // A chair edits a draft; once submitted, only the secretariat may correct it (or return it).
  if (event === 'save' && by === 'chair' && from === 'submitted')
    return { ok: false, reason: '紀錄已送出，須由幕僚退回後，主持單位才能再修改' };
  if (!rule.from.includes(from)) return { ok: false, reason: `會議紀錄目前為「${minutesStateNames[from]}」，無法${eventVerbs[event]}` };
  return { ok: true, state: rule.to(from) };
}

/** Who may read minutes in a given state. Invited contacts read only what has been distributed. */
export function mayRead(state: MinutesState | undefined, reader: MinutesWriter | 'invitee'): boolean {
  if (reader === 'invitee') return state === 'distributed';
  return true;
}

/** Whether the chair may still change them: the page shows the form only then. */
export function chairMayEdit(state: MinutesState | undefined): boolean {
  return transition(state, 'save', 'chair').ok;
}

const writerNames: Readonly<Record<MinutesWriter, string>> = { chair: '主持單位', secretariat: '幕僚' };

const eventVerbs: Readonly<Record<MinutesEvent, string>> = {
  save: '儲存',
  submit: '送出',
  return: '退回',
  approve: '核定',
  distribute: '分送',
  'follow-up': '登記追蹤',
};

export const minutesStateNames: Readonly<Record<MinutesState | 'none', string>> = {
  none: '尚未填寫',
  draft: '草稿',
  submitted: '已送出，待幕僚核定',
  approved: '已核定',
  distributed: '已分送',
};
