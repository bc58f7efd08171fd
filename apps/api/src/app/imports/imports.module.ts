import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { AgentImportRepository } from './agent-import.repository';
import { AgentImportService } from './agent-import.service';
import { CsvBodyMiddleware } from './csv-body.middleware';
import { ExportsController } from './exports.controller';
import { ExportsRepository } from './exports.repository';
import { ExportsService } from './exports.service';
import { ImportsController } from './imports.controller';

/** CSV in (the HR system's agent export) and out (the plan for Excel). */
@Module({
  // accounts follow the role and e-mail of their agents in the file (AccountsRepository)
  imports: [AuthModule],
  controllers: [ImportsController, ExportsController],
  providers: [AgentImportService, AgentImportRepository, ExportsService, ExportsRepository],
})
export class ImportsModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(CsvBodyMiddleware).forRoutes(ImportsController);
  }
}
