import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CalendarLinkDto } from '@telework/contracts';
import type { AppConfig } from '@telework/server-config';
import { InjectConfig, PlanningClock } from '@telework/server-infrastructure';
import { AuditService } from '../audit/audit.service';
import { badRequestProblem, notFoundProblem } from '../common/problems';
import { newUrlToken, URL_TOKEN_PATTERN } from '../common/url-token';
import type { AuthUser } from '../auth/auth.decorators';
import { CalendarRepository } from './calendar.repository';
import { addDays } from './dates';
import { buildTeleworkFeed, FeedHalfDay } from './ical-feed';

/** The feed shows the past 2 weeks and the coming 8. */
export const FEED_DAYS_BEFORE = 14;
export const FEED_DAYS_AFTER = 56;

@Injectable()
export class CalendarService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly calendar: CalendarRepository,
    private readonly audit: AuditService,
    private readonly clock: PlanningClock,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  /** The caller's private feed URL; the token is made on first use and kept until renewed. */
  async link(user: AuthUser): Promise<CalendarLinkDto> {
    this.needsAgent(user);
    const token = await this.calendar.tokenOrSet(user.userId, newUrlToken());
    if (!token) throw notFoundProblem({ code: 'ACCOUNT_NOT_FOUND' });
    return { url: this.url(token) };
  }

  /** A new token: the old URL answers 404 from now on (a leaked link is killed this way). */
  async renew(user: AuthUser): Promise<CalendarLinkDto> {
    this.needsAgent(user);
    const token = newUrlToken();
    await this.dataSource.transaction(async (manager) => {
      if (!(await this.calendar.replaceToken(user.userId, token, manager))) throw notFoundProblem({ code: 'ACCOUNT_NOT_FOUND' });
      await this.audit.record(user, 'calendar.link_renewed', 'user', user.userId, {}, manager);
    });
    return { url: this.url(token) };
  }

  /**
   * The iCalendar feed of a token, without log-in: the token (unguessable, unique, indexed) is the
   * lookup key, so a wrong one costs one index probe and answers 404 like an unknown one.
   */
  async feed(token: string): Promise<string> {
    if (!URL_TOKEN_PATTERN.test(token)) throw notFoundProblem({ code: 'CALENDAR_LINK_UNKNOWN' });
    const today = this.clock.today();
    const rows = await this.calendar.feedRows(token, addDays(today, -FEED_DAYS_BEFORE), addDays(today, FEED_DAYS_AFTER));
    if (rows.length === 0) throw notFoundProblem({ code: 'CALENDAR_LINK_UNKNOWN' });
    const halfDays: FeedHalfDay[] = rows
      .filter((row) => row.date !== null && row.period !== null)
      .map((row) => ({
        date: row.date as string, period: row.period as 'AM' | 'PM', mode: row.mode ?? 'REMOTE',
        why: row.why ? JSON.parse(row.why) : null, eventLabel: row.event_label, sequence: row.plan_version,
      }));
    return buildTeleworkFeed({ agentId: rows[0].agent_id, agentName: rows[0].agent_name, halfDays, now: new Date() });
  }

  private url(token: string): string {
    return `${this.config.publicUrl}/api/calendar/${token}.ics`;
  }

  private needsAgent(user: AuthUser): void {
    if (!user.agentId) throw badRequestProblem({ code: 'NO_AGENT_ACCOUNT' });
  }
}
