import {
  Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn,
} from 'typeorm';
import type { PriorityTier, Role, WeekdayHalfDayCode } from '@telework/contracts';
import { CapacityPoolEntity } from './capacity-pool.entity';
import { OrgUnitEntity } from './org-unit.entity';
import { RotationGroupEntity } from './rotation-group.entity';
import { SiteEntity } from './site.entity';

@Entity({ name: 'agents' })
export class AgentEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('text', { name: 'employee_number' }) employeeNumber!: string;
  @Column('text', { name: 'first_name' }) firstName!: string;
  @Column('text', { name: 'last_name' }) lastName!: string;
  @Column('text') email!: string;
  @Column('uuid', { name: 'site_id' }) siteId!: string;
  @ManyToOne(() => SiteEntity) @JoinColumn({ name: 'site_id' }) site?: SiteEntity;
  @Column('uuid', { name: 'org_unit_id' }) orgUnitId!: string;
  @ManyToOne(() => OrgUnitEntity) @JoinColumn({ name: 'org_unit_id' }) orgUnit?: OrgUnitEntity;
  @Column('uuid', { name: 'manager_id', nullable: true }) managerId!: string | null;
  @Column('text') role!: Role;
  @Column('boolean') eligible!: boolean;
  @Column('uuid', { name: 'access_pool_id', nullable: true }) accessPoolId!: string | null;
  @ManyToOne(() => CapacityPoolEntity) @JoinColumn({ name: 'access_pool_id' }) accessPool?: CapacityPoolEntity | null;
  @Column('text') tier!: PriorityTier;
  @Column('smallint', { name: 'weekly_min' }) weeklyMin!: number;
  @Column('smallint', { name: 'weekly_max' }) weeklyMax!: number;
  @Column('text', { name: 'off_half_days', array: true }) offHalfDays!: WeekdayHalfDayCode[];
  @Column('uuid', { name: 'group_id', nullable: true }) groupId!: string | null;
  @ManyToOne(() => RotationGroupEntity) @JoinColumn({ name: 'group_id' }) group?: RotationGroupEntity | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
