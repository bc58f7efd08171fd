import { Module } from '@nestjs/common';

/** GET /api/audit (AuditService itself is provided globally by CoreModule). */
@Module({
  controllers: [],
  providers: [],
})
export class AuditModule {}
