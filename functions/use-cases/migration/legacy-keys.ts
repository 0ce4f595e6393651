// Where each item of a table written by the single-county version (up to commit 87c4f3d) belongs
// in the county-keyed layout of keys.ts. That version's keys had no county:
//
// | single-county key                                   | county-keyed key                              |
// |-----------------------------------------------------|-----------------------------------------------|
// | SERIES#<series> (occurrences, overrides, answers,   | C#<county>#SERIES#<series>, same sort key      |
// |   minutes, versions, action items, follow-up forms) |                                               |
// | ROSTER, LINKS                                       | C#<county>#ROSTER, C#<county>#LINKS            |
// | CALENDAR / CLOSURE#<date>                           | C#<county>#CLOSURES / CLOSURE#<date>           |
// | CALENDAR / YEAR#<yyyy>                              | unchanged: the office calendar is national     |
// | OUTBOX#<series>#<slot>                              | C#<county>#OUTBOX#<series>#<slot>              |
// | AUDIT#<series>#<slot>, AUDIT#secretariat-views      | C#<county>#AUDIT#…                             |
// | gsi1pk OUTBOX#PENDING, OUTBOX#FAILED, ACTION#open,  | C#<county>#… ; an outbox item's gsi1sk        |
// |   FOLLOWUP#owed                                     |   (<at>#<pk>#<sk>) names its new pk            |
//
// Pure: it decides, the migration use case reads and writes. Items are raw DynamoDB attribute
// maps, so every attribute that is not a key is carried over exactly, whatever its type.
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { countyPrefix, keys, type CountyId } from '../../adapters/dynamodb/keys.ts';

export type RawItem = Record<string, AttributeValue>;
export type ItemKey = { pk: string; sk: string };

export type LegacyDecision =
  /** A single-county item and where it goes. */
  | { kind: 'move'; from: ItemKey; to: ItemKey; item: RawItem }
  /** Already in the county-keyed layout, or national (office calendar years): left as it is. */
  | { kind: 'keep'; key: ItemKey; why: 'county-keyed' | 'national' }
  /** Neither: the migration does not know it and will not touch it. */
  | { kind: 'unknown'; key: ItemKey };

/** The gsi1pk values of the single-county version, each a county's own index partition now. */
const legacyIndexPartitions: Record<string, (county: CountyId) => string> = {
  'OUTBOX#PENDING': keys.pendingNotices,
  'OUTBOX#FAILED': keys.failedNotices,
  'ACTION#open': keys.openActionItems,
  'FOLLOWUP#owed': keys.owedFollowUps,
};

const text = (value: AttributeValue | undefined): string | undefined => (value && 'S' in value ? value.S : undefined);

/** The new partition key of a single-county one, or undefined if it is not one. */
function countyPartition(county: CountyId, pk: string, sk: string): string | undefined {
  if (pk === 'ROSTER') return keys.roster(county);
  if (pk === 'LINKS') return keys.links(county);
  if (pk === 'CALENDAR' && sk.startsWith(keys.closure(''))) return keys.closures(county);
  if (/^(SERIES|OUTBOX|AUDIT)#./.test(pk)) return `${countyPrefix(county)}${pk}`;
  return undefined;
}

export function placeLegacyItem(item: RawItem, county: CountyId): LegacyDecision {
  const pk = text(item.pk) ?? '';
  const sk = text(item.sk) ?? '';
  const key = { pk, sk };
  if (pk.startsWith('C#')) return { kind: 'keep', key, why: 'county-keyed' };
  if (pk === keys.calendar && sk.startsWith(keys.calendarYearPrefix)) return { kind: 'keep', key, why: 'national' };
  const newPk = countyPartition(county, pk, sk);
  if (!newPk) return { kind: 'unknown', key };

  const moved: RawItem = { ...item, pk: { S: newPk } };
  const indexPartition = text(item.gsi1pk);
  if (indexPartition !== undefined) {
    const rename = legacyIndexPartitions[indexPartition];
    if (!rename) return { kind: 'unknown', key };
    moved.gsi1pk = { S: rename(county) };
    // The outbox orders its index by <due or failed at>#<pk>#<sk>: the pk inside is the new one.
    const order = text(item.gsi1sk);
    if (order !== undefined && pk.startsWith('OUTBOX#')) moved.gsi1sk = { S: order.replace(`#${pk}#`, `#${newPk}#`) };
  }
  return { kind: 'move', from: key, to: { pk: newPk, sk }, item: moved };
}
