import { Injectable } from '@nestjs/common';
import type { ScheduleDto, SiteDayDto, SiteDayPeriodDto } from '@telework/contracts';
import type { AuthUser } from '../auth/auth.decorators';
import { badRequestProblem, forbiddenProblem, notFoundProblem } from '../common/problems';
import { eventCapacityOf } from './continuity-events.read';
import { checkDate, checkDateRange, MAX_SCHEDULE_DAYS } from './dates';
import { OnSiteRow, SchedulesRepository } from './schedules.repository';

@Injectable()
export class SchedulesService {
  constructor(private readonly schedules: SchedulesRepository) {}

  /**
   * The caller's own plan (the hot read of the product): one indexed query, no lookup of the
   * user — the token already carries the agent id. Only planned half-days are listed.
   */
  async mine(user: AuthUser, fromValue: unknown, toValue: unknown): Promise<ScheduleDto> {
    const { from, to } = checkDateRange(fromValue, toValue, MAX_SCHEDULE_DAYS);
    if (!user.agentId) throw badRequestProblem({ code: 'NO_AGENT_ACCOUNT' });
    return this.read(user.agentId, from, to);
  }

  /**
   * Another agent's plan: HR and ADMIN, the agent itself, and a manager whose team (its org units
   * and below) holds the agent's unit. A manager outside its team gets 403; an agent asking for
   * someone else gets 404, as if the id did not exist.
   */
  async ofAgent(user: AuthUser, agentId: string, fromValue: unknown, toValue: unknown): Promise<ScheduleDto> {
    const { from, to } = checkDateRange(fromValue, toValue, MAX_SCHEDULE_DAYS);
    if (agentId !== user.agentId && user.role !== 'HR' && user.role !== 'ADMIN') {
      if (user.role !== 'MANAGER' || !user.agentId) throw notFoundProblem({ code: 'AGENT_NOT_FOUND' }, `Agent ${agentId} not found`);
      const inTeam = await this.schedules.isAgentInTeam(user.agentId, agentId);
      if (inTeam === undefined) throw notFoundProblem({ code: 'AGENT_NOT_FOUND' }, `Agent ${agentId} not found`);
      if (!inTeam) throw forbiddenProblem({ code: 'AGENT_NOT_IN_TEAM' });
    } else if (agentId !== user.agentId) {
      if (!(await this.schedules.agentExists(agentId))) throw notFoundProblem({ code: 'AGENT_NOT_FOUND' }, `Agent ${agentId} not found`);
    }
    return this.read(agentId, from, to);
  }

  /**
   * Who is planned ON_SITE on a site on one date, AM and PM, and which of the site's agents a
   * continuity event leaves without a workplace (with their reason); the desks an ACTIVE event
   * leaves there; the ACTIVE and DRAFT events meeting the date. The counts cover everyone (a
   * manager needs the site's load); the names are those the caller may see: everyone for HR
   * and ADMIN, its team for a manager.
   */
  async siteDay(user: AuthUser, siteId: string, dateValue: unknown): Promise<SiteDayDto> {
    const date = checkDate('date', dateValue);
    const site = await this.schedules.findSite(siteId);
    if (!site) throw notFoundProblem({ code: 'SITE_NOT_FOUND' }, `Site ${siteId} not found`);
    const seesAll = user.role === 'HR' || user.role === 'ADMIN';
    const rows = await this.schedules.onSiteOn(siteId, date, { agentId: user.agentId, seesAll });
    const events = await this.schedules.continuityEventsMeeting(date, date);
    const person = (row: OnSiteRow) => ({ id: row.id, firstName: row.first_name, lastName: row.last_name, employeeNumber: row.employee_number });
    const period = (name: 'AM' | 'PM'): SiteDayPeriodDto => {
      const onSite = rows.filter((row) => row.period === name && row.mode === 'ON_SITE');
      const without = rows.filter((row) => row.period === name && row.mode === 'NO_WORKPLACE');
      return {
        onSite: onSite.length,
        agents: onSite.filter((row) => row.visible).map(person),
        noWorkplace: without.length,
        noWorkplaceAgents: without.filter((row) => row.visible).map((row) => ({
          ...person(row), continuityEventId: row.continuity_event_id, why: JSON.parse(row.why ?? 'null'), reason: row.reason ?? '',
        })),
        eventCapacity: eventCapacityOf(events, `${date}${name}`, { siteId: site.id }),
      };
    };
    return {
      siteId: site.id, siteName: site.name, date, capacity: site.capacity, AM: period('AM'), PM: period('PM'), continuityEvents: events,
    };
  }

  private async read(agentId: string, from: string, to: string): Promise<ScheduleDto> {
    return { agentId, from, to, halfDays: await this.schedules.halfDaysOf(agentId, from, to) };
  }
}
