import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles } from '../auth/auth.decorators';
import { PageQueryDto } from '../common/pagination';
import { uuidParam } from '../common/uuid-param';
import { AutoFormGroupsDto, AutoFormResultDto, CreateGroupDto, GroupPageDto, GroupResponseDto, UpdateGroupDto } from './groups.dto';
import { GroupsService } from './groups.service';

@ApiTags('groups')
@ApiBearerAuth()
@Controller('groups')
export class GroupsController {
  constructor(private readonly groups: GroupsService) {}

  @Get()
  @ApiOkResponse({ type: GroupPageDto })
  list(@Query() query: PageQueryDto) {
    return this.groups.list(query);
  }

  @Get(':id')
  @ApiOkResponse({ type: GroupResponseDto })
  get(@Param('id', uuidParam) id: string) {
    return this.groups.get(id);
  }

  @Post()
  @Roles('HR', 'ADMIN')
  @ApiCreatedResponse({ type: GroupResponseDto })
  create(@CurrentUser() user: AuthUser, @Body() body: CreateGroupDto) {
    return this.groups.create(user, body);
  }

  @Post('auto-form')
  @HttpCode(200)
  @Roles('HR', 'ADMIN')
  @ApiOperation({
    summary: 'Form rotation groups with the engine (audited). With regroupAll, groups a published calendar names are emptied: ' +
      'the answer says what changes to the published plan, and such a change needs confirm: true (dryRun: only the figures)',
  })
  @ApiOkResponse({ type: AutoFormResultDto, description: 'groups formed by the planning engine (dryRun: what would be done)' })
  @ApiConflictResponse({ description: 'regroupAll would change the published plan and confirm is not true: the figures in publishedPlan' })
  autoForm(@CurrentUser() user: AuthUser, @Body() body: AutoFormGroupsDto) {
    return this.groups.autoForm(user, body);
  }

  @Patch(':id')
  @Roles('HR', 'ADMIN')
  @ApiOkResponse({ type: GroupResponseDto })
  update(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string, @Body() body: UpdateGroupDto) {
    return this.groups.update(user, id, body);
  }
}
