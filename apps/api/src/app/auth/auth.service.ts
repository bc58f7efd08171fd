import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { DataSource } from 'typeorm';
import type { CurrentUserDto, LoginResponse } from '@telework/contracts';
import { PlanningClock } from '@telework/server-infrastructure';
import type { AuthUser } from './auth.decorators';
import { AuditService } from '../audit/audit.service';
import { fieldProblems, notFoundProblem, unauthenticatedProblem } from '../common/problems';
import { AccountStatusCache } from './account-status';
import { URL_TOKEN_PATTERN } from '../common/url-token';
import { AccountsRepository, SignedAccount } from './accounts.repository';
import { hashActivationToken } from './accounts.service';
import { hashPassword, isPasswordHash, verifyPassword } from './password-hasher';

/** A dead link, whatever the reason (unknown, used, expired): the answer does not tell which. */
const invalidLink = () => fieldProblems([{ field: 'token', code: 'ACTIVATION_LINK_INVALID' }]);

@Injectable()
export class AuthService {
  /** Verified when the e-mail is unknown or has no password yet, so every failure takes the same time. */
  private readonly decoyHash = hashPassword('decoy password that never matches');

  constructor(
    private readonly dataSource: DataSource,
    private readonly accounts: AccountsRepository,
    private readonly jwt: JwtService,
    private readonly audit: AuditService,
    private readonly status: AccountStatusCache,
    private readonly clock: PlanningClock,
  ) {}

  async login(email: string, password: string): Promise<LoginResponse> {
    const user = await this.accounts.findByEmail(email);
    // One Argon2 verification whatever the case: an unknown e-mail and a pending invitation
    // (whose stored value is no hash, so it used to fail at once) use the decoy, so the time of
    // an answer does not tell which e-mails exist or are waiting for their activation
    const stored = user?.password_hash;
    const hash = isPasswordHash(stored) ? stored : await this.decoyHash;
    const valid = (await verifyPassword(hash, password)) && hash === stored;
    if (!user || !valid || !user.active) {
      throw unauthenticatedProblem({ code: 'BAD_CREDENTIALS' }, 'Unknown e-mail or wrong password');
    }
    await this.accounts.touchLastLogin(user.id);
    return { accessToken: await this.sign(user) };
  }

  /**
   * Sets the password of a pending account from its invitation link and logs the agent in. One
   * conditional UPDATE consumes the link: of two concurrent uses, one wins.
   */
  async activate(token: string, password: string): Promise<LoginResponse> {
    if (!URL_TOKEN_PATTERN.test(token)) throw invalidLink();
    // a dead link costs one index probe, not an Argon2 hash: guessing links cannot load the CPU
    if (!(await this.accounts.hasLiveActivation(hashActivationToken(token)))) throw invalidLink();
    const passwordHash = await hashPassword(password);
    const user = await this.dataSource.transaction(async (manager) => {
      // a new password: tokens of the account's earlier life stay dead (session version + 1)
      const user = await this.accounts.activate(hashActivationToken(token), passwordHash, manager);
      if (!user) throw invalidLink();
      const actor: AuthUser = { userId: user.id, email: user.email, role: user.role, agentId: user.agent_id };
      await this.audit.record(actor, 'account.activated', 'user', user.id, {}, manager);
      return user;
    });
    // after the commit (a request in between would cache the old answer): a switched-off
    // account invited again works at once
    await this.status.forget(user.id);
    return { accessToken: await this.sign(user) };
  }

  /** The access token of a log-in, whatever the way in (password, activation, single sign-on). */
  sign(user: SignedAccount): Promise<string> {
    return this.jwt.signAsync({ sub: user.id, email: user.email, role: user.role, agentId: user.agent_id, sv: Number(user.session_version) });
  }

  async me(current: AuthUser): Promise<CurrentUserDto> {
    const row = await this.accounts.findActiveWithName(current.userId);
    if (!row) throw notFoundProblem({ code: 'ACCOUNT_NOT_FOUND' });
    const managedOrgUnitIds = row.agent_id ? await this.accounts.managedOrgUnitIds(row.agent_id) : [];
    return {
      userId: current.userId,
      email: row.email,
      role: row.role,
      agentId: row.agent_id,
      displayName: row.display_name ?? row.email,
      managedOrgUnitIds,
      today: this.clock.today(),
      language: row.language,
      mailOptOuts: row.mail_opt_outs as CurrentUserDto['mailOptOuts'],
    };
  }
}
