import { Injectable } from '@angular/core';

const KEY = 'tw.accessToken';
const END_SESSION_KEY = 'tw.endSessionUrl';

/**
 * Keeps the access token in sessionStorage: it survives a reload but not the closing of
 * the tab, which suits shared office computers. An expired JWT is dropped on read so the
 * console never sends a token it knows the API will refuse.
 */
@Injectable({ providedIn: 'root' })
export class TokenStorage {
  read(now: number = Date.now()): string | null {
    const token = safeGet();
    if (!token) return null;
    const exp = jwtExpiry(token);
    if (exp !== null && exp * 1000 <= now) {
      this.clear();
      return null;
    }
    return token;
  }

  /**
   * Keeps `token`, and where log-out must send the browser to end the identity provider's
   * session too (single sign-on; null for a password log-in, which forgets an older one).
   */
  write(token: string, endSessionUrl: string | null = null): void {
    try {
      sessionStorage.setItem(KEY, token);
      if (endSessionUrl) sessionStorage.setItem(END_SESSION_KEY, endSessionUrl);
      else sessionStorage.removeItem(END_SESSION_KEY);
    } catch {
      // storage refused (private mode, quota): the session then lasts until reload
    }
  }

  /** The identity provider's end-of-session address of this session, if it came by single sign-on. */
  endSessionUrl(): string | null {
    try {
      return sessionStorage.getItem(END_SESSION_KEY);
    } catch {
      return null;
    }
  }

  clear(): void {
    try {
      sessionStorage.removeItem(KEY);
      sessionStorage.removeItem(END_SESSION_KEY);
    } catch {
      // nothing stored
    }
  }
}

function safeGet(): string | null {
  try {
    return sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}

/** The `exp` claim (seconds since epoch) of a JWT, or null when absent or unreadable. */
export function jwtExpiry(token: string): number | null {
  const payload = token.split('.')[1];
  if (!payload) return null;
  try {
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    const exp = (JSON.parse(json) as { exp?: unknown }).exp;
    return typeof exp === 'number' ? exp : null;
  } catch {
    return null;
  }
}
