import { Module } from '@nestjs/common';
import { CapacityModule } from '../capacity/capacity.module';
import { RotationsController } from './rotations.controller';
import { RotationsRepository } from './rotations.repository';
import { RotationsService } from './rotations.service';

@Module({
  imports: [CapacityModule], // PlanningRunner: drafts, edits and publications plan in a worker thread
  controllers: [RotationsController],
  providers: [RotationsService, RotationsRepository],
})
export class RotationsModule {}
