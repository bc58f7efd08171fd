import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { DynamicModule, Logger, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ServeStaticModule } from '@nestjs/serve-static';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { AppConfig } from '@telework/server-config';
import { dataSourceOptions } from '@telework/persistence';
import { AllocationModule } from './allocation/allocation.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { CapacityModule } from './capacity/capacity.module';
import { ContinuityModule } from './continuity/continuity.module';
import { ProblemsFilter } from './common/problems.filter';
import { CoreModule } from './core.module';
import { StartupService } from './database/startup.service';
import { DirectoryModule } from './directory/directory.module';
import { HealthModule } from './health/health.module';
import { ImportsModule } from './imports/imports.module';
import { JobsModule } from './jobs/jobs.module';
import { MailModule } from './mail/mail.module';
import { RequestsModule } from './requests/requests.module';
import { RotationsModule } from './rotations/rotations.module';
import { SchedulesModule } from './schedules/schedules.module';

/**
 * The whole API: the shared infrastructure (CoreModule: config, audit writer, Redis, clock,
 * account states), the database, the console's static files when built, and one module per
 * area. Every route needs a bearer token unless @Public(), then the roles of its @Roles(): the
 * two global guards are AuthModule's.
 */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    const consoleDir = resolve(config.consoleDir);
    const serveConsole = existsSync(resolve(consoleDir, 'index.html'));
    if (!serveConsole) {
      new Logger('Console').warn(`No console build in ${consoleDir}: only the API is served (run "npx nx build console")`);
    }
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(config),
        TypeOrmModule.forRoot({ ...dataSourceOptions(config.database), migrationsRun: false }),
        ...(serveConsole
          ? [ServeStaticModule.forRoot({ rootPath: consoleDir, exclude: ['/api/{*rest}'] })]
          : []),
        MailModule, // global: every area kicks MailDispatcher after writing mail
        AuthModule,
        JobsModule,
        HealthModule,
        DirectoryModule,
        AuditModule,
        CapacityModule,
        RequestsModule,
        SchedulesModule,
        ImportsModule,
        RotationsModule,
        AllocationModule,
        ContinuityModule,
      ],
      providers: [
        // every error answer carries a code; failed queries go through DatabaseErrorsFilter from there
        { provide: APP_FILTER, useClass: ProblemsFilter },
        // migrations, the ADMIN_EMAIL account and the demo, before the API listens (AccountsRepository: AuthModule's)
        StartupService,
      ],
    };
  }
}
