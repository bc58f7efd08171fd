import { Injectable } from '@nestjs/common';
import type { AppConfig } from '@telework/server-config';
import { calendarDateAt, nextMonday } from '@telework/planning';
import { InjectConfig } from './app-config.provider';

/**
 * The product's "today": the calendar date in Europe/Paris, or the date PLANNING_TODAY pins
 * (a demo replayed on its own dates, the tests). Every rule that depends on the day — freeze
 * window, past dates refused, nightly horizon, the demo's start — asks this clock.
 */
@Injectable()
export class PlanningClock {
  constructor(@InjectConfig() private readonly config: AppConfig) {}

  today(): string {
    return this.config.planningToday ?? calendarDateAt(Date.now());
  }

  nextMonday(): string {
    return nextMonday(this.today());
  }
}
