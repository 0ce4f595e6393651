// Attendance of a committee unit (the placement panel's experts), member by member, and whether
// the meeting had its quorum. A committee is a unit whose contacts are its named members and
// whose configuration gives the quorum (county-config.ts `committee`). Pure: the members come
// from the county as it is now, the marks from the minutes.
import type { NetworkUnit } from '../series/county-config.ts';
import type { Attendance, MinutesContent } from './minutes-schema.ts';
import { minutesLimits } from './minutes-limits.ts';

export type QuorumCount = {
  /** Members on the committee: its contacts now, and anyone marked in the minutes who has since left. */
  members: number;
  present: number;
  /** Members marked present or absent; the rest are not yet recorded. */
  marked: number;
  quorum: number;
  met: boolean;
};

export function isCommittee(unit: NetworkUnit | undefined): unit is NetworkUnit & { committee: NonNullable<NetworkUnit['committee']> } {
  return unit?.committee !== undefined;
}

export function quorumCount(unit: NetworkUnit & { committee: NonNullable<NetworkUnit['committee']> }, entry?: Attendance): QuorumCount {
  const marks = entry?.members ?? [];
  const ids = new Set([...unit.contacts.map((c) => c.id), ...marks.map((m) => m.contactId)]);
  const present = marks.filter((m) => m.present).length;
  return { members: ids.size, present, marked: marks.length, quorum: unit.committee.quorum, met: present >= unit.committee.quorum };
}

/** 出席 6 位／委員 9 位，法定出席人數 5 位：已達法定人數. */
export function quorumText(count: QuorumCount): string {
  const verdict =
    count.marked < count.members && !count.met
      ? `尚有 ${count.members - count.marked} 位未勾選`
      : count.met
        ? '已達法定出席人數'
        : '未達法定出席人數';
  return `出席 ${count.present} 位／委員 ${count.members} 位，法定出席人數 ${count.quorum} 位：${verdict}`;
}

/**
 * A committee unit's line in the minutes follows from its members: present when any member was,
 * and the names of those present, so documents and lists that read `present` and `names` show the
 * same as the member-by-member record. Other units are left as they were.
 */
export function withCommitteeAttendance(minutes: MinutesContent, unitOf: (unitId: string) => NetworkUnit | undefined): MinutesContent {
  return {
    ...minutes,
    attendance: minutes.attendance.map((entry) => {
      const unit = unitOf(entry.unitId);
      if (!isCommittee(unit) || !entry.members) return entry;
      const nameOf = (contactId: string) => unit.contacts.find((c) => c.id === contactId)?.name;
      const names = entry.members
        .filter((m) => m.present)
        .map((m) => nameOf(m.contactId)?.slice(0, minutesLimits.nameLength))
        .filter((name): name is string => name !== undefined);
      return { ...entry, present: entry.members.some((m) => m.present), names };
    }),
  };
}
