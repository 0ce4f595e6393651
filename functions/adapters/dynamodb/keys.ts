// Every key of the one table, in one place. A newcomer reads the single-table design here.
//
// Counties are tenants: every key of a county's data starts with `C#<county>#`, so one deployment
// can serve one county or all 22 without one ever reading another's items. The national office
// calendar alone has keys without a county: the DGPA calendar is the same for every county, and
// importing it is a platform administrator's task.
//
// Access patterns (pk = partition key, sk = sort key, gsi1 = the sparse index):
//
// | access pattern                                   | key                                                            |
// |--------------------------------------------------|----------------------------------------------------------------|
// | a series' occurrences, overrides, answers,        | pk C#<county>#SERIES#<series>, sk OCC#<slot> / OVR#<slot> /     |
// |   minutes heads, versions, action items and       |   RSVP#<slot>#<contact> / MINUTES#<slot> / MINVER#<slot>#<n> /  |
// |   follow-up forms: one query per series           |   ACTION#<slot>#<nn> / FOLLOWUP#<slot>#<type>                   |
// | the county's roster changes (one query a run)     | pk C#<county>#ROSTER, sk UNIT#<unit>#CONTACT#<contact>          |
// | the county's link versions (revocation)           | pk C#<county>#LINKS, sk CONTACT#<contact>                       |
// | the county's closures (停止上班)                    | pk C#<county>#CLOSURES, sk CLOSURE#<date>                       |
// | calendar replies from people nobody invited       | pk C#<county>#HELD-REPLIES, sk <series>#<slot>#<address hash>   |
// | plain mail forwarded once per stored message, TTL | pk C#<county>#FORWARDED-MAIL, sk OBJECT#<S3 object key>         |
// | the county's planning runs (last --now)           | pk C#<county>#PLANNING, sk RUN                                  |
// | a console session (hash of the cookie), with TTL  | pk C#<county>#SESSIONS, sk SESSION#<sha-256 of the session id>  |
// | a sign-in under way (PKCE verifier, nonce), TTL   | pk C#<county>#SESSIONS, sk SIGNIN#<sha-256 of the state>        |
// | one meeting's notices                             | pk C#<county>#OUTBOX#<series>#<slot>, sk <notice id>            |
// | a day's chair-change digests (one per person)     | pk C#<county>#OUTBOX##<day>, sk <notice id>                     |
// | due notices, oldest first (dispatcher)            | gsi1 C#<county>#OUTBOX#PENDING, sk <due>#<pk>#<sk>              |
// | notices that could not be sent                    | gsi1 C#<county>#OUTBOX#FAILED, sk <at>#<pk>#<sk>                |
// | open action items across series, by due date      | gsi1 C#<county>#ACTION#open, sk <due>#<series>#<slot>#<nn>      |
// | owed follow-up forms across series, by due date   | gsi1 C#<county>#FOLLOWUP#owed, sk <due>#<series>#<slot>#<type>  |
// | one meeting's audit trail                         | pk C#<county>#AUDIT#<series>#<slot>, sk <at>#<uuid>             |
// | secretariat reads that span meetings (audited)    | pk C#<county>#AUDIT#secretariat-views, sk <at>#<uuid>           |
// | the secretariat's county-wide tasks (closures,    | pk C#<county>#AUDIT#secretariat-actions, sk <at>#<uuid>         |
// |   calendar import, contacts, digests' notices)    |                                                                |
// | every secretariat task of the county, newest last | gsi1 C#<county>#AUDIT#actions, sk <at>#<uuid>                   |
// |   (one per task, whichever partition it is in)    |                                                                |
// | a unit's calendar feed (hashed secret), by unit   | pk C#<county>#FEEDS, sk UNIT#<unit>                             |
// | who issued, rotated or revoked feeds (audit)      | pk C#<county>#AUDIT#feeds, sk <at>#<uuid>                       |
// | the 開會通知單 issued for a meeting, in order      | pk C#<county>#NOTICES, sk <series>#<slot>#<nnn>                 |
// | the year's last 發文字號 serial (a counter)         | pk C#<county>#DOCUMENT-NUMBERS, sk YEAR#<yyyy>                  |
// | who the notices name as issuer and contact        | pk C#<county>#NOTICES, sk SETTINGS                              |
// | the national office calendar: imported years      | pk CALENDAR, sk YEAR#<yyyy>                                     |
export type CountyId = string;

/** The prefix every key of one county's data starts with. */
export const countyPrefix = (county: CountyId) => `C#${county}#`;

export const keys = {
  series: (county: CountyId, seriesId: string) => `${countyPrefix(county)}SERIES#${seriesId}`,
  occurrence: (slotKey: string) => `OCC#${slotKey}`,
  occurrencePrefix: 'OCC#',
  override: (slotKey: string) => `OVR#${slotKey}`,
  overridePrefix: 'OVR#',
  /** The trailing # keeps slot 2026-03 apart from an ad-hoc slot 2026-03-15. */
  rsvpPrefix: (slotKey: string) => `RSVP#${slotKey}#`,
  rsvp: (slotKey: string, contactId: string) => `RSVP#${slotKey}#${contactId}`,
  minutesHead: (slotKey: string) => `MINUTES#${slotKey}`,
  minutesHeadPrefix: 'MINUTES#',
  minutesVersionPrefix: (slotKey: string) => `MINVER#${slotKey}#`,
  minutesVersion: (slotKey: string, version: number) => `MINVER#${slotKey}#${String(version).padStart(6, '0')}`,
  actionItem: (slotKey: string, index: number) => `ACTION#${slotKey}#${String(index).padStart(2, '0')}`,
  actionItemPrefix: 'ACTION#',
  followUpForm: (slotKey: string, placementType: string) => `FOLLOWUP#${slotKey}#${placementType}`,

  roster: (county: CountyId) => `${countyPrefix(county)}ROSTER`,
  rosterChange: (unitId: string, contactId: string) => `UNIT#${unitId}#CONTACT#${contactId}`,
  rosterPrefix: 'UNIT#',

  links: (county: CountyId) => `${countyPrefix(county)}LINKS`,
  linkVersion: (contactId: string) => `CONTACT#${contactId}`,
  linkVersionPrefix: 'CONTACT#',

  closures: (county: CountyId) => `${countyPrefix(county)}CLOSURES`,
  closure: (date: string) => `CLOSURE#${date}`,
  closurePrefix: 'CLOSURE#',

  /** Calendar replies from attendees nobody invited (a forwarded invitation), kept for the secretariat. */
  heldReplies: (county: CountyId) => `${countyPrefix(county)}HELD-REPLIES`,
  heldReply: (seriesId: string, slotKey: string, addressHash: string) => `${seriesId}#${slotKey}#${addressHash}`,

  /**
   * One marker per received plain e-mail (the S3 object SES stored it as), so a second delivery of
   * the same S3 event forwards nothing more. The object key is SES's message id: no address.
   */
  forwardedMail: (county: CountyId) => `${countyPrefix(county)}FORWARDED-MAIL`,
  forwardedMailObject: (objectKey: string) => `OBJECT#${objectKey}`,

  planning: (county: CountyId) => `${countyPrefix(county)}PLANNING`,
  planningRun: 'RUN',

  /**
   * Console sessions and sign-ins under way, under the county: a session of one county is not found
   * by another's console. Only hashes of the cookie and state are keys, so reading the table does
   * not give anyone a session. Both expire by the table's TTL (expiresAt) and are checked on read.
   */
  consoleSessions: (county: CountyId) => `${countyPrefix(county)}SESSIONS`,
  consoleSession: (idHash: string) => `SESSION#${idHash}`,
  signInAttempt: (stateHash: string) => `SIGNIN#${stateHash}`,

  outbox: (county: CountyId, seriesId: string, slotKey: string) => `${countyPrefix(county)}OUTBOX#${seriesId}#${slotKey}`,
  /** A day's chair-change digests: notices about many meetings, so under no series (OUTBOX##<day>). */
  chairDigests: (county: CountyId, day: string) => `${countyPrefix(county)}OUTBOX##${day}`,
  pendingNotices: (county: CountyId) => `${countyPrefix(county)}OUTBOX#PENDING`,
  failedNotices: (county: CountyId) => `${countyPrefix(county)}OUTBOX#FAILED`,

  openActionItems: (county: CountyId) => `${countyPrefix(county)}ACTION#open`,
  openActionItemOrder: (dueDate: string, seriesId: string, slotKey: string, index: number) =>
    `${dueDate}#${seriesId}#${slotKey}#${String(index).padStart(2, '0')}`,
  owedFollowUps: (county: CountyId) => `${countyPrefix(county)}FOLLOWUP#owed`,
  owedFollowUpOrder: (dueDate: string, seriesId: string, slotKey: string, placementType: string) =>
    `${dueDate}#${seriesId}#${slotKey}#${placementType}`,

  /** One item per unit with a calendar feed: the secret's SHA-256, never the secret. */
  feeds: (county: CountyId) => `${countyPrefix(county)}FEEDS`,
  feed: (unitId: string) => `UNIT#${unitId}`,
  feedsAudit: (county: CountyId) => `${countyPrefix(county)}AUDIT#feeds`,

  /** Issued 開會通知單, each meeting's in the order issued (original, 更正, 取消), beside the notice settings. */
  notices: (county: CountyId) => `${countyPrefix(county)}NOTICES`,
  noticesOf: (seriesId: string, slotKey: string) => `${seriesId}#${slotKey}#`,
  notice: (seriesId: string, slotKey: string, revision: number) => `${seriesId}#${slotKey}#${String(revision).padStart(3, '0')}`,
  noticeSettings: 'SETTINGS',
  /** The last 發文字號 serial given out in a year: raised only in the transaction that stores the notice. */
  documentNumbers: (county: CountyId) => `${countyPrefix(county)}DOCUMENT-NUMBERS`,
  documentNumberYear: (year: number) => `YEAR#${year}`,

  meetingAudit: (county: CountyId, seriesId: string, slotKey: string) => `${countyPrefix(county)}AUDIT#${seriesId}#${slotKey}`,
  viewsAudit: (county: CountyId) => `${countyPrefix(county)}AUDIT#secretariat-views`,
  /** Secretariat tasks that change no single meeting: closures, calendar imports, contacts. */
  secretariatActions: (county: CountyId) => `${countyPrefix(county)}AUDIT#secretariat-actions`,
  /** The sparse index of every secretariat task: the console's audit trail in one query. */
  secretariatActionIndex: (county: CountyId) => `${countyPrefix(county)}AUDIT#actions`,
  auditEntry: (at: string, id: string) => `${at}#${id}`,

  /** National: the DGPA office calendar is the same for every county. */
  calendar: 'CALENDAR',
  calendarYear: (year: number) => `YEAR#${year}`,
  calendarYearPrefix: 'YEAR#',
} as const;

/** The item attributes that are keys, not data: stripped before an item is handed to the core. */
export function withoutKeys({
  pk: _pk,
  sk: _sk,
  entity: _entity,
  gsi1pk: _g,
  gsi1sk: _s,
  ...rest
}: Record<string, unknown>): Record<string, unknown> {
  return rest;
}
