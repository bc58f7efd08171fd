import { Injectable } from '@nestjs/common';
import type { AuditEntryDto, Page } from '@telework/contracts';
import { pageWindow } from '../common/pagination';
import { fieldProblems } from '../common/problems';
import { AuditLogRepository } from './audit-log.repository';
import { AuditQueryDto } from './audit.dto';

/** Reads the audit log, newest first, with the actor's e-mail. */
@Injectable()
export class AuditQueryService {
  constructor(private readonly log: AuditLogRepository) {}

  async list(query: AuditQueryDto): Promise<Page<AuditEntryDto>> {
    if (query.from && query.to && query.to < query.from) {
      throw fieldProblems([{ field: 'to', code: 'RANGE_END_BEFORE_START', from: query.from }]);
    }
    return this.log.findPage(query, pageWindow(query));
  }
}
