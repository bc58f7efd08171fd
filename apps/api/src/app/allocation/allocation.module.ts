import { Module } from '@nestjs/common';
import { CapacityModule } from '../capacity/capacity.module';
import { AllocationDispatcher } from './allocation.dispatcher';
import { AllocationRunsController, AllocationRunsService } from './allocation-runs';

@Module({
  imports: [CapacityModule], // PlanningRunner: in-process runs solve in a worker thread
  controllers: [AllocationRunsController],
  providers: [AllocationDispatcher, AllocationRunsService],
  exports: [AllocationDispatcher],
})
export class AllocationModule {}
