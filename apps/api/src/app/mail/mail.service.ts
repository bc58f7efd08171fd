import { Injectable } from '@nestjs/common';
import type { MailOutboxEntryDto, MailOutboxPageDto } from '@telework/contracts';
import type { AppConfig } from '@telework/server-config';
import { InjectConfig } from '@telework/server-infrastructure';
import { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../auth/auth.decorators';
import { pageWindow } from '../common/pagination';
import { conflictProblem, notFoundProblem } from '../common/problems';
import { MailDispatcher } from './mail.dispatcher';
import { MailOutboxRepository } from './mail-outbox.repository';
import type { MailOutboxQueryDto } from './mail.dto';

@Injectable()
export class MailService {
  constructor(
    private readonly outbox: MailOutboxRepository,
    private readonly dispatcher: MailDispatcher,
    private readonly audit: AuditService,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async list(query: MailOutboxQueryDto): Promise<MailOutboxPageDto> {
    const { limit, offset } = pageWindow(query);
    const [page, counts] = await Promise.all([this.outbox.page(query.status ?? null, limit, offset), this.outbox.counts()]);
    return { enabled: this.config.mail.smtpUrl !== null, counts, ...page };
  }

  /** A FAILED mail (say, a mailbox since created) is sent again: PENDING and due now, audited. */
  async retry(user: AuthUser, id: string): Promise<MailOutboxEntryDto> {
    const retried = await this.outbox.retryFailed(id);
    if (!retried) {
      const current = await this.outbox.find(id);
      if (!current) throw notFoundProblem({ code: 'NOT_FOUND' }, `mail ${id} not found`);
      throw conflictProblem({ code: 'CONFLICT', status: current.status }, `only a FAILED mail can be sent again; mail ${id} is ${current.status}`);
    }
    await this.audit.record(user, 'mail.retried', 'mail_outbox', id, { kind: retried.kind, recipient: retried.recipient, lastError: retried.lastError });
    this.dispatcher.kick();
    return retried;
  }
}
