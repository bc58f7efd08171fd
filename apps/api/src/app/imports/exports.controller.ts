import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles } from '../auth/auth.decorators';
import { ExportsService } from './exports.service';

@ApiTags('imports')
@ApiBearerAuth()
@Controller('exports')
export class ExportsController {
  constructor(private readonly exports: ExportsService) {}

  @Get('assignments.csv')
  @Roles('MANAGER', 'HR', 'ADMIN')
  @ApiOperation({ summary: 'The plan of a date range as CSV (Excel: ; separated, UTF-8 with BOM); a manager gets its team' })
  @ApiQuery({ name: 'from', example: '2026-12-07' })
  @ApiQuery({ name: 'to', example: '2026-12-31', description: 'inclusive, at most 366 days after from' })
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description: 'employee_number;last_name;first_name;site_code;date;period;mode;source;continuity_event;reason;reason_en — ' +
      'mode NO_WORKPLACE (a continuity event left the agent without a workplace) with reason in French and reason_en in English; ' +
      'continuity_event: the label of the event that set the half-day (source CONTINUITY)',
  })
  assignments(@CurrentUser() user: AuthUser, @Query('from') from: string, @Query('to') to: string) {
    return this.exports.assignmentsCsv(user, from, to);
  }
}
