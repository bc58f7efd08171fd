import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Role } from '@telework/contracts';
import { columnLiteral } from '@telework/persistence';

/** An account as log-in and token signing read it. */
export interface AccountRow {
  id: string;
  email: string;
  role: Role;
  agent_id: string | null;
  password_hash: string;
  active: boolean;
  session_version: number;
}

/** What a token is signed with. */
export type SignedAccount = Pick<AccountRow, 'id' | 'email' | 'role' | 'agent_id' | 'session_version'>;

/** An agent's account as switching it off reads it (under lock). */
export interface AgentAccountRow {
  id: string;
  role: string;
  active: boolean;
  pending: boolean;
}

/** An agent an invitation may be for, with its account if it has one. */
export interface InvitationCandidate {
  id: string;
  employee_number: string;
  first_name: string;
  last_name: string;
  email: string;
  role: Role;
  user_id: string | null;
  account_role: Role | null;
  active: boolean | null;
  email_taken: boolean;
}

/** One pending account to write: for an agent (new account) or over an account (renewed), with its link's hash. */
export interface PendingAccount {
  /** the agent's id for a new account, the account's id for a renewed one */
  id: string;
  email: string;
  role: Role;
  tokenHash: string;
}

/** An account found by its linked identity or as the match of a sign-on's claims. */
export interface SsoAccountRow extends SignedAccount {
  active: boolean;
  pending: boolean;
  /** the account is linked to an identity (of this provider or another) */
  linked: boolean;
}

/** An agent (or an account without agent) a sign-on's claims point at, with its account if any. */
export interface SsoCandidate {
  agent_id: string | null;
  user_id: string | null;
  active: boolean | null;
  pending: boolean | null;
  linked: boolean | null;
}

/**
 * Every SQL statement on accounts (the users table): log-in, activation, switching off,
 * invitations, and accounts following their agent's role and e-mail. Each method takes the
 * transaction's EntityManager when it runs inside one (the default: the data source's).
 */
@Injectable()
export class AccountsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The state every authenticated request checks (AccountStatusCache); undefined: no such account. */
  async findState(userId: string): Promise<{ active: boolean; role: Role; session_version: number } | undefined> {
    const [row] = await this.dataSource.query(`SELECT active, role, session_version FROM users WHERE id = $1`, [userId]);
    return row;
  }

  /** The account that logs in with this e-mail (case ignored). */
  async findByEmail(email: string): Promise<AccountRow | undefined> {
    const [user] = await this.dataSource.query(
      `SELECT id, email, role, agent_id, password_hash, active, session_version FROM users WHERE lower(email) = lower($1)`,
      [email],
    );
    return user;
  }

  async touchLastLogin(userId: string): Promise<void> {
    await this.dataSource.query(`UPDATE users SET last_login_at = now() WHERE id = $1`, [userId]);
  }

  /** Whether an unexpired invitation link has this hash (one index probe). */
  async hasLiveActivation(tokenHash: string): Promise<boolean> {
    const [live] = await this.dataSource.query(
      `SELECT 1 FROM users WHERE activation_token_hash = $1 AND activation_expires_at > now()`,
      [tokenHash],
    );
    return !!live;
  }

  /**
   * Consumes a live link in one conditional UPDATE (of two concurrent uses, one wins): sets the
   * password, activates the account, moves its session version on. Undefined: no live link.
   */
  async activate(tokenHash: string, passwordHash: string, manager: EntityManager = this.dataSource.manager): Promise<SignedAccount | undefined> {
    const [user]: SignedAccount[] = await manager.query(
      `WITH activated AS (
         UPDATE users SET password_hash = $2, active = true, activation_token_hash = NULL, activation_expires_at = NULL, last_login_at = now(),
                          session_version = session_version + 1
         WHERE activation_token_hash = $1 AND activation_expires_at > now()
         RETURNING id, email, role, agent_id, session_version
       ) SELECT * FROM activated`,
      [tokenHash, passwordHash],
    );
    return user;
  }

  /** The active account with its agent's name, for GET /auth/me. */
  async findActiveWithName(
    userId: string,
  ): Promise<{ email: string; role: Role; agent_id: string | null; display_name: string | null; language: 'fr' | 'en'; mail_opt_outs: string[] } | undefined> {
    const [row] = await this.dataSource.query(
      `SELECT u.email, u.role, u.agent_id, a.first_name || ' ' || a.last_name AS display_name, u.language, u.mail_opt_outs
       FROM users u LEFT JOIN agents a ON a.id = u.agent_id WHERE u.id = $1 AND u.active`,
      [userId],
    );
    return row;
  }

  /** The org units the agent manages, by code. */
  async managedOrgUnitIds(agentId: string): Promise<string[]> {
    const units: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM org_units WHERE manager_agent_id = $1 ORDER BY code`,
      [agentId],
    );
    return units.map((unit) => unit.id);
  }

  /** Locks the agent's account (FOR UPDATE); undefined when the agent has none. */
  async lockByAgent(agentId: string, manager: EntityManager): Promise<AgentAccountRow | undefined> {
    const [account]: AgentAccountRow[] = await manager.query(
      `SELECT id, role, active, activation_token_hash IS NOT NULL AS pending FROM users WHERE agent_id = $1 FOR UPDATE`,
      [agentId],
    );
    return account;
  }

  async agentExists(agentId: string, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    const [agent] = await manager.query(`SELECT 1 FROM agents WHERE id = $1`, [agentId]);
    return !!agent;
  }

  /**
   * Switches the account off. Session version + 1: its tokens stay dead even if the account comes
   * back; the invitation link and the iCal link die too (a new one is made when asked again).
   */
  async disable(userId: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query(
      `UPDATE users SET active = false, activation_token_hash = NULL, activation_expires_at = NULL,
                        session_version = session_version + 1, calendar_token = NULL
       WHERE id = $1`,
      [userId],
    );
  }

  /**
   * The agents an invitation is for, by employee number, their rows locked (FOR UPDATE OF the
   * agent): the given ones, or (none given) every agent without an account.
   */
  async lockInvitationCandidates(agentIds: string[] | undefined, manager: EntityManager): Promise<InvitationCandidate[]> {
    return manager.query(
      `SELECT a.id, a.employee_number, a.first_name, a.last_name, a.email, a.role, u.id AS user_id, u.role AS account_role, u.active,
              EXISTS (SELECT 1 FROM users o WHERE lower(o.email) = lower(a.email) AND o.agent_id IS DISTINCT FROM a.id) AS email_taken
       FROM agents a LEFT JOIN users u ON u.agent_id = a.id
       WHERE ${agentIds ? 'a.id = ANY($1::uuid[])' : 'u.id IS NULL'}
       ORDER BY a.employee_number
       FOR UPDATE OF a`,
      agentIds ? [agentIds] : [],
    );
  }

  /** New pending accounts, one per agent (`id`: the agent's), in one statement. */
  async insertPending(accounts: PendingAccount[], noPassword: string, expiresAt: Date, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query(
      `INSERT INTO users (agent_id, email, password_hash, role, active, activation_token_hash, activation_expires_at)
       SELECT t.agent_id, t.email, $4, t.role, false, t.token_hash, $5
       FROM unnest($1::uuid[], $2::text[], $3::text[], $6::text[]) AS t(agent_id, email, role, token_hash)`,
      [accounts.map((a) => a.id), accounts.map((a) => a.email), accounts.map((a) => a.role), noPassword, expiresAt, accounts.map((a) => a.tokenHash)],
    );
  }

  /** Existing accounts (`id`: the account's) made pending again with a new link, session version + 1, in one statement. */
  async renewPending(accounts: PendingAccount[], noPassword: string, expiresAt: Date, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query(
      `UPDATE users u SET email = t.email, role = t.role, active = false, password_hash = $4,
              activation_token_hash = t.token_hash, activation_expires_at = $5, session_version = u.session_version + 1
       FROM unnest($1::uuid[], $2::text[], $3::text[], $6::text[]) AS t(user_id, email, role, token_hash)
       WHERE u.id = t.user_id`,
      [accounts.map((a) => a.id), accounts.map((a) => a.email), accounts.map((a) => a.role), noPassword, expiresAt, accounts.map((a) => a.tokenHash)],
    );
  }

  /**
   * The agent's account takes its new role, and the tokens signed with the old one end (session
   * version + 1). Answers the ids of the accounts changed.
   */
  async followAgentRole(agentId: string, role: string, manager: EntityManager = this.dataSource.manager): Promise<string[]> {
    const changed: { id: string }[] = await manager.query(
      `WITH changed AS (UPDATE users SET role = $2, session_version = session_version + 1 WHERE agent_id = $1 RETURNING id)
       SELECT id FROM changed`,
      [agentId, role],
    );
    return changed.map((row) => row.id);
  }

  /** The agent's account logs in with its new e-mail. */
  async followAgentEmail(agentId: string, email: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query(`UPDATE users SET email = $2 WHERE agent_id = $1`, [agentId, email]);
  }

  /** The accounts of these agents take their agent's role where it differs, session version + 1. */
  async followAgentsRoles(agentIds: string[], manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query(
      `UPDATE users u SET role = a.role, session_version = u.session_version + 1 FROM agents a
       WHERE u.agent_id = a.id AND a.id = ANY($1::uuid[]) AND u.role <> a.role`,
      [columnLiteral(agentIds)],
    );
  }

  /** The accounts of these agents take their agent's e-mail where it differs. */
  async followAgentsEmails(agentIds: string[], manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query(
      `UPDATE users u SET email = a.email FROM agents a
       WHERE u.agent_id = a.id AND a.id = ANY($1::uuid[]) AND u.email <> a.email`,
      [columnLiteral(agentIds)],
    );
  }

  /** How many active ADMIN accounts there are. */
  async countActiveAdmins(): Promise<number> {
    const [{ accounts }] = await this.dataSource.query(`SELECT count(*)::int AS accounts FROM users WHERE active AND role = 'ADMIN'`);
    return accounts;
  }

  /** Whether an account logs in with this e-mail (case ignored). */
  async emailInUse(email: string): Promise<boolean> {
    const existing = await this.dataSource.query(`SELECT id FROM users WHERE lower(email) = lower($1)`, [email]);
    return existing.length > 0;
  }

  /** An active ADMIN account without an agent. */
  async insertAdmin(email: string, passwordHash: string): Promise<void> {
    await this.dataSource.query(`INSERT INTO users (email, password_hash, role) VALUES ($1, $2, 'ADMIN')`, [email, passwordHash]);
  }

  /** The account linked to this identity, its row locked (FOR UPDATE). */
  async lockByIdentity(issuer: string, subject: string, manager: EntityManager): Promise<SsoAccountRow | undefined> {
    const [row]: SsoAccountRow[] = await manager.query(
      `SELECT id, email, role, agent_id, session_version, active, activation_token_hash IS NOT NULL AS pending, true AS linked
       FROM users WHERE oidc_issuer = $1 AND oidc_subject = $2 FOR UPDATE`,
      [issuer, subject],
    );
    return row;
  }

  /**
   * What a sign-on's claims point at: the agent with this employee number, or else (e-mail, case
   * ignored) the agent with this e-mail and the accounts without agent (an ADMIN) with it; each
   * with its account, locked (FOR UPDATE OF the account). At most one agent and one account
   * without agent (both e-mails are unique).
   */
  async lockSsoCandidates(match: { employeeNumber: string } | { email: string }, manager: EntityManager): Promise<SsoCandidate[]> {
    const account = `u.id AS user_id, u.active, u.activation_token_hash IS NOT NULL AS pending, u.oidc_subject IS NOT NULL AS linked`;
    const candidates: SsoCandidate[] = await manager.query(
      'employeeNumber' in match
        ? `SELECT a.id AS agent_id, ${account} FROM agents a LEFT JOIN users u ON u.agent_id = a.id WHERE a.employee_number = $1 FOR UPDATE OF a`
        : `SELECT a.id AS agent_id, ${account} FROM agents a LEFT JOIN users u ON u.agent_id = a.id WHERE lower(a.email) = lower($1)
           UNION ALL
           SELECT NULL, ${account} FROM users u WHERE u.agent_id IS NULL AND lower(u.email) = lower($1)`,
      ['employeeNumber' in match ? match.employeeNumber : match.email],
    );
    // PostgreSQL refuses FOR UPDATE with UNION: the account rows are locked apart, in a fixed order
    const userIds = candidates.map((candidate) => candidate.user_id).filter((id): id is string => !!id).sort();
    if (userIds.length > 0) await manager.query(`SELECT id FROM users WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`, [userIds]);
    return candidates;
  }

  /**
   * An ACTIVE account for the agent, linked to the identity: the agent's role and e-mail, no
   * password (`noPassword`), French. Undefined when the agent has an account by now or another
   * account uses its e-mail (nothing written).
   */
  async insertSsoAccount(agentId: string, issuer: string, subject: string, noPassword: string, manager: EntityManager): Promise<SignedAccount | undefined> {
    const [row]: SignedAccount[] = await manager.query(
      `INSERT INTO users (agent_id, email, password_hash, role, active, language, oidc_issuer, oidc_subject, last_login_at)
       SELECT a.id, a.email, $4, a.role, true, 'fr', $2, $3, now() FROM agents a
       WHERE a.id = $1
         AND NOT EXISTS (SELECT 1 FROM users o WHERE o.agent_id = a.id OR lower(o.email) = lower(a.email))
       ON CONFLICT DO NOTHING
       RETURNING id, email, role, agent_id, session_version`,
      [agentId, issuer, subject, noPassword],
    );
    return row;
  }

  /**
   * Links an unlinked account, ACTIVE or pending, to the identity and records the sign-in; a
   * pending account becomes active (its invitation link dies, session version + 1). Undefined
   * when the account is linked by now, or switched off.
   */
  async linkSsoAccount(userId: string, issuer: string, subject: string, manager: EntityManager): Promise<SignedAccount | undefined> {
    const [row]: SignedAccount[] = await manager.query(
      `WITH linked AS (
         UPDATE users SET oidc_issuer = $2, oidc_subject = $3, last_login_at = now(), active = true,
                          session_version = session_version + CASE WHEN activation_token_hash IS NOT NULL THEN 1 ELSE 0 END,
                          activation_token_hash = NULL, activation_expires_at = NULL
         WHERE id = $1 AND oidc_subject IS NULL AND (active OR activation_token_hash IS NOT NULL)
         RETURNING id, email, role, agent_id, session_version
       ) SELECT * FROM linked`,
      [userId, issuer, subject],
    );
    return row;
  }

  /**
   * A linked account signs in: a pending one (invited again after being switched off) becomes
   * active (its link dies, session version + 1); last_login_at touched. Undefined when switched off.
   */
  async ssoSignIn(userId: string, manager: EntityManager): Promise<SignedAccount | undefined> {
    const [row]: SignedAccount[] = await manager.query(
      `WITH signed AS (
         UPDATE users SET last_login_at = now(), active = true,
                          session_version = session_version + CASE WHEN activation_token_hash IS NOT NULL THEN 1 ELSE 0 END,
                          activation_token_hash = NULL, activation_expires_at = NULL
         WHERE id = $1 AND (active OR activation_token_hash IS NOT NULL)
         RETURNING id, email, role, agent_id, session_version
       ) SELECT * FROM signed`,
      [userId],
    );
    return row;
  }

  /** The active account a token is signed for (at the exchange of a sign-on's ticket). */
  async findActiveSigned(userId: string): Promise<SignedAccount | undefined> {
    const [row]: SignedAccount[] = await this.dataSource.query(
      `SELECT id, email, role, agent_id, session_version FROM users WHERE id = $1 AND active`,
      [userId],
    );
    return row;
  }
}
