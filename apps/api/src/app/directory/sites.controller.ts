import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles } from '../auth/auth.decorators';
import { PageQueryDto } from '../common/pagination';
import { uuidParam } from '../common/uuid-param';
import { CreateSiteDto, SitePageDto, SiteResponseDto, UpdateSiteDto } from './sites.dto';
import { SitesService } from './sites.service';

@ApiTags('sites')
@ApiBearerAuth()
@Controller('sites')
export class SitesController {
  constructor(private readonly sites: SitesService) {}

  @Get()
  @ApiOkResponse({ type: SitePageDto })
  list(@Query() query: PageQueryDto) {
    return this.sites.list(query);
  }

  @Get(':id')
  @ApiOkResponse({ type: SiteResponseDto })
  get(@Param('id', uuidParam) id: string) {
    return this.sites.get(id);
  }

  @Post()
  @Roles('HR', 'ADMIN')
  @ApiCreatedResponse({ type: SiteResponseDto })
  create(@CurrentUser() user: AuthUser, @Body() body: CreateSiteDto) {
    return this.sites.create(user, body);
  }

  @Patch(':id')
  @Roles('HR', 'ADMIN')
  @ApiOkResponse({ type: SiteResponseDto })
  update(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string, @Body() body: UpdateSiteDto) {
    return this.sites.update(user, id, body);
  }
}
