import { Module } from '@nestjs/common';
import { CapacityModule } from '../capacity/capacity.module';
import { RotationsController } from './rotations.controller';
import { RotationsService } from './rotations.service';

@Module({
  imports: [CapacityModule], // PlanningRunner: drafts, edits and publications plan in a worker thread
  controllers: [RotationsController],
  providers: [RotationsService],
})
export class RotationsModule {}
