import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccountInvitation, InvitationSkipCode, InvitationsResponse, recordText } from '@telework/contracts';
import type { AppConfig } from '@telework/server-config';
import { InjectConfig } from '@telework/server-infrastructure';
import { writeActivationMails } from '@telework/server-mail';
import { AuditService } from '../audit/audit.service';
import { MailDispatcher } from '../mail/mail.dispatcher';
import { newUrlToken } from '../common/url-token';
import { conflictProblem, fieldProblems, forbiddenProblem, notFoundProblem } from '../common/problems';
import { AccountStatusCache } from './account-status';
import { AccountsRepository, InvitationCandidate } from './accounts.repository';
import type { AuthUser } from './auth.decorators';
import { forbidden, isPrivileged } from './privileged-roles';

/** An invitation link works this long. */
export const ACTIVATION_DAYS = 7;

/** What a pending account holds instead of a password hash: no password ever verifies against it. */
export const NO_PASSWORD = '!invitation-pending';

export const hashActivationToken = (token: string): string => createHash('sha256').update(token).digest('hex');

@Injectable()
export class AccountsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly accounts: AccountsRepository,
    private readonly audit: AuditService,
    private readonly status: AccountStatusCache,
    private readonly mail: MailDispatcher,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  /**
   * Switches an agent's account off: its tokens stop working at once (see AccountStatusCache),
   * log-in is refused, and an unused invitation link dies. Inviting the agent again is how it
   * comes back. HR may switch off agents and managers; HR and ADMIN accounts need an ADMIN; nobody
   * switches off their own.
   */
  async disable(actor: AuthUser, agentId: string): Promise<{ agentId: string; account: 'DISABLED' }> {
    const userId = await this.dataSource.transaction(async (manager) => {
      const account = await this.accounts.lockByAgent(agentId, manager);
      if (!account) {
        throw notFoundProblem({ code: (await this.accounts.agentExists(agentId, manager)) ? 'AGENT_HAS_NO_ACCOUNT' : 'AGENT_NOT_FOUND' });
      }
      if (account.id === actor.userId) throw conflictProblem({ code: 'OWN_ACCOUNT_DISABLE' });
      if ((account.role === 'HR' || account.role === 'ADMIN') && actor.role !== 'ADMIN') {
        throw forbiddenProblem({ code: 'ADMIN_ONLY_DISABLE', role: account.role });
      }
      // session version + 1: its tokens stay dead even if the account comes back; the iCal
      // link dies too (a new one is made when the agent asks for it again)
      await this.accounts.disable(account.id, manager);
      await this.audit.record(actor, 'account.disabled', 'agent', agentId, { wasActive: account.active, wasPending: account.pending }, manager);
      return account.id;
    });
    // after the commit: a request in between would otherwise cache "active" again
    await this.status.forget(userId);
    return { agentId, account: 'DISABLED' };
  }

  /**
   * Pending accounts with fresh single-use links for the given agents (none given: every agent
   * without an account). An agent whose account is pending or switched off gets a new link (the
   * old one stops working); an active account, or an e-mail another account already uses, is
   * skipped with the reason. One transaction, set-based writes: inviting 5,000 agents is a few
   * statements. With SMTP_URL set, each link goes to its agent by e-mail (ACTIVATION rows of the
   * outbox, same transaction) and the answer holds no link (`mailed: true`); otherwise HR passes
   * the links on (`activationUrl`, `mailed: false`).
   */
  async invite(actor: AuthUser, agentIds?: string[]): Promise<InvitationsResponse> {
    const mailed = this.config.mail.smtpUrl !== null;
    const answer = await this.dataSource.transaction(async (manager) => {
      const rows = await this.accounts.lockInvitationCandidates(agentIds, manager);
      if (agentIds) {
        const found = new Set(rows.map((row) => row.id));
        const unknown = agentIds.map((id, i) => ({ id, i })).filter(({ id }) => !found.has(id));
        if (unknown.length > 0) throw fieldProblems(unknown.map(({ id, i }) => ({ field: `agentIds[${i}]`, code: 'UNKNOWN_AGENT', value: id })));
      }
      // an invitation hands out a link that sets the account's password: for an HR or ADMIN
      // account that is the account itself, so only an ADMIN may (named agents: 403; all: skipped)
      const needsAdmin = (row: InvitationCandidate) => actor.role !== 'ADMIN' && !row.active && (isPrivileged(row.role) || isPrivileged(row.account_role));
      if (agentIds) {
        const position = new Map(agentIds.map((id, i) => [id, i]));
        const refused = rows.filter(needsAdmin);
        if (refused.length > 0) {
          throw forbidden(refused.map((row) => ({ field: `agentIds[${position.get(row.id)}]`, code: 'NEEDS_ADMIN', employeeNumber: row.employee_number })));
        }
      }
      const skipped: InvitationsResponse['skipped'] = [];
      const invited: (InvitationCandidate & { token: string })[] = [];
      // a skip is a catalogue code with its figures; `reason` is its English record wording
      const skip = (row: InvitationCandidate, why: { code: InvitationSkipCode; email?: string }) =>
        skipped.push({ agentId: row.id, employeeNumber: row.employee_number, ...why, reason: recordText(why) });
      for (const row of rows) {
        if (row.active) skip(row, { code: 'ACTIVE_ACCOUNT' });
        else if (needsAdmin(row)) skip(row, { code: 'NEEDS_ADMIN' });
        else if (row.email_taken) skip(row, { code: 'EMAIL_TAKEN', email: row.email });
        else invited.push({ ...row, token: newUrlToken() });
      }
      const expiresAt = new Date(Date.now() + ACTIVATION_DAYS * 86_400_000);
      const fresh = invited.filter((row) => row.user_id === null);
      const renewed = invited.filter((row) => row.user_id !== null);
      if (fresh.length > 0) {
        const pending = fresh.map((r) => ({ id: r.id, email: r.email, role: r.role, tokenHash: hashActivationToken(r.token) }));
        await this.accounts.insertPending(pending, NO_PASSWORD, expiresAt, manager);
      }
      if (renewed.length > 0) {
        const pending = renewed.map((r) => ({ id: r.user_id as string, email: r.email, role: r.role, tokenHash: hashActivationToken(r.token) }));
        await this.accounts.renewPending(pending, NO_PASSWORD, expiresAt, manager);
      }
      if (invited.length > 0 || skipped.length > 0) {
        await this.audit.record(actor, 'account.invited', 'agent', invited.length === 1 ? invited[0].id : null, {
          invited: invited.length,
          renewed: renewed.length,
          skipped: skipped.length,
          agentIds: invited.map((row) => row.id),
          mailed,
        }, manager);
      }
      const link = (row: { token: string }) => `${this.config.publicUrl}/activation?token=${row.token}`;
      if (mailed && invited.length > 0) {
        await writeActivationMails(manager, invited.map((row) => ({ agentId: row.id, activationUrl: link(row), expiresAt: expiresAt.toISOString() })));
      }
      const invitations: AccountInvitation[] = invited.map((row) => ({
        agentId: row.id,
        employeeNumber: row.employee_number,
        firstName: row.first_name,
        lastName: row.last_name,
        email: row.email,
        activationUrl: mailed ? null : link(row),
        mailed,
        expiresAt: expiresAt.toISOString(),
      }));
      return { invitations, skipped };
    });
    if (mailed && answer.invitations.length > 0) this.mail.kick();
    return answer;
  }
}
