import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('defaults to the embedded database and in-process jobs', () => {
    const config = loadConfig({});
    expect(config.database).toEqual({ mode: 'embedded', dataDir: './.data' });
    expect(config.redisUrl).toBeNull();
    expect(config.port).toBe(3000);
    expect(config.maxGroupSize).toBe(300);
    expect(config.allocation).toEqual({ cron: '0 2 * * *', weeks: 4, freezeWorkingDays: 2, timeLimitMs: 5000, catchUp: true });
    expect(config.publicUrl).toBe('http://localhost:3000');
  });

  it('uses PostgreSQL and Redis when their URLs are set', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://u@127.0.0.1:5432/db', REDIS_URL: 'redis://127.0.0.1:6379' });
    expect(config.database).toEqual({ mode: 'postgres', url: 'postgres://u@127.0.0.1:5432/db' });
    expect(config.redisUrl).toBe('redis://127.0.0.1:6379');
  });

  it('lists every bad variable by name', () => {
    expect.assertions(5);
    try {
      loadConfig({ PORT: 'abc', MAX_GROUP_SIZE: '0', ADMIN_EMAIL: 'not-an-email', ALLOCATION_CRON: 'at two' });
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems.join('\n');
      expect(problems).toMatch(/^ALLOCATION_CRON: /m);
      expect(problems).toMatch(/^PORT: /m);
      expect(problems).toMatch(/^MAX_GROUP_SIZE: /m);
      expect(problems).toMatch(/^ADMIN_EMAIL: /m);
    }
  });

  it('requires JWT_SECRET in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET: is required in production/);
  });

  it('loads no demo in production unless asked, and refuses to load one there', () => {
    const production = { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32) };
    expect(loadConfig(production).demo).toMatchObject({ enabled: false, publishRotation: false });
    expect(loadConfig({ ...production, DEMO_DATA: 'off' }).demo.enabled).toBe(false);
    // the demo's accounts (ADMIN included) share one public password: never in production
    for (const demo of ['auto', 'directory']) {
      expect(() => loadConfig({ ...production, DEMO_DATA: demo })).toThrow(
        /DEMO_DATA: the demo creates thousands of accounts, ADMIN included, with one shared password: it is refused with NODE_ENV=production/,
      );
    }
    // elsewhere the demo is still the default
    expect(loadConfig({}).demo).toMatchObject({ enabled: true, publishRotation: true });
    expect(loadConfig({ NODE_ENV: 'test', DEMO_DATA: 'directory' }).demo).toMatchObject({ enabled: true, publishRotation: false });
  });

  it('reads TRUST_PROXY as Express takes it: false by default, true, a hop count or a list of addresses and subnets', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'TRUE' }).trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8 ,172.18.0.5,fd00::/8, uniquelocal' }).trustProxy).toEqual([
      'loopback', '10.0.0.0/8', '172.18.0.5', 'fd00::/8', 'uniquelocal',
    ]);
    for (const bad of ['yes', 'nginx', '10.0.0.0/33', '10.0.0/8', 'loopback,,300.1.1.1', '::1/129', ',']) {
      expect(() => loadConfig({ TRUST_PROXY: bad })).toThrow(/TRUST_PROXY: /);
    }
    expect(() => loadConfig({ TRUST_PROXY: 'loopback, nginx' })).toThrow(
      'TRUST_PROXY: "nginx" is not true, false, a hop count, or a comma-separated list of addresses, subnets (10.0.0.0/8) and loopback, linklocal, uniquelocal',
    );
  });

  it('keeps an in-memory embedded database for ":memory:"', () => {
    expect(loadConfig({ DATA_DIR: ':memory:' }).database).toEqual({ mode: 'embedded', dataDir: null });
  });

  it('reads single sign-on and e-mail: off by default, each pair checked together', () => {
    const defaults = loadConfig({});
    expect(defaults.oidc).toBeNull();
    expect(defaults.passwordLogin).toBe(true);
    expect(defaults.mail).toEqual({ smtpUrl: null, from: 'Planificateur télétravail <no-reply@localhost>', digestCron: '30 7 * * 1-5' });
    const sso = loadConfig({ OIDC_ISSUER_URL: 'https://idp.example/realms/cd', OIDC_CLIENT_ID: 'telework', PASSWORD_LOGIN: 'off', SMTP_URL: 'smtp://u:p@mail.example:587' });
    expect(sso.oidc).toEqual({
      issuerUrl: 'https://idp.example/realms/cd', clientId: 'telework', clientSecret: null, scopes: 'openid email profile',
      emailClaim: 'email', employeeNumberClaim: null, displayName: null,
    });
    expect(sso.passwordLogin).toBe(false);
    expect(sso.mail.smtpUrl).toBe('smtp://u:p@mail.example:587');
    expect(() => loadConfig({ OIDC_ISSUER_URL: 'https://idp.example' })).toThrow(/OIDC_CLIENT_ID: OIDC_ISSUER_URL and OIDC_CLIENT_ID go together/);
    expect(() => loadConfig({ PASSWORD_LOGIN: 'off' })).toThrow(/PASSWORD_LOGIN: off needs single sign-on/);
    expect(() => loadConfig({ SMTP_URL: 'http://mail.example' })).toThrow(/SMTP_URL: must be an smtp:\/\/ or smtps:\/\/ URL/);
    expect(() => loadConfig({ OIDC_ISSUER_URL: 'https://idp.example', OIDC_CLIENT_ID: 'c', OIDC_SCOPES: 'email profile' })).toThrow(/OIDC_SCOPES: must include "openid"/);
    expect(() => loadConfig({ MANAGER_DIGEST_CRON: 'mornings' })).toThrow(/MANAGER_DIGEST_CRON: /);
  });

  it('warms an engine thread up by default; ENGINE_WARM_UP=off does not, anything else is refused', () => {
    expect(loadConfig({}).engineWarmUp).toBe(true);
    expect(loadConfig({ ENGINE_WARM_UP: 'off' }).engineWarmUp).toBe(false);
    expect(() => loadConfig({ ENGINE_WARM_UP: 'yes' })).toThrow(/ENGINE_WARM_UP: /);
  });

  it('never splits runs by pool by default; a number of agents sets the threshold, anything else is refused', () => {
    expect(loadConfig({}).allocationSplitMinAgents).toBeNull();
    expect(loadConfig({ ALLOCATION_SPLIT_MIN_AGENTS: '50' }).allocationSplitMinAgents).toBe(50);
    expect(loadConfig({ ALLOCATION_SPLIT_MIN_AGENTS: 'off' }).allocationSplitMinAgents).toBeNull();
    expect(() => loadConfig({ ALLOCATION_SPLIT_MIN_AGENTS: 'sometimes' })).toThrow(/ALLOCATION_SPLIT_MIN_AGENTS: /);
    expect(() => loadConfig({ ALLOCATION_SPLIT_MIN_AGENTS: '1' })).toThrow(/ALLOCATION_SPLIT_MIN_AGENTS: /);
  });
});
