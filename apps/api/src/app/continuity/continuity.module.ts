import { Module } from '@nestjs/common';
import { AllocationModule } from '../allocation/allocation.module';
import { CapacityModule } from '../capacity/capacity.module';
import { ContinuityController } from './continuity.controller';
import { ContinuityImpactService } from './continuity-impact.service';
import { ContinuityRepository } from './continuity.repository';
import { ContinuityService } from './continuity.service';

/** Continuity events: declared, previewed (an engine job), activated, edited and ended (allocation runs through the queue). */
@Module({
  imports: [
    CapacityModule, // PlanningRunner: the impact preview is an engine job
    AllocationModule, // AllocationDispatcher: the runs of activations, edits and ends go through the usual queue
  ],
  controllers: [ContinuityController],
  providers: [ContinuityService, ContinuityImpactService, ContinuityRepository],
})
export class ContinuityModule {}
