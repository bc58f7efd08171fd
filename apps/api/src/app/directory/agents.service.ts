import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { AgentDto, Page } from '@telework/contracts';
import { sharePlanningDataLock } from '@telework/planning-data';
import { AuditService } from '../audit/audit.service';
import { AccountStatusCache } from '../auth/account-status';
import { AccountsRepository } from '../auth/accounts.repository';
import type { AuthUser } from '../auth/auth.decorators';
import { forbidden, isPrivileged, mayChangeRole } from '../auth/privileged-roles';
import { pageWindow } from '../common/pagination';
import { fieldProblems, forbiddenProblem, notFoundProblem } from '../common/problems';
import { AgentQueryDto, CreateAgentDto, UpdateAgentDto } from './agents.dto';
import { AgentScope, AgentsRepository, AgentWrite } from './agents.repository';

@Injectable()
export class AgentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly agents: AgentsRepository,
    private readonly accounts: AccountsRepository,
    private readonly audit: AuditService,
    private readonly accountStatus: AccountStatusCache,
  ) {}

  /** HR and ADMIN see everyone; a manager sees its team (its units and below); agents see no list. */
  async list(user: AuthUser, query: AgentQueryDto): Promise<Page<AgentDto>> {
    let scope: AgentScope = { kind: 'ALL' };
    if (user.role === 'MANAGER') {
      scope = { kind: 'TEAM', managerAgentId: user.agentId };
    } else if (user.role === 'AGENT') {
      throw forbiddenProblem({ code: 'ROLE_NEEDED', roles: ['MANAGER', 'HR', 'ADMIN'] }, 'Agents may only read their own record');
    }
    return this.agents.findPage(scope, query, pageWindow(query));
  }

  async get(user: AuthUser, id: string): Promise<AgentDto> {
    const agent = await this.agents.findById(id);
    if (!agent || !(await this.canRead(user, agent))) {
      // an agent or manager never learns whether an id outside its reach exists
      throw notFoundProblem({ code: 'AGENT_NOT_FOUND' }, `Agent ${id} not found`);
    }
    return agent;
  }

  async create(actor: AuthUser, body: CreateAgentDto): Promise<AgentDto> {
    if (body.role !== undefined && !mayChangeRole(actor, undefined, body.role)) {
      throw forbidden([{ field: 'role', code: 'ADMIN_ONLY_ROLE' }]);
    }
    const id = await this.dataSource.transaction(async (manager) => {
      const id = await this.agents.insert(await this.agentWrite(manager, body), manager);
      await this.audit.record(actor, 'agent.created', 'agent', id, { ...body }, manager);
      return id;
    });
    return this.get(actor, id);
  }

  async update(actor: AuthUser, id: string, body: UpdateAgentDto): Promise<AgentDto> {
    const before = await this.get(actor, id);
    const changedAccounts = await this.dataSource.transaction(async (manager) => {
      if (body.role !== undefined || body.email !== undefined) {
        await sharePlanningDataLock(manager); // before the row lock: a plan's write takes them in this order
        // read under lock: the roles the change is judged against are the ones it replaces
        const current = await this.agents.lockAccess(id, manager);
        if (!current) throw notFoundProblem({ code: 'AGENT_NOT_FOUND' }, `Agent ${id} not found`);
        if (body.role !== undefined &&
          (!mayChangeRole(actor, current.role, body.role) || (current.account_role && !mayChangeRole(actor, current.account_role, body.role)))) {
          throw forbidden([{ field: 'role', code: 'ADMIN_ONLY_ROLE' }]);
        }
        // an HR or ADMIN account logs in with this e-mail: moving it could lock its holder out
        if (body.email !== undefined && body.email !== current.email && actor.role !== 'ADMIN' &&
          (isPrivileged(current.role) || isPrivileged(current.account_role))) {
          throw forbidden([{ field: 'email', code: 'ADMIN_ONLY_EMAIL' }]);
        }
      }
      const changes = await this.agentWrite(manager, body);
      if (Object.keys(changes).length === 0) return [];
      await this.agents.update(id, changes, manager);
      let changed: string[] = [];
      if (body.role !== undefined && body.role !== before.role) {
        // the account's role is what the guards check: it follows the agent's
        // and the tokens signed with the old role end (session version + 1): log in again
        changed = await this.accounts.followAgentRole(id, body.role, manager);
      }
      if (body.email !== undefined && body.email !== before.email) {
        // the agent logs in with its professional e-mail: the account follows it
        await this.accounts.followAgentEmail(id, body.email, manager);
      }
      const action = body.groupId !== undefined && body.groupId !== before.groupId ? 'agent.group_changed' : 'agent.updated';
      await this.audit.record(actor, action, 'agent', id, { before, changes: { ...body } }, manager);
      return changed;
    });
    // after the commit: the account's tokens carry the new role from their next request
    for (const userId of changedAccounts) await this.accountStatus.forget(userId);
    return this.get(actor, id);
  }

  private async canRead(user: AuthUser, agent: AgentDto): Promise<boolean> {
    if (user.role === 'HR' || user.role === 'ADMIN') return true;
    if (agent.id === user.agentId) return true;
    if (user.role !== 'MANAGER' || !user.agentId) return false;
    return this.agents.isInTeam(user.agentId, agent.orgUnitId);
  }

  /** The fields the body sets (left out: unchanged), its access pool as the pool's id. */
  private async agentWrite(manager: EntityManager, body: UpdateAgentDto): Promise<AgentWrite> {
    const { accessPool, ...fields } = body;
    const write: AgentWrite = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
    if (accessPool !== undefined) {
      if (accessPool === null) {
        write.accessPoolId = null;
      } else {
        const poolId = await this.agents.findPoolId(accessPool, manager);
        if (!poolId) throw fieldProblems([{ field: 'accessPool', code: 'POOL_NOT_CONFIGURED', value: accessPool }]);
        write.accessPoolId = poolId;
      }
    }
    return write;
  }
}
