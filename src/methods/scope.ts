/**
 * The scope of user-scoped answers in the response cache: whose data it is, without the credential.
 * A session key is a bearer secret, so only a SHA-256 of it (with the app key) ever reaches a key.
 */
import { createHash } from 'node:crypto';

export function sessionScope(appKey: string, session: string | undefined): string | undefined {
  if (session === undefined || session === '') return undefined;
  const digest = createHash('sha256').update(`${appKey}\n${session}`, 'utf8').digest('hex');
  return `session:${digest}`;
}
