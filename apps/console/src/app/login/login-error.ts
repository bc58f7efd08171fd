import { HttpErrorResponse } from '@angular/common/http';
import { SSO_ERROR_CODES, SsoErrorCode } from '@telework/contracts';
import { problemCode } from '../core/api/api-error';

export interface Message {
  key: string;
  params?: Record<string, string | number>;
}

/** What to tell a user whose log-in failed, from the API's answer. */
export function loginErrorMessage(error: unknown): Message {
  if (!(error instanceof HttpErrorResponse)) {
    return { key: 'login.errors.unexpected', params: { status: '?' } };
  }
  switch (error.status) {
    case 0:
      return { key: 'login.errors.unreachable' };
    case 401:
      return { key: 'login.errors.invalidCredentials' };
    case 403:
      // single sign-on only (PASSWORD_LOGIN=off): the form was offered by an older page
      if (problemCode(error) === 'PASSWORD_LOGIN_DISABLED')
        return { key: 'login.errors.passwordLoginDisabled' };
      return { key: 'login.errors.unexpected', params: { status: 403 } };
    case 429: {
      const seconds = retryAfterSeconds(error.headers.get('Retry-After'));
      return seconds !== null
        ? { key: 'login.errors.tooManyAttemptsRetry', params: { seconds } }
        : { key: 'login.errors.tooManyAttempts' };
    }
    default:
      return {
        key: 'login.errors.unexpected',
        params: { status: error.status },
      };
  }
}

/** `Retry-After` is either a number of seconds or an HTTP date. */
export function retryAfterSeconds(
  header: string | null,
  now: number = Date.now(),
): number | null {
  if (!header) return null;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Math.max(1, Number(trimmed));
  const when = Date.parse(trimmed);
  if (Number.isNaN(when)) return null;
  return Math.max(1, Math.ceil((when - now) / 1000));
}

export function isSsoErrorCode(value: unknown): value is SsoErrorCode {
  return typeof value === 'string' && (SSO_ERROR_CODES as readonly string[]).includes(value);
}

/** Why a single sign-on failed (`/login?sso=CODE`), in words; any other code, a general sentence. */
export function ssoErrorMessage(code: string): Message {
  return { key: isSsoErrorCode(code) ? `login.sso.errors.${code}` : 'login.sso.errors.unknown' };
}
