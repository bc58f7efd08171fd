import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { DataSource } from 'typeorm';
import type { CurrentUserDto, LoginResponse, Role } from '@telework/contracts';
import { PlanningClock } from '@telework/server-infrastructure';
import type { AuthUser } from './auth.decorators';
import { AuditService } from '../audit/audit.service';
import { fieldProblems, notFoundProblem, unauthenticatedProblem } from '../common/problems';
import { AccountStatusCache } from './account-status';
import { URL_TOKEN_PATTERN } from '../common/url-token';
import { hashActivationToken } from './accounts.service';
import { hashPassword, isPasswordHash, verifyPassword } from './password-hasher';

/** A dead link, whatever the reason (unknown, used, expired): the answer does not tell which. */
const invalidLink = () => fieldProblems([{ field: 'token', code: 'ACTIVATION_LINK_INVALID' }]);

interface UserRow {
  id: string;
  email: string;
  role: Role;
  agent_id: string | null;
  password_hash: string;
  active: boolean;
  session_version: number;
}

@Injectable()
export class AuthService {
  /** Verified when the e-mail is unknown or has no password yet, so every failure takes the same time. */
  private readonly decoyHash = hashPassword('decoy password that never matches');

  constructor(
    private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
    private readonly audit: AuditService,
    private readonly status: AccountStatusCache,
    private readonly clock: PlanningClock,
  ) {}

  async login(email: string, password: string): Promise<LoginResponse> {
    const [user]: UserRow[] = await this.dataSource.query(
      `SELECT id, email, role, agent_id, password_hash, active, session_version FROM users WHERE lower(email) = lower($1)`,
      [email],
    );
    // One Argon2 verification whatever the case: an unknown e-mail and a pending invitation
    // (whose stored value is no hash, so it used to fail at once) use the decoy, so the time of
    // an answer does not tell which e-mails exist or are waiting for their activation
    const stored = user?.password_hash;
    const hash = isPasswordHash(stored) ? stored : await this.decoyHash;
    const valid = (await verifyPassword(hash, password)) && hash === stored;
    if (!user || !valid || !user.active) {
      throw unauthenticatedProblem({ code: 'BAD_CREDENTIALS' }, 'Unknown e-mail or wrong password');
    }
    await this.dataSource.query(`UPDATE users SET last_login_at = now() WHERE id = $1`, [user.id]);
    return { accessToken: await this.sign(user) };
  }

  /**
   * Sets the password of a pending account from its invitation link and logs the agent in. One
   * conditional UPDATE consumes the link: of two concurrent uses, one wins.
   */
  async activate(token: string, password: string): Promise<LoginResponse> {
    if (!URL_TOKEN_PATTERN.test(token)) throw invalidLink();
    // a dead link costs one index probe, not an Argon2 hash: guessing links cannot load the CPU
    const [live] = await this.dataSource.query(
      `SELECT 1 FROM users WHERE activation_token_hash = $1 AND activation_expires_at > now()`,
      [hashActivationToken(token)],
    );
    if (!live) throw invalidLink();
    const passwordHash = await hashPassword(password);
    const user = await this.dataSource.transaction(async (manager) => {
      // a new password: tokens of the account's earlier life stay dead (session version + 1)
      const [user]: Pick<UserRow, 'id' | 'email' | 'role' | 'agent_id' | 'session_version'>[] = await manager.query(
        `WITH activated AS (
           UPDATE users SET password_hash = $2, active = true, activation_token_hash = NULL, activation_expires_at = NULL, last_login_at = now(),
                            session_version = session_version + 1
           WHERE activation_token_hash = $1 AND activation_expires_at > now()
           RETURNING id, email, role, agent_id, session_version
         ) SELECT * FROM activated`,
        [hashActivationToken(token), passwordHash],
      );
      if (!user) throw invalidLink();
      const actor: AuthUser = { userId: user.id, email: user.email, role: user.role, agentId: user.agent_id };
      await this.audit.record(actor, 'account.activated', 'user', user.id, {}, manager);
      return user;
    });
    // after the commit (a request in between would cache the old answer): a switched-off
    // account invited again works at once
    this.status.forget(user.id);
    return { accessToken: await this.sign(user) };
  }

  private sign(user: Pick<UserRow, 'id' | 'email' | 'role' | 'agent_id' | 'session_version'>): Promise<string> {
    return this.jwt.signAsync({ sub: user.id, email: user.email, role: user.role, agentId: user.agent_id, sv: Number(user.session_version) });
  }

  async me(current: AuthUser): Promise<CurrentUserDto> {
    const [row]: { email: string; role: Role; agent_id: string | null; display_name: string | null }[] =
      await this.dataSource.query(
        `SELECT u.email, u.role, u.agent_id, a.first_name || ' ' || a.last_name AS display_name
         FROM users u LEFT JOIN agents a ON a.id = u.agent_id WHERE u.id = $1 AND u.active`,
        [current.userId],
      );
    if (!row) throw notFoundProblem({ code: 'ACCOUNT_NOT_FOUND' });
    const managed: { id: string }[] = row.agent_id
      ? await this.dataSource.query(`SELECT id FROM org_units WHERE manager_agent_id = $1 ORDER BY code`, [row.agent_id])
      : [];
    return {
      userId: current.userId,
      email: row.email,
      role: row.role,
      agentId: row.agent_id,
      displayName: row.display_name ?? row.email,
      managedOrgUnitIds: managed.map((unit) => unit.id),
      today: this.clock.today(),
    };
  }
}
