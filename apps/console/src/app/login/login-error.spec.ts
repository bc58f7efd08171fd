import { HttpErrorResponse, HttpHeaders } from '@angular/common/http';
import { SSO_ERROR_CODES } from '@telework/contracts';
import { EN } from '../core/i18n/en';
import { FR } from '../core/i18n/fr';
import { loginErrorMessage, retryAfterSeconds, ssoErrorMessage } from './login-error';

const http = (status: number, headers: Record<string, string> = {}) =>
  new HttpErrorResponse({ status, headers: new HttpHeaders(headers) });

describe('loginErrorMessage', () => {
  it('401: wrong credentials', () => {
    expect(loginErrorMessage(http(401))).toEqual({
      key: 'login.errors.invalidCredentials',
    });
  });

  it('429: rate limited, with the wait when the API gives it', () => {
    expect(loginErrorMessage(http(429))).toEqual({
      key: 'login.errors.tooManyAttempts',
    });
    expect(loginErrorMessage(http(429, { 'Retry-After': '42' }))).toEqual({
      key: 'login.errors.tooManyAttemptsRetry',
      params: { seconds: 42 },
    });
  });

  it('0: server unreachable; anything else: the status', () => {
    expect(loginErrorMessage(http(0))).toEqual({
      key: 'login.errors.unreachable',
    });
    expect(loginErrorMessage(http(503))).toEqual({
      key: 'login.errors.unexpected',
      params: { status: 503 },
    });
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-12-08T09:00:00Z');
    expect(retryAfterSeconds('120', now)).toBe(120);
    expect(retryAfterSeconds('Tue, 08 Dec 2026 09:00:30 GMT', now)).toBe(30);
    expect(retryAfterSeconds('soon', now)).toBeNull();
    expect(retryAfterSeconds(null, now)).toBeNull();
  });

  it('403 PASSWORD_LOGIN_DISABLED: single sign-on only; another 403 stays unexpected', () => {
    const disabled = new HttpErrorResponse({ status: 403, error: { code: 'PASSWORD_LOGIN_DISABLED' } });
    expect(loginErrorMessage(disabled)).toEqual({ key: 'login.errors.passwordLoginDisabled' });
    expect(loginErrorMessage(http(403))).toEqual({ key: 'login.errors.unexpected', params: { status: 403 } });
  });

  it('words every sign-on error code, in French and English', () => {
    for (const code of SSO_ERROR_CODES) {
      expect(ssoErrorMessage(code)).toEqual({ key: `login.sso.errors.${code}` });
      expect(FR.login.sso.errors[code]).toMatch(/\w/);
      expect(EN.login.sso.errors[code]).toMatch(/\w/);
    }
    expect(ssoErrorMessage('nope')).toEqual({ key: 'login.sso.errors.unknown' });
  });
});
