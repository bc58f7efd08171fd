import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse, ApiBearerAuth, ApiBody, ApiConsumes, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiProduces,
  ApiQuery, ApiTags,
} from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles } from '../auth/auth.decorators';
import { AgentImportService } from './agent-import.service';
import { ExportsService } from './exports.service';
import { ImportReportResponseDto } from './imports.dto';

@ApiTags('imports')
@ApiBearerAuth()
@Controller('imports')
export class ImportsController {
  constructor(private readonly imports: AgentImportService) {}

  @Post('agents')
  @HttpCode(200)
  @Roles('HR', 'ADMIN')
  @ApiOperation({
    summary: 'Creates or updates agents from the HR export (CSV), all or nothing; columns in docs/csv-import.md',
  })
  @ApiConsumes('text/csv')
  @ApiBody({
    schema: { type: 'string', example: 'employee_number;first_name;last_name;email;site_code;org_unit_code\nM000123;Jeanne;Martin;jeanne.martin@example.fr;S01;DRH' },
  })
  @ApiOkResponse({ type: ImportReportResponseDto, description: 'every line applied' })
  @ApiBadRequestResponse({ type: ImportReportResponseDto, description: 'refused: every wrong line and column; nothing written' })
  @ApiForbiddenResponse({ description: 'not HR or ADMIN' })
  importAgents(@CurrentUser() user: AuthUser, @Body() body: Buffer) {
    return this.imports.importAgents(user, body);
  }
}

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
  @ApiOkResponse({ description: 'employee_number;last_name;first_name;site_code;date;period;mode;source' })
  assignments(@CurrentUser() user: AuthUser, @Query('from') from: string, @Query('to') to: string) {
    return this.exports.assignmentsCsv(user, from, to);
  }
}
