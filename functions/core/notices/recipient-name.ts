// How a notice names its recipient: in the To: line, the calendar's attendee list and the
// console's "who was told". The unit first, then the person, so a squad leader's Outlook shows
// 「警察局 婦幼警察隊 隊長」.
//
// Rosters name title-only contacts after their own unit, as people write them on a contact
// sheet: 「婦幼警察隊 隊長」, 「社區心理衛生中心 主任」, often shortened (「少輔會 總幹事」 in
// 少年輔導委員會, 「學生事務科 科長」 in 學生事務及特殊教育科). Put after the unit's full name,
// that label said the unit twice (「警察局 婦幼警察隊 婦幼警察隊 隊長」); it is left out when it
// names the unit, and kept when it is anything else (a person's name, another office).

/** The unit's name, then the contact's name without a leading label that only repeats the unit. */
export function recipientName(unitName: string, contactName: string): string {
  const name = contactName.trim();
  const space = name.search(/\s/);
  if (space > 0) {
    const label = name.slice(0, space);
    const rest = name.slice(space).trim();
    if (namesUnit(label, unitName)) return `${unitName} ${rest}`;
    return `${unitName} ${name}`;
  }
  // A contact named exactly as the unit's last word (「外聘督導（待填）」 of 少輔會 外聘督導): the
  // unit, and the note. Only exactly: 「秘書長」 of 秘書長室 is the Secretary-General, not the office.
  const note = /（[^（）]*）$/.exec(name)?.[0] ?? '';
  const bare = name.slice(0, name.length - note.length);
  if (bare.length >= 2 && wordsOf(unitName).at(-1) === bare) return `${unitName}${note}`;
  return `${unitName} ${name}`;
}

/**
 * Whether a label names the unit: one of the words of its name (社會局 兒少保護科 → 兒少保護科),
 * the end of one (嘉義就業中心 → 就業中心), or a word shortened the usual way, keeping its first
 * and last characters and dropping some between (少年輔導委員會 → 少輔會, 勞工及青年事務處 →
 * 勞青處). Not any part of a word: 「秘書長 王大明」 of 秘書長室 keeps his title. One character is
 * never enough: 「王 小明」 is a person.
 */
function namesUnit(label: string, unitName: string): boolean {
  if (label.length < 2) return false;
  return wordsOf(unitName).some((word) => word.endsWith(label) || shortened(label, word));
}

/** The words of a unit's name, without its notes in full-width brackets (「（單一窗口）」). */
function wordsOf(unitName: string): string[] {
  return unitName
    .replace(/（[^（）]*）/g, ' ')
    .split(/\s+/)
    .filter((w) => w.length > 0);
}

/** `label` is `word` with characters left out: same first and last character, the rest in order. */
function shortened(label: string, word: string): boolean {
  const l = [...label];
  const w = [...word];
  if (l[0] !== w[0] || l.at(-1) !== w.at(-1) || l.length >= w.length) return false;
  let at = 0;
  for (const char of l) {
    at = w.indexOf(char, at);
    if (at < 0) return false;
    at += 1;
  }
  return true;
}
