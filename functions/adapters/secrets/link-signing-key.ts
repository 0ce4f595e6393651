// The HMAC key for links in e-mails (RSVP, minutes). In AWS it lives in Secrets Manager and is
// read once per container, at cold start; locally `npm start` keeps one in the data folder and
// passes it as LINK_SIGNING_KEY, so links in mail already sent keep working across restarts.
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

let cached: Promise<Uint8Array> | undefined;

export function linkSigningKey(env: NodeJS.ProcessEnv = process.env): Promise<Uint8Array> {
  return (cached ??= readKey(env).catch((error: unknown) => {
    cached = undefined; // a failed read is retried on the next call, not remembered
    throw error;
  }));
}

/** Tests and local runs switch environments within one process. */
export function forgetLinkSigningKey(): void {
  cached = undefined;
}

async function readKey(env: NodeJS.ProcessEnv): Promise<Uint8Array> {
  if (env.LINK_SIGNING_KEY) {
    const key = Buffer.from(env.LINK_SIGNING_KEY, 'hex');
    if (key.length < 32) throw new Error('LINK_SIGNING_KEY must be at least 32 bytes, written in hex');
    return key;
  }
  if (env.LINK_SIGNING_SECRET_ARN) {
    const client = new SecretsManagerClient({});
    try {
      const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: env.LINK_SIGNING_SECRET_ARN }));
      if (!SecretString || SecretString.length < 32) throw new Error('the link signing secret is missing or shorter than 32 characters');
      return Buffer.from(SecretString, 'utf8');
    } finally {
      client.destroy();
    }
  }
  throw new Error('no link signing key: set LINK_SIGNING_SECRET_ARN (AWS) or LINK_SIGNING_KEY (local, hex)');
}
