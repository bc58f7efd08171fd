import { DynamicModule, Global, Module } from '@nestjs/common';
import type { AppConfig } from '@telework/server-config';
import { APP_CONFIG, PlanningClock, RedisConnection } from '@telework/server-infrastructure';
import { AccountStatusCache } from './auth/account-status';
import { AuditService } from './audit/audit.service';

/** What every feature module may inject: the config, the audit log, the Redis connection, the clock. */
@Global()
@Module({})
export class CoreModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: CoreModule,
      providers: [{ provide: APP_CONFIG, useValue: config }, AuditService, RedisConnection, PlanningClock, AccountStatusCache],
      exports: [APP_CONFIG, AuditService, RedisConnection, PlanningClock, AccountStatusCache],
    };
  }
}
