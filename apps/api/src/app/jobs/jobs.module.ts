import { Global, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { EngineJobsService } from './engine-jobs.provider';
import { JobContextMiddleware } from './job-context';
import { JobsController } from './jobs.controller';

/** Engine jobs for every area that plans (rotations, capacity, allocation runs). */
@Global()
@Module({
  controllers: [JobsController],
  providers: [EngineJobsService],
  exports: [EngineJobsService],
})
export class JobsModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(JobContextMiddleware).forRoutes('*');
  }
}
