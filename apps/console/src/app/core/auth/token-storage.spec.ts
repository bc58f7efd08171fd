import { TestBed } from '@angular/core/testing';
import { aJwt } from '../../testing/test-helpers';
import { jwtExpiry, TokenStorage } from './token-storage';

describe('TokenStorage', () => {
  let storage: TokenStorage;

  beforeEach(() => {
    sessionStorage.clear();
    storage = TestBed.inject(TokenStorage);
  });

  it('keeps the token in sessionStorage', () => {
    const token = aJwt({ sub: 'u1', exp: 2_000_000_000 });
    storage.write(token);
    expect(sessionStorage.getItem('tw.accessToken')).toBe(token);
    expect(storage.read(1_000_000_000_000)).toBe(token);
    storage.clear();
    expect(storage.read()).toBeNull();
  });

  it('keeps the end-session address of a single sign-on, forgotten by a password log-in and on clear', () => {
    const token = aJwt({ sub: 'u1', exp: 2_000_000_000 });
    storage.write(token, 'https://idp.example/logout?id_token_hint=x');
    expect(storage.endSessionUrl()).toBe('https://idp.example/logout?id_token_hint=x');
    storage.write(token);
    expect(storage.endSessionUrl()).toBeNull();
    storage.write(token, 'https://idp.example/logout');
    storage.clear();
    expect(storage.endSessionUrl()).toBeNull();
    expect(sessionStorage.length).toBe(0);
  });

  it('drops an expired token on read', () => {
    storage.write(aJwt({ exp: 1_000 }));
    expect(storage.read(1_000 * 1000)).toBeNull();
    expect(sessionStorage.getItem('tw.accessToken')).toBeNull();
  });

  it('keeps an opaque token whose expiry it cannot read', () => {
    storage.write('not-a-jwt');
    expect(storage.read()).toBe('not-a-jwt');
  });

  it('reads the exp claim of a base64url JWT', () => {
    expect(jwtExpiry(aJwt({ exp: 1_893_456_000 }))).toBe(1_893_456_000);
    expect(jwtExpiry(aJwt({ sub: 'x' }))).toBeNull();
    expect(jwtExpiry('a.%%%.c')).toBeNull();
  });
});
