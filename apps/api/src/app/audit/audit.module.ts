import { Module } from '@nestjs/common';
import { AuditLogRepository } from './audit-log.repository';
import { AuditQueryService } from './audit-query.service';
import { AuditController } from './audit.controller';

/** GET /api/audit (AuditService itself, the writer, is provided globally by CoreModule). */
@Module({
  controllers: [AuditController],
  providers: [AuditQueryService, AuditLogRepository],
})
export class AuditModule {}
