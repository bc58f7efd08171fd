import { ApiProperty } from '@nestjs/swagger';
import type { ImportReportDto } from '@telework/contracts';

export class ImportErrorDto {
  @ApiProperty({ description: 'line of the file (the header is line 1)' }) line!: number;
  @ApiProperty({ description: 'column name; empty when the whole line is wrong', example: 'site_code' }) column!: string;
  @ApiProperty({ description: 'what is wrong: a catalogue code (libs/contracts messages), its figures beside it', example: 'UNKNOWN_SITE' }) code!: string;
  @ApiProperty({ description: 'the code in English words', example: 'unknown site "S99"' }) message!: string;
  /** the code's figures, beside it */
  [figure: string]: unknown;
}

export class ImportReportResponseDto implements ImportReportDto {
  @ApiProperty() created!: number;
  @ApiProperty({ description: 'existing agents the file matched (brought up to date)' }) updated!: number;
  @ApiProperty({ type: [ImportErrorDto] }) errors!: ImportErrorDto[];
}
