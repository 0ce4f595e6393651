// Console sessions and sign-ins under way, as items of the one table under the county's
// C#<county>#SESSIONS partition (keys.ts). The cookie's session id and the sign-in's state are
// never stored, only their SHA-256: someone who reads the table cannot sign in with what they read.
// DynamoDB's TTL removes items some time after expiresAt, so every read checks the time itself.
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { createHash } from 'node:crypto';
import { keys } from './keys.ts';
import { writeIf, type MeetingTable } from './meeting-table.ts';
import { epochSeconds, isSessionActive, touchedTimes, type SessionTimes } from '../../core/access/console-session.ts';

export type ConsoleSession = SessionTimes & {
  /** The sign-in's subject (Cognito's sub): what audit records name. */
  subject: string;
  /** Who is shown as signed in: the name or e-mail the ID token gave. */
  displayName: string;
  /** Sent back with every form and checked on every change. */
  csrfToken: string;
};

export type SignInAttempt = {
  /** PKCE: the verifier whose challenge went to the sign-in page. */
  codeVerifier: string;
  nonce: string;
  /** The console path asked for before signing in. */
  returnTo: string;
  expiresAt: number;
};

/** What a secret is stored as. */
export const secretHash = (secret: string) => createHash('sha256').update(secret).digest('base64url');

export async function createSession(table: MeetingTable, sessionId: string, session: ConsoleSession): Promise<void> {
  const written = await writeIf(() =>
    table.client.send(
      new PutCommand({
        TableName: table.tableName,
        Item: {
          pk: keys.consoleSessions(table.county),
          sk: keys.consoleSession(secretHash(sessionId)),
          entity: 'console-session',
          ...session,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    ),
  );
  // 256 random bits that collide: something is badly wrong with the random source.
  if (!written) throw new Error('a console session with this id exists already');
}

/** The session the cookie names, if it exists and is still active at `now`. */
export async function findActiveSession(table: MeetingTable, sessionId: string, now: Date): Promise<ConsoleSession | undefined> {
  const { Item } = await table.client.send(
    new GetCommand({
      TableName: table.tableName,
      Key: { pk: keys.consoleSessions(table.county), sk: keys.consoleSession(secretHash(sessionId)) },
      ConsistentRead: true,
    }),
  );
  if (!Item || Item.entity !== 'console-session') return undefined;
  const session = Item as unknown as ConsoleSession;
  return isSessionActive(session, now) ? session : undefined;
}

/**
 * Records a request, pushing the idle deadline on (never past the 12 hours). Only while the item
 * is still there and unexpired: a request racing sign-out never brings a session back.
 */
export async function touchSession(table: MeetingTable, sessionId: string, session: ConsoleSession, now: Date): Promise<void> {
  const times = touchedTimes(session, now);
  if (!times) return;
  await writeIf(() =>
    table.client.send(
      new UpdateCommand({
        TableName: table.tableName,
        Key: { pk: keys.consoleSessions(table.county), sk: keys.consoleSession(secretHash(sessionId)) },
        UpdateExpression: 'SET lastSeenAt = :seen, expiresAt = :expires',
        ConditionExpression: 'attribute_exists(pk) AND expiresAt > :now',
        ExpressionAttributeValues: { ':seen': times.lastSeenAt, ':expires': times.expiresAt, ':now': epochSeconds(now) },
      }),
    ),
  );
}

export async function deleteSession(table: MeetingTable, sessionId: string): Promise<void> {
  await table.client.send(
    new DeleteCommand({
      TableName: table.tableName,
      Key: { pk: keys.consoleSessions(table.county), sk: keys.consoleSession(secretHash(sessionId)) },
    }),
  );
}

export async function saveSignInAttempt(table: MeetingTable, state: string, attempt: SignInAttempt): Promise<void> {
  await table.client.send(
    new PutCommand({
      TableName: table.tableName,
      Item: { pk: keys.consoleSessions(table.county), sk: keys.signInAttempt(secretHash(state)), entity: 'sign-in', ...attempt },
    }),
  );
}

/** The sign-in the state names, removed as it is read: a code and its verifier are used once. */
export async function takeSignInAttempt(table: MeetingTable, state: string, now: Date): Promise<SignInAttempt | undefined> {
  try {
    const { Attributes } = await table.client.send(
      new DeleteCommand({
        TableName: table.tableName,
        Key: { pk: keys.consoleSessions(table.county), sk: keys.signInAttempt(secretHash(state)) },
        ConditionExpression: 'attribute_exists(pk)',
        ReturnValues: 'ALL_OLD',
      }),
    );
    const attempt = Attributes as (SignInAttempt & { entity?: string }) | undefined;
    if (!attempt || attempt.entity !== 'sign-in' || attempt.expiresAt <= epochSeconds(now)) return undefined;
    return { codeVerifier: attempt.codeVerifier, nonce: attempt.nonce, returnTo: attempt.returnTo, expiresAt: attempt.expiresAt };
  } catch (error) {
    if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return undefined;
    throw error;
  }
}
