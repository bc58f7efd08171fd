import { Global, Module } from '@nestjs/common';
import { MailController } from './mail.controller';
import { MailDispatcher } from './mail.dispatcher';
import { MailOutboxRepository } from './mail-outbox.repository';
import { MailService } from './mail.service';

/**
 * E-mail: the dispatcher every area kicks after committing outbox rows (global, so requests,
 * accounts, allocation and continuity inject it without importing this module), and HR's view
 * of the outbox.
 */
@Global()
@Module({
  controllers: [MailController],
  providers: [MailDispatcher, MailService, MailOutboxRepository],
  exports: [MailDispatcher],
})
export class MailModule {}
