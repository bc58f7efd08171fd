import { Module } from '@nestjs/common';
import { CalendarService } from './calendar.service';
import { NoticesService } from './notices.service';
import { CalendarController, NoticesController, SchedulesController } from './schedules.controller';
import { SchedulesService } from './schedules.service';

/** Reading the plan: schedules, who is on site, the iCal feed, in-app notices. */
@Module({
  controllers: [SchedulesController, CalendarController, NoticesController],
  providers: [SchedulesService, CalendarService, NoticesService],
})
export class SchedulesModule {}
