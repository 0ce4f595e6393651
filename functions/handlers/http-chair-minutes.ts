// API Gateway's /c/{county}/minutes/{proxy+}, /c/{county}/api/minutes/{proxy+} and
// /c/{county}/assets/{proxy+} routes: the chair's minutes form from the chair notice, its JSON API,
// the form's script, and the distributed minutes invitees read. No account: the signed link is the
// credential. Imports the chair-minutes audience only: no RSVP pages, no document renderer, no
// console, no secretariat use cases.
import { serveAudiences } from '../http/audience-app.ts';
import { chairMinutesAudience } from '../http/chair-minutes-audience.ts';
import { linkSigningKey } from '../adapters/secrets/link-signing-key.ts';
import { httpHandler } from './http-lambda.ts';
import { servedCounties, tableConnection } from './runtime.ts';

const now = () => new Date();
const signingKey = await linkSigningKey();

export const handler = httpHandler(
  serveAudiences({ connection: tableConnection(), counties: servedCounties() }, [chairMinutesAudience({ now, signingKey })]),
);
