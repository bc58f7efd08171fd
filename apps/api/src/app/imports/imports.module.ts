import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { AgentImportService } from './agent-import.service';
import { CsvBodyMiddleware } from './csv-body.middleware';
import { ExportsService } from './exports.service';
import { ExportsController, ImportsController } from './imports.controller';

/** CSV in (the HR system's agent export) and out (the plan for Excel). */
@Module({
  controllers: [ImportsController, ExportsController],
  providers: [AgentImportService, ExportsService],
})
export class ImportsModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(CsvBodyMiddleware).forRoutes(ImportsController);
  }
}
