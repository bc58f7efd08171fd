import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { LANGUAGES, MAIL_KINDS, MAIL_STATUSES } from '@telework/contracts';
import type { Language, MailKind, MailOutboxEntryDto, MailOutboxPageDto, MailStatus } from '@telework/contracts';
import { PageQueryDto } from '../common/pagination';

export class MailOutboxEntryResponseDto implements MailOutboxEntryDto {
  @ApiProperty({ example: '42' }) id!: string;
  @ApiProperty({ enum: MAIL_KINDS }) kind!: MailKind;
  @ApiProperty({ example: 'zoe.martin@example.fr' }) recipient!: string;
  @ApiProperty({ enum: LANGUAGES }) language!: Language;
  @ApiProperty({ enum: MAIL_STATUSES }) status!: MailStatus;
  @ApiProperty() attempts!: number;
  @ApiProperty({ nullable: true, type: String, example: 'ECONNECTION: connect ECONNREFUSED 10.0.0.5:587' }) lastError!: string | null;
  @ApiProperty({ example: '2026-12-07T06:30:00.000Z' }) createdAt!: string;
  @ApiProperty({ nullable: true, type: String, description: 'when it is tried next (PENDING, SENDING)' }) nextAttemptAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) sentAt!: string | null;
}

export class MailOutboxPageResponseDto implements MailOutboxPageDto {
  @ApiProperty({ description: 'whether SMTP_URL is set (no mail is written otherwise)' }) enabled!: boolean;
  @ApiProperty({ type: Object, example: { PENDING: 3, SENDING: 0, SENT: 120, FAILED: 1 } }) counts!: Record<MailStatus, number>;
  @ApiProperty({ type: [MailOutboxEntryResponseDto] }) items!: MailOutboxEntryResponseDto[];
  @ApiProperty() total!: number;
}

export class MailOutboxQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: MAIL_STATUSES }) @IsOptional() @IsIn(MAIL_STATUSES) status?: MailStatus;
}
