// How a notice names its recipient: in the To: line, the calendar's attendee list and the
// console's "who was told". The unit first, then the person, so a squad leader's Outlook shows
// 「警察局 婦幼警察隊 隊長」.
//
// Rosters name title-only contacts after their own unit, as people write them on a contact
// sheet: 「婦幼警察隊 隊長」, 「社區心理衛生中心 主任」, often shortened (「少輔會 總幹事」 in
// 少年輔導委員會, 「學生事務科 科長」 in 學生事務及特殊教育科). Put after the unit's full name,
// that label said the unit twice (「警察局 婦幼警察隊 婦幼警察隊 隊長」); it is left out when it
// names the unit, and kept when it is anything else (a person's name, another office).
//
// Kept small on purpose: every HTTP function carries it (through county-view.ts), and they are
// held to 150 KB of their own code.

/** The unit's name, then the contact's name without a leading label that only repeats the unit. */
export function recipientName(unitName: string, contactName: string): string {
  // The words of the unit's name, without its notes in full-width brackets (「（單一窗口）」).
  const words = unitName
    .replace(/（[^（）]*）/g, ' ')
    .split(/\s+/)
    .filter(Boolean);
  const name = contactName.trim();
  const space = name.search(/\s/);
  // The label: the first word (「婦幼警察隊 隊長」), or a one-word name without its note
  // (「外聘督導（待填）」).
  const label = space > 0 ? name.slice(0, space) : name.replace(/（[^（）]*）$/, '');
  // A label names the unit when it is a word of its name, the end of one (嘉義就業中心 → 就業中心)
  // or its usual short form (少年輔導委員會 → 少輔會). A one-word name must be the unit's last word
  // exactly: 「秘書長」 of 秘書長室 is the Secretary-General, not the office. One character is
  // never enough: 「王 小明」 is a person.
  const namesUnit =
    label.length > 1 && (space > 0 ? words.some((word) => word.endsWith(label) || shortened(label, word)) : words.at(-1) === label);
  return namesUnit ? `${unitName}${space > 0 ? ' ' : ''}${name.slice(label.length).trim()}` : `${unitName} ${name}`;
}

/** `label` is `word` with characters left out: the same first and last character, the rest in order. */
function shortened(label: string, word: string): boolean {
  let at = 0;
  return (
    label.length < word.length &&
    label[0] === word[0] &&
    label.at(-1) === word.at(-1) &&
    [...label].every((char) => (at = word.indexOf(char, at) + 1) > 0)
  );
}
