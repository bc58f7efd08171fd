import { ApiProperty } from '@nestjs/swagger';
import type { AllocationRunDto, CreateAllocationRunRequest } from '@telework/contracts';
import { IsIsoDate } from '../common/iso-date.validator';

export class CreateAllocationRunDto implements CreateAllocationRunRequest {
  @ApiProperty({ example: '2026-12-07' }) @IsIsoDate() from!: string;
  @ApiProperty({ example: '2027-01-03' }) @IsIsoDate() to!: string;
}

export class AllocationRunResponseDto implements AllocationRunDto {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ['SCHEDULE', 'MANUAL'] }) trigger!: 'SCHEDULE' | 'MANUAL';
  @ApiProperty() from!: string;
  @ApiProperty() to!: string;
  @ApiProperty({ enum: ['QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED'] }) status!: AllocationRunDto['status'];
  @ApiProperty({ minimum: 0, maximum: 100 }) progress!: number;
  @ApiProperty({ nullable: true, type: String }) stage!: string | null;
  @ApiProperty({ nullable: true, type: Object }) metrics!: Record<string, unknown> | null;
  @ApiProperty({ type: [String] }) warnings!: string[];
  @ApiProperty({ nullable: true, type: String }) error!: string | null;
  @ApiProperty({ nullable: true, type: Number }) planVersion!: number | null;
  @ApiProperty({ nullable: true, type: Number }) changedAgents!: number | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ nullable: true, type: String }) startedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) finishedAt!: string | null;
}

export class AllocationRunPageDto {
  @ApiProperty({ type: [AllocationRunResponseDto] }) items!: AllocationRunResponseDto[];
  @ApiProperty() total!: number;
}
