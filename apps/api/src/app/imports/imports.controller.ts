import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse, ApiBearerAuth, ApiBody, ApiConsumes, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags,
} from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles } from '../auth/auth.decorators';
import { AgentImportService } from './agent-import.service';
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
