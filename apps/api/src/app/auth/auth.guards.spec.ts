import { JwtService } from '@nestjs/jwt';
import { TokenVerifier } from './auth.guards';

/** The token check on its own; the guard's answers (401 codes) are covered by problems.e2e.spec.ts and security.e2e.spec.ts. */
describe('TokenVerifier', () => {
  // not ASCII: the key must be the secret's UTF-8 bytes, as jsonwebtoken makes it from the string
  const secret = 'clé-secrète-de-test-assez-longue-0123456789';
  const signer = new JwtService({ secret, signOptions: { expiresIn: '1h' } });
  const claims = { sub: 'user-1', email: 'a@example.fr', role: 'AGENT', agentId: 'agent-1', sv: 3 };
  const nowSeconds = () => Math.floor(Date.now() / 1000);

  it('accepts a token signed with the secret as a string, and its claims', async () => {
    const verifier = new TokenVerifier(new JwtService({ secret }), secret);
    const token = signer.sign(claims);
    await expect(verifier.verify(token)).resolves.toMatchObject(claims);
  });

  it('refuses a token signed with another secret, a tampered one, an unsigned one, and garbage', async () => {
    const verifier = new TokenVerifier(new JwtService({ secret }), secret);
    const other = new JwtService({ secret: `${secret}-other`, signOptions: { expiresIn: '1h' } }).sign(claims);
    await expect(verifier.verify(other)).rejects.toThrow('invalid signature');

    const [header, , signature] = signer.sign(claims).split('.');
    const promoted = Buffer.from(JSON.stringify({ ...claims, role: 'ADMIN', exp: nowSeconds() + 3600 })).toString('base64url');
    await expect(verifier.verify(`${header}.${promoted}.${signature}`)).rejects.toThrow('invalid signature');

    const none = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    await expect(verifier.verify(`${none}.${promoted}.`)).rejects.toThrow();
    await expect(verifier.verify('not.a.token')).rejects.toThrow();
  });

  it('refuses an expired token, also once it was accepted before its expiry', async () => {
    const verifier = new TokenVerifier(new JwtService({ secret }), secret);
    const token = signer.sign(claims, { expiresIn: 60 });
    const { exp } = signer.decode(token) as { exp: number };
    await expect(verifier.verify(token, (exp - 1) * 1000)).resolves.toMatchObject(claims);
    // the same string, remembered as verified, at and after its expiry second
    await expect(verifier.verify(token, exp * 1000)).rejects.toThrow('jwt expired');
    await expect(verifier.verify(token, (exp + 3600) * 1000)).rejects.toThrow('jwt expired');
    const stale = signer.sign(claims, { expiresIn: -10 });
    await expect(verifier.verify(stale)).rejects.toThrow('jwt expired');
  });

  it('does not remember a token that is not valid yet', async () => {
    const verifier = new TokenVerifier(new JwtService({ secret }), secret);
    const token = signer.sign(claims, { notBefore: 60 });
    const { nbf } = signer.decode(token) as { nbf: number };
    await expect(verifier.verify(token, nbf * 1000)).resolves.toMatchObject(claims);
    await expect(verifier.verify(token, (nbf - 30) * 1000)).rejects.toThrow('jwt not active');
  });

  it('returns the remembered claims without verifying the token again', async () => {
    const jwt = new JwtService({ secret });
    const verifyAsync = jest.spyOn(jwt, 'verifyAsync');
    const verifier = new TokenVerifier(jwt, secret);
    const token = signer.sign(claims);
    const first = await verifier.verify(token);
    const second = await verifier.verify(token);
    expect(second).toBe(first);
    expect(Object.isFrozen(second)).toBe(true);
    expect(verifyAsync).toHaveBeenCalledTimes(1);
  });
});
