import { Module } from '@nestjs/common';
import { CapacityController, CapacityService } from './capacity';
import { PlanningRunner } from './planning-runner';
import { PoolsController, PoolsService } from './pools';
import { ReservationsController, ReservationsService } from './reservations';
import { SnapshotReader, SnapshotsController, SnapshotsService } from './snapshots';

/** Pools and reservations, the capacity view, snapshot export, what-if and licence sizing. */
@Module({
  controllers: [PoolsController, ReservationsController, CapacityController, SnapshotsController],
  providers: [PoolsService, ReservationsService, CapacityService, SnapshotReader, SnapshotsService, PlanningRunner],
  exports: [PlanningRunner],
})
export class CapacityModule {}
