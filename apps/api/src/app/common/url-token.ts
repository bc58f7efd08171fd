import { randomBytes } from 'node:crypto';

/**
 * Secrets carried in URLs (calendar feeds, invitation links): 32 random bytes in base64url,
 * 43 characters. Anything else is not one of ours and is refused before any lookup.
 */
export const URL_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function newUrlToken(): string {
  return randomBytes(32).toString('base64url');
}
