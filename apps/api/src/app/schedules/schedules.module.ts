import { Module } from '@nestjs/common';
import { CalendarController } from './calendar.controller';
import { CalendarRepository } from './calendar.repository';
import { CalendarService } from './calendar.service';
import { NoticesController } from './notices.controller';
import { NoticesRepository } from './notices.repository';
import { NoticesService } from './notices.service';
import { SchedulesController } from './schedules.controller';
import { SchedulesRepository } from './schedules.repository';
import { SchedulesService } from './schedules.service';

/**
 * Reading the plan: schedules, who is on site, the iCal feed, in-app notices. NoticesRepository
 * is exported: a request's decision writes its notice through it (RequestsModule).
 */
@Module({
  controllers: [SchedulesController, CalendarController, NoticesController],
  providers: [
    SchedulesService, CalendarService, NoticesService,
    SchedulesRepository, CalendarRepository, NoticesRepository,
  ],
  exports: [NoticesRepository],
})
export class SchedulesModule {}
