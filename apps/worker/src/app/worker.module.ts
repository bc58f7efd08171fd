import { DynamicModule, Injectable, Logger, Module, OnApplicationBootstrap } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AppConfig } from '@telework/server-config';
import { dataSourceOptions } from '@telework/persistence';
import { APP_CONFIG, PlanningClock, RedisConnection } from '@telework/server-infrastructure';
import { AllocationProcessor } from './allocation.processor';
import { EngineJobsProcessor } from './engine-jobs.processor';
import { MailProcessor } from './mail.processor';

/** Checks both connections at boot so a misconfigured worker fails fast, with the reason. */
@Injectable()
export class WorkerReadiness implements OnApplicationBootstrap {
  private readonly logger = new Logger('Worker');

  constructor(private readonly dataSource: DataSource, private readonly redis: RedisConnection) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.dataSource.query('SELECT 1');
    if (!(await this.redis.ping())) {
      throw new Error('Redis did not answer PING');
    }
    this.logger.log('Database and Redis connected');
  }
}

@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [TypeOrmModule.forRoot({ ...dataSourceOptions(config.database), migrationsRun: false })],
      providers: [
        { provide: APP_CONFIG, useValue: config }, RedisConnection, PlanningClock, WorkerReadiness, EngineJobsProcessor, AllocationProcessor,
        // mail only when SMTP_URL is set (no row is written otherwise)
        ...(config.mail.smtpUrl ? [MailProcessor] : []),
      ],
    };
  }
}
