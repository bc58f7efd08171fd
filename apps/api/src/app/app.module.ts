import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { DynamicModule, Logger, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { ServeStaticModule } from '@nestjs/serve-static';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { AppConfig } from '@telework/server-config';
import { dataSourceOptions } from '@telework/persistence';
import { AllocationModule } from './allocation/allocation.module';
import { AuditModule } from './audit/audit.module';
import { CapacityModule } from './capacity/capacity.module';
import { CoreModule } from './core.module';
import { ImportsModule } from './imports/imports.module';
import { RequestsModule } from './requests/requests.module';
import { RotationsModule } from './rotations/rotations.module';
import { SchedulesModule } from './schedules/schedules.module';
import { AccountsController } from './auth/accounts.controller';
import { AccountsService } from './auth/accounts.service';
import { AuthController } from './auth/auth.controller';
import { JwtAuthGuard, RolesGuard } from './auth/auth.guards';
import { AuthService } from './auth/auth.service';
import { ProblemsFilter } from './common/problems.filter';
import { StartupService } from './database/startup.service';
import { AgentsController } from './directory/agents.controller';
import { AgentsService } from './directory/agents.service';
import { GroupsController, GroupsService } from './directory/groups';
import { OrgUnitsController, OrgUnitsService } from './directory/org-units';
import { SitesController, SitesService } from './directory/sites';
import { HealthController } from './health/health.controller';


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
        JwtModule.register({ secret: config.jwt.secret, signOptions: { expiresIn: config.jwt.ttl as never } }),
        ...(serveConsole
          ? [ServeStaticModule.forRoot({ rootPath: consoleDir, exclude: ['/api/{*rest}'] })]
          : []),
        AuditModule,
        CapacityModule,
        RequestsModule,
        SchedulesModule,
        ImportsModule,
        RotationsModule,
        AllocationModule,
      ],
      controllers: [AuthController, AccountsController, HealthController, SitesController, OrgUnitsController, AgentsController, GroupsController],
      providers: [
        { provide: APP_GUARD, useClass: JwtAuthGuard },
        { provide: APP_GUARD, useClass: RolesGuard },
        // every error answer carries a code; failed queries go through DatabaseErrorsFilter from there
        { provide: APP_FILTER, useClass: ProblemsFilter },
        StartupService,
        AuthService,
        AccountsService,
        SitesService,
        OrgUnitsService,
        AgentsService,
        GroupsService,
      ],
    };
  }
}
