import { AgentEntity } from './agent.entity';
import { CapacityChangeEntity, CapacityPoolEntity } from './capacity-pool.entity';
import { OrgUnitEntity } from './org-unit.entity';
import {
  AllocationRunEntity, AssignmentEntity, AuditLogEntity, NoticeEntity, PlanVersionEntity, PoolUsageEntity, RequestStatusHistoryEntity,
  ReservationEntity, RotationCalendarEntity, RotationCellEntity, TeleworkRequestEntity,
} from './planning.entities';
import { RotationGroupEntity } from './rotation-group.entity';
import { SiteEntity } from './site.entity';
import { UserEntity } from './user.entity';

export * from './agent.entity';
export * from './capacity-pool.entity';
export * from './org-unit.entity';
export * from './planning.entities';
export * from './rotation-group.entity';
export * from './site.entity';
export * from './user.entity';

export const ENTITIES = [
  SiteEntity, CapacityPoolEntity, CapacityChangeEntity, RotationGroupEntity, OrgUnitEntity, AgentEntity,
  UserEntity, ReservationEntity, RotationCalendarEntity, RotationCellEntity, TeleworkRequestEntity,
  RequestStatusHistoryEntity, AllocationRunEntity, PlanVersionEntity, AssignmentEntity, AuditLogEntity,
  PoolUsageEntity, NoticeEntity,
];
