import { Module } from '@nestjs/common';
import { AuditController, AuditQueryService } from './audit.controller';

/** GET /api/audit (AuditService itself, the writer, is provided globally by CoreModule). */
@Module({
  controllers: [AuditController],
  providers: [AuditQueryService],
})
export class AuditModule {}
