import {
  Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, OneToMany, PrimaryGeneratedColumn, UpdateDateColumn,
} from 'typeorm';

@Entity({ name: 'capacity_pools' })
export class CapacityPoolEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  /** VDI or VPN: what the planner calls the pool id */
  @Column('text') code!: string;
  @Column('text') name!: string;
  @Column('integer') capacity!: number;
  /** seats only ELECTED, DIRECTOR and ESSENTIAL agents may take */
  @Column('integer') reserve!: number;
  @OneToMany(() => CapacityChangeEntity, (change) => change.pool) changes?: CapacityChangeEntity[];
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

@Entity({ name: 'capacity_changes' })
export class CapacityChangeEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'pool_id' }) poolId!: string;
  @ManyToOne(() => CapacityPoolEntity, (pool) => pool.changes, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'pool_id' })
  pool?: CapacityPoolEntity;
  @Column('date', { name: 'effective_from' }) effectiveFrom!: string;
  @Column('integer') capacity!: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
