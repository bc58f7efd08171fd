import { Module } from '@nestjs/common';
import { CapacityController } from './capacity.controller';
import { CapacityRepository } from './capacity.repository';
import { CapacityService } from './capacity.service';
import { PlanningRunner } from './planning-runner';
import { PoolsController } from './pools.controller';
import { PoolsRepository } from './pools.repository';
import { PoolsService } from './pools.service';
import { ReservationsController } from './reservations.controller';
import { ReservationsRepository } from './reservations.repository';
import { ReservationsService } from './reservations.service';
import { SnapshotsController } from './snapshots.controller';
import { SnapshotReader, SnapshotsService } from './snapshots.service';

/** Pools and reservations, the capacity view, snapshot export, what-if and licence sizing. */
@Module({
  controllers: [PoolsController, ReservationsController, CapacityController, SnapshotsController],
  providers: [
    PoolsService, PoolsRepository,
    ReservationsService, ReservationsRepository,
    CapacityService, CapacityRepository,
    SnapshotReader, SnapshotsService,
    PlanningRunner,
  ],
  exports: [PlanningRunner],
})
export class CapacityModule {}
