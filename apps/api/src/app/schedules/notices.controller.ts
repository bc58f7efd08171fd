import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser } from '../auth/auth.decorators';
import { NoticesService } from './notices.service';
import { MarkNoticesReadDto, MarkNoticesReadResultDto, NoticePageDto, NoticeQueryDto } from './schedules.dto';

@ApiTags('notices')
@ApiBearerAuth()
@Controller('me/notices')
export class NoticesController {
  constructor(private readonly notices: NoticesService) {}

  @Get()
  @ApiOperation({ summary: "The caller's in-app notices, newest first" })
  @ApiOkResponse({ type: NoticePageDto })
  list(@CurrentUser() user: AuthUser, @Query() query: NoticeQueryDto) {
    return this.notices.list(user, query);
  }

  @Post('read')
  @HttpCode(200)
  @ApiOperation({ summary: "Marks the caller's notices read (the given ids, or all)" })
  @ApiOkResponse({ type: MarkNoticesReadResultDto })
  markRead(@CurrentUser() user: AuthUser, @Body() body: MarkNoticesReadDto) {
    return this.notices.markRead(user, body);
  }
}
