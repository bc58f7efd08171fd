import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles } from '../auth/auth.decorators';
import { uuidParam } from '../common/uuid-param';
import { AgentPageDto, AgentQueryDto, AgentResponseDto, CreateAgentDto, UpdateAgentDto } from './agents.dto';
import { AgentsService } from './agents.service';

@ApiTags('agents')
@ApiBearerAuth()
@Controller('agents')
export class AgentsController {
  constructor(private readonly agents: AgentsService) {}

  @Get()
  @Roles('MANAGER', 'HR', 'ADMIN')
  @ApiOkResponse({ type: AgentPageDto, description: 'HR and ADMIN: everyone; MANAGER: its team' })
  list(@CurrentUser() user: AuthUser, @Query() query: AgentQueryDto) {
    return this.agents.list(user, query);
  }

  @Get(':id')
  @ApiOkResponse({ type: AgentResponseDto })
  get(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string) {
    return this.agents.get(user, id);
  }

  @Post()
  @Roles('HR', 'ADMIN')
  @ApiCreatedResponse({ type: AgentResponseDto })
  create(@CurrentUser() user: AuthUser, @Body() body: CreateAgentDto) {
    return this.agents.create(user, body);
  }

  @Patch(':id')
  @Roles('HR', 'ADMIN')
  @ApiOkResponse({ type: AgentResponseDto })
  update(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string, @Body() body: UpdateAgentDto) {
    return this.agents.update(user, id, body);
  }
}
