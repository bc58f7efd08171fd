import { Body, Controller, Get, HttpCode, Injectable, PipeTransform, Post, Query, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse, ApiBearerAuth, ApiBody, ApiConflictResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles } from '../auth/auth.decorators';
import { fieldProblems } from '../common/problems';
import { createValidationPipe } from '../common/validation';
import { DateRangeQueryDto, MAX_RANGE_DAYS, WhatIfDto, WhatIfResponseDto } from './capacity.dto';
import { SnapshotsService } from './snapshots.service';

@Injectable()
export class WhatIfBodyPipe implements PipeTransform<unknown, Promise<WhatIfDto>> {
  private readonly validation = createValidationPipe();

  async transform(value: unknown): Promise<WhatIfDto> {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw fieldProblems([{ field: 'body', code: 'NOT_AN_OBJECT' }]);
    }
    const { snapshot, ...rest } = value as Record<string, unknown>;
    const body: WhatIfDto = await this.validation.transform(rest, { type: 'body', metatype: WhatIfDto });
    if (snapshot !== undefined) {
      if (snapshot === null || typeof snapshot !== 'object' || Array.isArray(snapshot)) {
        throw fieldProblems([{ field: 'snapshot', code: 'NOT_AN_OBJECT' }]);
      }
      body.snapshot = snapshot as Record<string, unknown>;
    }
    return body;
  }
}

@ApiTags('planning')
@ApiBearerAuth()
@Controller()
export class SnapshotsController {
  constructor(private readonly snapshots: SnapshotsService) {}

  @Get('snapshots')
  @Roles('HR', 'ADMIN')
  @ApiOperation({
    summary: `The planning snapshot (schema v1, libs/planning/schemas/planning-snapshot.schema.json) of a period, as a file; ` +
      `public holidays in closedDates, the published rotation when there is one (at most ${MAX_RANGE_DAYS} days)`,
  })
  @ApiProduces('application/json')
  @ApiOkResponse({ description: 'a planning snapshot, as an attachment snapshot-<from>-<to>.json', schema: { type: 'object' } })
  async export(@Query() query: DateRangeQueryDto, @Res({ passthrough: true }) res: Response) {
    const snapshot = await this.snapshots.export(query);
    res.setHeader('Content-Disposition', `attachment; filename="snapshot-${query.from}-${query.to}.json"`);
    return snapshot;
  }

  @Post('what-if')
  @Roles('HR', 'ADMIN')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Plans a snapshot (or the current data of [from, to]) with overrides (caps, reserve, weekly min/max) and ' +
      'answers the engine metrics; nothing is written',
  })
  @ApiOkResponse({ type: WhatIfResponseDto })
  @ApiBadRequestResponse({ description: 'SNAPSHOT_INVALID or OVERRIDES_MAKE_SNAPSHOT_INVALID with one error per bad JSON path, e.g. snapshot.agents[3].groupId; INVALID_FIELDS' })
  @ApiConflictResponse({ description: 'ROTATION_BREAKS_RULES {count, published: true}: the published rotation breaks a hard rule under the overrides (one entry per rule in errors)' })
  @ApiBody({ type: WhatIfDto })
  whatIf(@Body(WhatIfBodyPipe) body: WhatIfBodyInput) {
    return this.snapshots.whatIf(body as WhatIfDto);
  }
}

/**
 * Typed as an interface on purpose: its design type is Object, so the global ValidationPipe
 * leaves the body to WhatIfBodyPipe.
 */
interface WhatIfBodyInput {
  snapshot?: Record<string, unknown>;
}
