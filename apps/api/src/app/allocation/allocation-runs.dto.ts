import { ApiProperty } from '@nestjs/swagger';
import type { AllocationRunDto, CodedMessage, CreateAllocationRunRequest } from '@telework/contracts';
import { IsIsoDate } from '../common/iso-date.validator';

export class CreateAllocationRunDto implements CreateAllocationRunRequest {
  @ApiProperty({ example: '2026-12-07' }) @IsIsoDate() from!: string;
  @ApiProperty({ example: '2027-01-03' }) @IsIsoDate() to!: string;
}

export class AllocationRunResponseDto implements AllocationRunDto {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ['SCHEDULE', 'MANUAL', 'CONTINUITY'], description: 'CONTINUITY: a continuity event’s activation, edit or end' })
  trigger!: AllocationRunDto['trigger'];
  @ApiProperty({ nullable: true, type: String, description: 'the continuity event that started or joined the run' }) continuityEventId!: string | null;
  @ApiProperty({ description: 'the run replans from today, inside the freeze window (a continuity event’s)' }) ignoreFreeze!: boolean;
  @ApiProperty() from!: string;
  @ApiProperty() to!: string;
  @ApiProperty({ enum: ['QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED'] }) status!: AllocationRunDto['status'];
  @ApiProperty({ minimum: 0, maximum: 100 }) progress!: number;
  @ApiProperty({ nullable: true, type: String }) stage!: string | null;
  @ApiProperty({ nullable: true, type: Object }) metrics!: Record<string, unknown> | null;
  @ApiProperty({ type: [String], description: 'the run\'s and the plan\'s warnings in plain English, same order as codedWarnings' }) warnings!: string[];
  @ApiProperty({
    type: [Object], description: 'the run\'s warnings (RunWarning) then the plan\'s (PlanWarning) as { code, ...figures }; ' +
      'empty for runs stored before warnings were stored as data',
    example: [{ code: 'RUN_FROZEN_HALF_DAYS', from: '2026-12-10' }],
  })
  codedWarnings!: CodedMessage[];
  @ApiProperty({ nullable: true, type: String, description: 'why a FAILED run failed, in plain English (for logs)' }) error!: string | null;
  @ApiProperty({
    nullable: true, type: Object, description: 'why a FAILED run failed, as { code, ...figures } (RunProblem, or JOB_FAILED / JOB_TIMED_OUT / ' +
      'JOB_CANCELLED when its solve was an engine job that did not answer); null otherwise and for runs stored before',
    example: { code: 'RUN_NO_PUBLISHED_ROTATION', from: '2026-12-07', to: '2027-01-03' },
  })
  errorCode!: CodedMessage | null;
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
