import { HttpErrorResponse, HttpHeaders } from '@angular/common/http';
import { loginErrorMessage, retryAfterSeconds } from './login-error';

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
});
