import { Module } from '@nestjs/common';
import { AllocationDispatcher } from './allocation.dispatcher';
import { AllocationRunsController, AllocationRunsService } from './allocation-runs';

@Module({
  controllers: [AllocationRunsController],
  providers: [AllocationDispatcher, AllocationRunsService],
  exports: [AllocationDispatcher],
})
export class AllocationModule {}
