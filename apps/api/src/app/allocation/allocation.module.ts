import { Module } from '@nestjs/common';
import { CapacityModule } from '../capacity/capacity.module';
import { AllocationDispatcher } from './allocation.dispatcher';
import { AllocationRunsController } from './allocation-runs.controller';
import { AllocationRunsRepository } from './allocation-runs.repository';
import { AllocationRunsService } from './allocation-runs.service';

@Module({
  imports: [CapacityModule], // PlanningRunner: in-process runs solve in a worker thread
  controllers: [AllocationRunsController],
  providers: [AllocationDispatcher, AllocationRunsService, AllocationRunsRepository],
  exports: [AllocationDispatcher],
})
export class AllocationModule {}
