import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { MAX_PAGE_SIZE } from '@telework/contracts';

/**
 * The last page anyone may ask for: far beyond any table here (× MAX_PAGE_SIZE rows), and small
 * enough that the OFFSET stays an exact number (page=1e20 used to overflow PostgreSQL's bigint).
 */
export const MAX_PAGE = 1_000_000;

export class PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE, default: 1 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(MAX_PAGE)
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: 50 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(MAX_PAGE_SIZE)
  pageSize?: number;
}

export function pageWindow(query: PageQueryDto): { limit: number; offset: number } {
  const pageSize = query.pageSize ?? 50;
  return { limit: pageSize, offset: ((query.page ?? 1) - 1) * pageSize };
}
