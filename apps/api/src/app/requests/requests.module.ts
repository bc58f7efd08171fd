import { Module } from '@nestjs/common';
import { SchedulesModule } from '../schedules/schedules.module';
import { RequestsController } from './requests.controller';
import { RequestsRepository } from './requests.repository';
import { RequestsService } from './requests.service';

/**
 * Telework requests: creation by agents, decisions by managers and HR, instant grants. The SQL
 * is in requests.repository.ts (requests and their status history) and seats.repository.ts (the
 * grant's locks and writes on the published plan); a decision's notice goes through the
 * schedules area's NoticesRepository.
 */
@Module({
  imports: [SchedulesModule],
  controllers: [RequestsController],
  providers: [RequestsService, RequestsRepository],
  exports: [RequestsService],
})
export class RequestsModule {}
