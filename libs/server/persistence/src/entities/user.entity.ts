import { Column, CreateDateColumn, Entity, JoinColumn, OneToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Role } from '@telework/contracts';
import { AgentEntity } from './agent.entity';

@Entity({ name: 'users' })
export class UserEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'agent_id', nullable: true }) agentId!: string | null;
  @OneToOne(() => AgentEntity, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'agent_id' }) agent?: AgentEntity | null;
  @Column('text') email!: string;
  @Column('text', { name: 'password_hash', select: false }) passwordHash!: string;
  @Column('text') role!: Role;
  @Column('boolean') active!: boolean;
  /** bumped by a switch-off, a password set or a role change: tokens carrying an older one are refused */
  @Column('integer', { name: 'session_version', default: 0 }) sessionVersion!: number;
  @Column('text', { name: 'calendar_token', nullable: true, select: false }) calendarToken!: string | null;
  @Column('timestamptz', { name: 'last_login_at', nullable: true }) lastLoginAt!: Date | null;
  /** SHA-256 (hex) of a pending invitation's token; null once activated or never invited */
  @Column('text', { name: 'activation_token_hash', nullable: true, select: false }) activationTokenHash!: string | null;
  @Column('timestamptz', { name: 'activation_expires_at', nullable: true }) activationExpiresAt!: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
