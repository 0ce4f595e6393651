// Started as its own node process by the minutes document test, with another TZ: prints the SHA-256
// of the fixture minutes' PDF and ODT, to show the bytes do not depend on the machine's time zone.
import { minutesHashes } from '../documents/render-minutes-hashes.ts';

console.log(JSON.stringify(await minutesHashes()));
