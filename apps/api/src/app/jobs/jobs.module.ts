import { Global, Module } from '@nestjs/common';
import { EngineJobsService } from './engine-jobs.provider';
import { JobsController } from './jobs.controller';

/** Engine jobs for every area that plans (rotations, capacity, allocation runs). */
@Global()
@Module({
  controllers: [JobsController],
  providers: [EngineJobsService],
  exports: [EngineJobsService],
})
export class JobsModule {}
