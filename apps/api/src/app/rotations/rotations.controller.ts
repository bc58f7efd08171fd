import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles } from '../auth/auth.decorators';
import { uuidParam } from '../common/uuid-param';
import { CreateRotationDto, PatchRotationCellsDto, RotationCalendarResponseDto } from './rotations.dto';
import { RotationsService } from './rotations.service';

@ApiTags('rotations')
@ApiBearerAuth()
@Controller('rotations')
export class RotationsController {
  constructor(private readonly rotations: RotationsService) {}

  @Post()
  @Roles('HR', 'ADMIN')
  @ApiCreatedResponse({ type: RotationCalendarResponseDto, description: 'a draft built by the rotation builder' })
  generate(@CurrentUser() user: AuthUser, @Body() body: CreateRotationDto) {
    return this.rotations.generate(user, body);
  }

  @Get()
  @Roles('MANAGER', 'HR', 'ADMIN')
  list() {
    return this.rotations.list();
  }

  @Get(':id')
  @Roles('MANAGER', 'HR', 'ADMIN')
  @ApiOkResponse({ type: RotationCalendarResponseDto })
  get(@Param('id', uuidParam) id: string) {
    return this.rotations.get(id);
  }

  @Patch(':id/cells')
  @Roles('HR', 'ADMIN')
  @ApiOkResponse({ type: RotationCalendarResponseDto })
  @ApiBadRequestResponse({
    description: 'ROTATION_BREAKS_RULES {count} with one coded entry per rule the edited rotation breaks; NOT_WORKING for a cell ' +
      'outside the working half-days of the calendar; UNKNOWN_REFERENCE for an unknown group',
  })
  @ApiConflictResponse({ description: 'ROTATION_NOT_DRAFT: the calendar is (or became) published or superseded; CONCURRENT_CHANGE' })
  patchCells(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string, @Body() body: PatchRotationCellsDto) {
    return this.rotations.patchCells(user, id, body);
  }

  @Post(':id/publish')
  @HttpCode(200)
  @Roles('HR', 'ADMIN')
  @ApiOkResponse({ type: RotationCalendarResponseDto, description: 'published; the agents’ assignments are written' })
  @ApiConflictResponse({ description: 'ROTATION_NOT_DRAFT, or ROTATION_PUBLISHED_MEANWHILE {version, from, to} when another calendar of the range won' })
  publish(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string) {
    return this.rotations.publish(user, id);
  }
}
