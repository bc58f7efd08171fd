import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { AssignmentMode, HalfDayPeriod } from '@telework/contracts';

@Entity({ name: 'reservations' })
export class ReservationEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'pool_id' }) poolId!: string;
  @Column('date') date!: string;
  @Column('text') period!: HalfDayPeriod;
  @Column('integer') seats!: number;
  @Column('text') label!: string;
  @Column('uuid', { name: 'created_by', nullable: true }) createdBy!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

export type RotationCalendarStatus = 'DRAFT' | 'PUBLISHED' | 'SUPERSEDED';

@Entity({ name: 'rotation_calendars' })
export class RotationCalendarEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('date', { name: 'period_from' }) periodFrom!: string;
  @Column('date', { name: 'period_to' }) periodTo!: string;
  @Column('integer') version!: number;
  @Column('text') status!: RotationCalendarStatus;
  @Column('jsonb', { nullable: true }) metrics!: Record<string, unknown> | null;
  @Column('jsonb') warnings!: string[];
  @Column('uuid', { name: 'created_by', nullable: true }) createdBy!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column('uuid', { name: 'published_by', nullable: true }) publishedBy!: string | null;
  @Column('timestamptz', { name: 'published_at', nullable: true }) publishedAt!: Date | null;
}

@Entity({ name: 'rotation_cells' })
export class RotationCellEntity {
  @PrimaryColumn('uuid', { name: 'calendar_id' }) calendarId!: string;
  @PrimaryColumn('uuid', { name: 'group_id' }) groupId!: string;
  @PrimaryColumn('date') date!: string;
  @PrimaryColumn('text') period!: HalfDayPeriod;
}

export type RequestStatus = 'PENDING' | 'APPROVED' | 'REFUSED' | 'CANCELLED';
export type AllocationStatus = 'GRANTED' | 'WAITLISTED' | 'REFUSED';

@Entity({ name: 'telework_requests' })
export class TeleworkRequestEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'agent_id' }) agentId!: string;
  @Column('date') date!: string;
  @Column('text') period!: HalfDayPeriod;
  @Column('text') kind!: 'REMOTE' | 'ON_SITE';
  @Column('text') status!: RequestStatus;
  @Column('text', { name: 'allocation_status', nullable: true }) allocationStatus!: AllocationStatus | null;
  @Column('text', { name: 'allocation_reason', nullable: true }) allocationReason!: string | null;
  @Column('text', { nullable: true }) comment!: string | null;
  @Column('uuid', { name: 'created_by', nullable: true }) createdBy!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column('uuid', { name: 'decided_by', nullable: true }) decidedBy!: string | null;
  @Column('timestamptz', { name: 'decided_at', nullable: true }) decidedAt!: Date | null;
}

@Entity({ name: 'request_status_history' })
export class RequestStatusHistoryEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id!: string;
  @Column('uuid', { name: 'request_id' }) requestId!: string;
  @Column('text') status!: RequestStatus;
  @Column('text', { name: 'allocation_status', nullable: true }) allocationStatus!: AllocationStatus | null;
  @Column('text', { nullable: true }) comment!: string | null;
  @Column('uuid', { name: 'actor_user_id', nullable: true }) actorUserId!: string | null;
  @Column('timestamptz', { default: () => 'now()' }) at!: Date;
}

export type AllocationRunStatus = 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED';

@Entity({ name: 'allocation_runs' })
export class AllocationRunEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('text') trigger!: 'SCHEDULE' | 'MANUAL';
  @Column('date', { name: 'horizon_from' }) horizonFrom!: string;
  @Column('date', { name: 'horizon_to' }) horizonTo!: string;
  @Column('text') status!: AllocationRunStatus;
  @Column('smallint') progress!: number;
  @Column('text', { nullable: true }) stage!: string | null;
  @Column('text', { name: 'input_hash', nullable: true }) inputHash!: string | null;
  @Column('jsonb', { name: 'input_snapshot', nullable: true, select: false }) inputSnapshot!: unknown;
  @Column('jsonb', { nullable: true }) metrics!: Record<string, unknown> | null;
  @Column('jsonb') warnings!: string[];
  @Column('text', { nullable: true }) error!: string | null;
  @Column('integer', { name: 'plan_version', nullable: true }) planVersion!: number | null;
  @Column('integer') attempts!: number;
  @Column('integer', { name: 'changed_agents', nullable: true }) changedAgents!: number | null;
  @Column('text', { name: 'job_id', nullable: true }) jobId!: string | null;
  @Column('uuid', { name: 'requested_by', nullable: true }) requestedBy!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column('timestamptz', { name: 'started_at', nullable: true }) startedAt!: Date | null;
  @Column('timestamptz', { name: 'finished_at', nullable: true }) finishedAt!: Date | null;
}

@Entity({ name: 'plan_versions' })
export class PlanVersionEntity {
  @PrimaryColumn('integer') version!: number;
  @Column('uuid', { name: 'allocation_run_id', nullable: true }) allocationRunId!: string | null;
  @Column('uuid', { name: 'rotation_calendar_id', nullable: true }) rotationCalendarId!: string | null;
  @Column('date', { name: 'horizon_from' }) horizonFrom!: string;
  @Column('date', { name: 'horizon_to' }) horizonTo!: string;
  @Column('text') kind!: 'ALLOCATION' | 'ROTATION_PUBLICATION' | 'APPROVAL';
  @Column('jsonb', { nullable: true }) metrics!: Record<string, unknown> | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

/** Seats taken per pool and half-day by the current plan: the row concurrent approvals lock. */
@Entity({ name: 'pool_usage' })
export class PoolUsageEntity {
  @PrimaryColumn('uuid', { name: 'pool_id' }) poolId!: string;
  @PrimaryColumn('date') date!: string;
  @PrimaryColumn('text') period!: HalfDayPeriod;
  @Column('integer', { name: 'remote_count' }) remoteCount!: number;
  /** REMOTE agents of tier STANDARD: they may not use the reserve */
  @Column('integer', { name: 'standard_count' }) standardCount!: number;
}

@Entity({ name: 'notices' })
export class NoticeEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id!: string;
  @Column('uuid', { name: 'agent_id' }) agentId!: string;
  @Column('text') kind!: string;
  @Column('text') message!: string;
  @Column('jsonb') details!: Record<string, unknown>;
  @Column('integer', { name: 'plan_version', nullable: true }) planVersion!: number | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column('timestamptz', { name: 'read_at', nullable: true }) readAt!: Date | null;
}

export type AssignmentSource = 'ROTATION' | 'REQUEST' | 'RESERVATION' | 'DEFAULT';

/** What agents check: one row per agent and working half-day of the current plan. */
@Entity({ name: 'assignments' })
export class AssignmentEntity {
  @PrimaryColumn('uuid', { name: 'agent_id' }) agentId!: string;
  @PrimaryColumn('date') date!: string;
  @PrimaryColumn('text') period!: HalfDayPeriod;
  @Column('text') mode!: AssignmentMode;
  @Column('text') source!: AssignmentSource;
  @Column('uuid', { name: 'pool_id', nullable: true }) poolId!: string | null;
  @Column('uuid', { name: 'site_id' }) siteId!: string;
  @Column('integer', { name: 'plan_version' }) planVersion!: number;
}

@Entity({ name: 'audit_log' })
export class AuditLogEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id!: string;
  @Column('timestamptz', { default: () => 'now()' }) at!: Date;
  @Column('uuid', { name: 'actor_user_id', nullable: true }) actorUserId!: string | null;
  @Column('text') action!: string;
  @Column('text', { name: 'entity_type' }) entityType!: string;
  @Column('text', { name: 'entity_id', nullable: true }) entityId!: string | null;
  @Column('jsonb') details!: Record<string, unknown>;
}
