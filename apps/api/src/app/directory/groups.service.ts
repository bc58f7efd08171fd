import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { formGroups } from '@telework/planning';
import { sharePlanningDataLock } from '@telework/planning-data';
import type { AppConfig } from '@telework/server-config';
import { InjectConfig, PlanningClock } from '@telework/server-infrastructure';
import type { Page, PublishedPlanImpact, RotationGroupDto } from '@telework/contracts';
import { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../auth/auth.decorators';
import { PageQueryDto, pageWindow } from '../common/pagination';
import { conflictProblem, notFoundProblem } from '../common/problems';
import { AgentsRepository } from './agents.repository';
import { AutoFormGroupsDto, AutoFormResultDto, CreateGroupDto, UpdateGroupDto } from './groups.dto';
import { GroupsRepository } from './groups.repository';
import { OrgUnitsRepository } from './org-units.repository';

@Injectable()
export class GroupsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly groups: GroupsRepository,
    private readonly agents: AgentsRepository,
    private readonly orgUnits: OrgUnitsRepository,
    private readonly audit: AuditService,
    @InjectConfig() private readonly config: AppConfig,
    private readonly clock: PlanningClock,
  ) {}

  list(query: PageQueryDto): Promise<Page<RotationGroupDto>> {
    return this.groups.findPage(pageWindow(query));
  }

  async get(id: string): Promise<RotationGroupDto> {
    const group = await this.groups.findById(id);
    if (!group) throw notFoundProblem({ code: 'GROUP_NOT_FOUND' }, `Rotation group ${id} not found`);
    return group;
  }

  async create(actor: AuthUser, body: CreateGroupDto): Promise<RotationGroupDto> {
    const id = await this.dataSource.transaction(async (manager) => {
      const id = await this.groups.insert({ code: body.code, name: body.name, maxSize: this.config.maxGroupSize }, manager);
      await this.audit.record(actor, 'group.created', 'rotation_group', id, { ...body }, manager);
      return id;
    });
    return this.get(id);
  }

  /**
   * Forms rotation groups with the engine (org units kept whole where they fit, then sites,
   * balanced in size and pool mix) for the eligible agents without a group — or for all of
   * them with `regroupAll`, emptying the old groups. One transaction, audited.
   *
   * Emptying groups a published calendar still names takes their members out of the published
   * rotation: from the next allocation run they are on site on every half-day until a new
   * calendar is published. So with `regroupAll` the answer says what changes to the published
   * plan (`publishedPlan`), and when something does, the change needs `confirm: true` (else 409
   * with the same figures). `dryRun` answers the figures and changes nothing.
   */
  async autoForm(actor: AuthUser, body: AutoFormGroupsDto): Promise<AutoFormResultDto> {
    const agents = await this.agents.findEligibleForGrouping(!body.regroupAll);
    const orgUnitParent = await this.orgUnits.findParents();
    const formed = formGroups(agents, { maxGroupSize: await this.groupSizeThatFitsThePools(agents), orgUnitParent });
    if (body.dryRun) {
      const publishedPlan = body.regroupAll ? await this.publishedPlanImpact(this.dataSource.manager) : null;
      return { groupsCreated: formed.groups.length, agentsGrouped: agents.length, groups: [], dryRun: true, publishedPlan };
    }
    const { createdIds, publishedPlan } = await this.dataSource.transaction(async (manager) => {
      let impact: PublishedPlanImpact | null = null;
      if (body.regroupAll) {
        // publications wait for the regrouping (and the other way round): the figures stay true
        await sharePlanningDataLock(manager); // before the table lock: a publication's write takes them in this order
        await this.groups.lockPublications(manager);
        impact = await this.publishedPlanImpact(manager);
        if (impact && !body.confirm) {
          throw conflictProblem({
            code: 'REGROUP_CHANGES_PUBLISHED_PLAN',
            groups: impact.groups,
            agents: impact.agents,
            remoteHalfDays: impact.remoteHalfDays,
            from: impact.from,
            versions: impact.calendars.map((c) => c.version),
            publishedPlan: impact,
          });
        }
        await this.agents.ungroupAll(manager);
      }
      const next = await this.groups.nextAutoNumber(manager);
      const ids: string[] = [];
      for (const [i, group] of formed.groups.entries()) {
        const number = String(next + i).padStart(3, '0');
        const id = await this.groups.insert({ code: `AUTO-${number}`, name: `Groupe ${number}`, maxSize: this.config.maxGroupSize }, manager);
        await this.agents.moveToGroup(id, group.agentIds, manager);
        ids.push(id);
      }
      await this.audit.record(actor, 'groups.auto_formed', 'rotation_group', null, {
        regroupAll: body.regroupAll ?? false, groups: ids.length, agents: agents.length,
        ...(impact ? { confirmed: true, publishedPlan: impact } : {}),
      }, manager);
      return { createdIds: ids, publishedPlan: impact };
    });
    const groups = await this.groups.findByIds(createdIds);
    return { groupsCreated: createdIds.length, agentsGrouped: agents.length, groups, dryRun: false, publishedPlan };
  }

  /**
   * What emptying every group does to the published plan from today on: the published
   * calendars still running that name groups with eligible members, those groups and members,
   * and the REMOTE half-days the rotation gives them. Null when nothing changes.
   */
  private async publishedPlanImpact(manager: EntityManager): Promise<PublishedPlanImpact | null> {
    const from = this.clock.today();
    const calendars = await this.groups.findPublishedCalendarsNamingMembers(from, manager);
    if (calendars.length === 0) return null;
    const figures = await this.groups.countNamedMembers(from, calendars.map((c) => c.id), manager);
    return {
      from,
      calendars: calendars.map((c) => ({ ...c, version: Number(c.version) })),
      groups: figures.groups,
      agents: figures.agents,
      remoteHalfDays: figures.remoteHalfDays,
    };
  }

  /**
   * A whole group is remote at once, so its members of each pool must fit in that pool's
   * seats for STANDARD agents (capacity − reserve): with pools shared in proportion, a group
   * of s agents takes s × share(p) seats of p. The size is the smaller of that and MAX_GROUP_SIZE.
   */
  private async groupSizeThatFitsThePools(agents: { pool: string | null }[]): Promise<number> {
    const pools = await this.groups.findPoolSeats();
    let size = this.config.maxGroupSize;
    for (const pool of pools) {
      const members = agents.filter((agent) => agent.pool === pool.code).length;
      if (members === 0) continue;
      const share = members / agents.length;
      size = Math.min(size, Math.max(1, Math.floor((pool.capacity - pool.reserve) / share)));
    }
    return size;
  }

  async update(actor: AuthUser, id: string, body: UpdateGroupDto): Promise<RotationGroupDto> {
    const before = await this.get(id);
    await this.dataSource.transaction(async (manager) => {
      await this.groups.update(id, body, manager);
      await this.audit.record(actor, 'group.updated', 'rotation_group', id, { before, changes: { ...body } }, manager);
    });
    return this.get(id);
  }
}
