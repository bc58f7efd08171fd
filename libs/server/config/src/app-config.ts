import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { z } from 'zod';

const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

/** Express's names for address ranges, usable in TRUST_PROXY's list. */
const PROXY_RANGE_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

function isProxyAddress(entry: string): boolean {
  if (PROXY_RANGE_NAMES.includes(entry)) return true;
  const [address, prefix, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128);
}

/**
 * Express's `trust proxy`: which hops in front of the API may set X-Forwarded-For, so that
 * req.ip (the log-in rate limit's key) is the client and not the proxy. false: none (the API
 * is reached directly); true: any (only behind a proxy that overwrites the header); a number:
 * that many hops; a list: these addresses or subnets (`loopback, 10.0.0.0/8`).
 */
const trustProxyFromEnv = z.string().transform((value, context): boolean | number | string[] => {
  const text = value.trim().toLowerCase();
  if (text === 'false') return false;
  if (text === 'true') return true;
  if (/^\d+$/.test(text)) return Number(text);
  const entries = text.split(',').map((entry) => entry.trim()).filter(Boolean);
  const wrong = entries.filter((entry) => !isProxyAddress(entry));
  if (entries.length === 0 || wrong.length > 0) {
    context.addIssue({
      code: 'custom',
      message:
        `${wrong.length ? `"${wrong.join('", "')}" is not` : 'must be'} true, false, a hop count, or a comma-separated list of ` +
        `addresses, subnets (10.0.0.0/8) and loopback, linklocal, uniquelocal`,
    });
    return z.NEVER;
  }
  return entries;
});

/** Every environment variable the API and the worker read. README.md documents each. */
const environmentSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().default('0.0.0.0'),
    DATABASE_URL: z.string().url().optional(),
    DATA_DIR: z.string().default('./.data'),
    REDIS_URL: z.string().url().optional(),
    JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    JWT_TTL: z.string().default('8h'),
    ADMIN_EMAIL: z.string().email().optional(),
    ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
    // default: 'auto', but 'off' with NODE_ENV=production (see loadConfig)
    DEMO_DATA: z.enum(['auto', 'directory', 'off']).optional(),
    DEMO_PASSWORD: z.string().min(4).default('demo-telework'),
    DEMO_SCENARIO: z.string().default('departement'),
    DEMO_SEED: z.coerce.number().int().default(42),
    MAX_GROUP_SIZE: z.coerce.number().int().min(1).default(300),
    LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).default(10),
    TRUST_PROXY: trustProxyFromEnv.default(false),
    CONSOLE_DIR: z.string().default('dist/apps/console/browser'),
    LOG_LEVEL: z.enum(['error', 'warn', 'log', 'debug', 'verbose']).default('log'),
    RUN_MIGRATIONS: booleanFromEnv.default(true),
    PUBLIC_URL: z.string().url().optional(),
    PLANNING_TODAY: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD').optional(),
    ALLOCATION_CRON: z.string().regex(/^\S+( \S+){4,5}$/, 'must be a cron pattern such as "0 2 * * *"').default('0 2 * * *'),
    ALLOCATION_CATCH_UP: booleanFromEnv.default(true),
    ALLOCATION_WEEKS: z.coerce.number().int().min(1).max(26).default(4),
    FREEZE_WORKING_DAYS: z.coerce.number().int().min(0).max(20).default(2),
    QUEUE_PREFIX: z.string().regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, - and _ only').default('telework'),
    QUEUE_LOCK_DURATION_MS: z.coerce.number().int().min(1000).default(120_000),
    QUEUE_STALLED_INTERVAL_MS: z.coerce.number().int().min(500).default(30_000),
    PLANNING_TIME_LIMIT_MS: z.coerce.number().int().min(100).default(5000),
    ENGINE_WARM_UP: z.enum(['on', 'off']).default('on'),
    ALLOCATION_SPLIT_MIN_AGENTS: z.union([z.literal('off'), z.coerce.number().int().min(2)]).default('off'),
    VIDEO_MINUTES_PER_REMOTE_HALF_DAY: z.coerce.number().min(0).default(20),
    VIDEO_MONTHLY_LICENCE_MINUTES: z.coerce.number().int().min(0).default(600000),
    REQUEST_HORIZON_DAYS: z.coerce.number().int().min(1).max(3660).default(365),
    OIDC_ISSUER_URL: z.string().url().optional(),
    OIDC_CLIENT_ID: z.string().min(1).optional(),
    OIDC_CLIENT_SECRET: z.string().min(1).optional(),
    OIDC_SCOPES: z.string().regex(/(^|\s)openid(\s|$)/, 'must include "openid"').default('openid email profile'),
    OIDC_EMAIL_CLAIM: z.string().min(1).default('email'),
    OIDC_EMPLOYEE_NUMBER_CLAIM: z.string().min(1).optional(),
    OIDC_DISPLAY_NAME: z.string().min(1).max(80).optional(),
    PASSWORD_LOGIN: z.enum(['on', 'off']).default('on'),
    SMTP_URL: z.string().url().refine((url) => /^smtps?:$/.test(new URL(url).protocol), 'must be an smtp:// or smtps:// URL').optional(),
    MAIL_FROM: z.string().min(3).optional(),
    MANAGER_DIGEST_CRON: z.string().regex(/^\S+( \S+){4,5}$/, 'must be a cron pattern such as "30 7 * * 1-5"').default('30 7 * * 1-5'),
  })
  .superRefine((env, context) => {
    if (env.NODE_ENV === 'production' && !env.JWT_SECRET) {
      context.addIssue({ code: 'custom', path: ['JWT_SECRET'], message: 'is required in production' });
    }
    if (env.NODE_ENV === 'production' && env.DEMO_DATA !== undefined && env.DEMO_DATA !== 'off') {
      // both 'auto' and 'directory' create the demo's accounts (5,000 in the département, ADMIN and HR
      // included) whose password is in the README: on a production install that is an open door
      context.addIssue({
        code: 'custom',
        path: ['DEMO_DATA'],
        message:
          'the demo creates thousands of accounts, ADMIN included, with one shared password: it is refused with NODE_ENV=production ' +
          '(unset DEMO_DATA or set it to off, and create the first administrator with ADMIN_EMAIL and ADMIN_PASSWORD)',
      });
    }
    if ((env.OIDC_ISSUER_URL === undefined) !== (env.OIDC_CLIENT_ID === undefined)) {
      context.addIssue({
        code: 'custom',
        path: [env.OIDC_ISSUER_URL ? 'OIDC_CLIENT_ID' : 'OIDC_ISSUER_URL'],
        message: 'OIDC_ISSUER_URL and OIDC_CLIENT_ID go together',
      });
    }
    if (env.PASSWORD_LOGIN === 'off' && !env.OIDC_ISSUER_URL) {
      context.addIssue({
        code: 'custom',
        path: ['PASSWORD_LOGIN'],
        message: 'off needs single sign-on (OIDC_ISSUER_URL and OIDC_CLIENT_ID): nobody could log in',
      });
    }
    if ((env.ADMIN_EMAIL === undefined) !== (env.ADMIN_PASSWORD === undefined)) {
      context.addIssue({
        code: 'custom',
        path: [env.ADMIN_EMAIL ? 'ADMIN_PASSWORD' : 'ADMIN_EMAIL'],
        message: 'ADMIN_EMAIL and ADMIN_PASSWORD go together',
      });
    }
  });

export type DatabaseConfig =
  | { mode: 'postgres'; url: string }
  | { mode: 'embedded'; dataDir: string | null /* null: in memory */ };

export interface AppConfig {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  database: DatabaseConfig;
  redisUrl: string | null;
  jwt: { secret: string; ttl: string };
  admin: { email: string; password: string } | null;
  /** auto: the demo département and a first published rotation; directory: the département only */
  demo: { enabled: boolean; publishRotation: boolean; password: string; scenario: string; seed: number };
  maxGroupSize: number;
  loginRateLimitPerMinute: number;
  consoleDir: string;
  /** Express's `trust proxy` (TRUST_PROXY): which proxies' X-Forwarded-For gives the client address */
  trustProxy: boolean | number | string[];
  logLevel: 'error' | 'warn' | 'log' | 'debug' | 'verbose';
  runMigrations: boolean;
  /** a pinned "today" (demos, tests); null: the real date in Europe/Paris */
  planningToday: string | null;
  /** base URL people reach the API at (iCal links) */
  publicUrl: string;
  allocation: { cron: string; weeks: number; freezeWorkingDays: number; timeLimitMs: number; catchUp: boolean };
  /**
   * ENGINE_WARM_UP: one engine thread is kept and, at start-up, plans a generated département
   * (a nightly run, hours later, then finds the engine loaded and its JIT warm)
   */
  engineWarmUp: boolean;
  /**
   * ALLOCATION_SPLIT_MIN_AGENTS: from this many agents, a run whose pools are independent (no
   * site, group or agent links them: départements sharing one installation) plans its parts as
   * separate engine jobs, shared by the workers; null (`off`, the default: on one machine the
   * parts' transport costs more than their parallel solves save, README "Measured"): one solve
   */
  allocationSplitMinAgents: number | null;
  /** BullMQ: how long a job's lock lives without renewal, and how often stalled jobs are looked for */
  queue: { prefix: string; lockDurationMs: number; stalledIntervalMs: number };
  video: { minutesPerRemoteHalfDay: number; monthlyLicenceMinutes: number };
  /** how many days after today an agent may ask for a half-day */
  requestHorizonDays: number;
  /** single sign-on by OpenID Connect (authorization code + PKCE); null: not configured */
  oidc: OidcConfig | null;
  /** PASSWORD_LOGIN: false = single sign-on only (the log-in form hidden, POST /auth/login answers 403) */
  passwordLogin: boolean;
  /** e-mail notifications; smtpUrl null: no e-mail is written or sent */
  mail: MailConfig;
}

export interface OidcConfig {
  issuerUrl: string;
  clientId: string;
  /** null: a public client (PKCE alone) */
  clientSecret: string | null;
  scopes: string;
  emailClaim: string;
  /** the claim holding the agent's employee number; null: agents are matched by e-mail */
  employeeNumberClaim: string | null;
  /** the button's text; null: the console's own wording */
  displayName: string | null;
}

export interface MailConfig {
  smtpUrl: string | null;
  /** the From header of every mail */
  from: string;
  /** when the managers' digest of waiting requests is written (cron, Europe/Paris; working days only) */
  digestCron: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/**
 * Reads and validates the environment once. A bad variable stops start-up with the list of
 * what is wrong; nothing else in the code reads process.env.
 */
export function loadConfig(environment: Record<string, string | undefined> = process.env): AppConfig {
  const cleaned = Object.fromEntries(
    Object.entries(environment).filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = environmentSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const env = parsed.data;
  const demoData = env.DEMO_DATA ?? (env.NODE_ENV === 'production' ? 'off' : 'auto');
  return {
    env: env.NODE_ENV,
    port: env.PORT,
    host: env.HOST,
    database: env.DATABASE_URL
      ? { mode: 'postgres', url: env.DATABASE_URL }
      : { mode: 'embedded', dataDir: env.DATA_DIR === ':memory:' ? null : env.DATA_DIR },
    redisUrl: env.REDIS_URL ?? null,
    // Without JWT_SECRET (development only) tokens are signed with a per-process key:
    // they stop working at restart, which is the honest behaviour for a dev default.
    jwt: { secret: env.JWT_SECRET ?? randomBytes(32).toString('hex'), ttl: env.JWT_TTL },
    admin: env.ADMIN_EMAIL && env.ADMIN_PASSWORD ? { email: env.ADMIN_EMAIL, password: env.ADMIN_PASSWORD } : null,
    demo: { enabled: demoData !== 'off', publishRotation: demoData === 'auto', password: env.DEMO_PASSWORD, scenario: env.DEMO_SCENARIO, seed: env.DEMO_SEED },
    maxGroupSize: env.MAX_GROUP_SIZE,
    loginRateLimitPerMinute: env.LOGIN_RATE_LIMIT,
    consoleDir: env.CONSOLE_DIR,
    logLevel: env.LOG_LEVEL,
    runMigrations: env.RUN_MIGRATIONS,
    trustProxy: env.TRUST_PROXY,
    planningToday: env.PLANNING_TODAY ?? null,
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, ''),
    allocation: {
      cron: env.ALLOCATION_CRON,
      weeks: env.ALLOCATION_WEEKS,
      freezeWorkingDays: env.FREEZE_WORKING_DAYS,
      timeLimitMs: env.PLANNING_TIME_LIMIT_MS,
      catchUp: env.ALLOCATION_CATCH_UP,
    },
    queue: { prefix: env.QUEUE_PREFIX, lockDurationMs: env.QUEUE_LOCK_DURATION_MS, stalledIntervalMs: env.QUEUE_STALLED_INTERVAL_MS },
    video: { minutesPerRemoteHalfDay: env.VIDEO_MINUTES_PER_REMOTE_HALF_DAY, monthlyLicenceMinutes: env.VIDEO_MONTHLY_LICENCE_MINUTES },
    requestHorizonDays: env.REQUEST_HORIZON_DAYS,
    oidc: env.OIDC_ISSUER_URL && env.OIDC_CLIENT_ID
      ? {
          issuerUrl: env.OIDC_ISSUER_URL,
          clientId: env.OIDC_CLIENT_ID,
          clientSecret: env.OIDC_CLIENT_SECRET ?? null,
          scopes: env.OIDC_SCOPES,
          emailClaim: env.OIDC_EMAIL_CLAIM,
          employeeNumberClaim: env.OIDC_EMPLOYEE_NUMBER_CLAIM ?? null,
          displayName: env.OIDC_DISPLAY_NAME ?? null,
        }
      : null,
    passwordLogin: env.PASSWORD_LOGIN === 'on',
    engineWarmUp: env.ENGINE_WARM_UP === 'on',
    allocationSplitMinAgents: env.ALLOCATION_SPLIT_MIN_AGENTS === 'off' ? null : env.ALLOCATION_SPLIT_MIN_AGENTS,
    mail: {
      smtpUrl: env.SMTP_URL ?? null,
      from: env.MAIL_FROM ?? `Planificateur télétravail <no-reply@${new URL(env.PUBLIC_URL ?? 'http://localhost').hostname}>`,
      digestCron: env.MANAGER_DIGEST_CRON,
    },
  };
}
