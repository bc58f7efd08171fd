import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn } from 'class-validator';
import { DataSource } from 'typeorm';
import { queryReturning } from '@telework/persistence';
import { AccountPreferencesDto, Language, LANGUAGES, OPTIONAL_MAIL_KINDS, OptionalMailKind } from '@telework/contracts';
import { AuditService } from '../audit/audit.service';
import { IsOmittable } from '../common/optional';
import { notFoundProblem } from '../common/problems';
import { AuthUser, CurrentUser } from './auth.decorators';

export class AccountPreferencesResponseDto implements AccountPreferencesDto {
  @ApiProperty({ enum: LANGUAGES }) language!: Language;
  @ApiProperty({ enum: OPTIONAL_MAIL_KINDS, isArray: true }) mailOptOuts!: OptionalMailKind[];
}

export class UpdateAccountPreferencesDto implements Partial<AccountPreferencesDto> {
  @ApiPropertyOptional({ enum: LANGUAGES, description: 'the language of mails (and of the console on a browser without its own choice)' })
  @IsOmittable() @IsIn(LANGUAGES)
  language?: Language;

  @ApiPropertyOptional({ enum: OPTIONAL_MAIL_KINDS, isArray: true, description: 'the kinds of mail switched off (all of them replaced); the activation link cannot be' })
  @IsOmittable() @IsArray() @ArrayMaxSize(OPTIONAL_MAIL_KINDS.length) @ArrayUnique() @IsIn(OPTIONAL_MAIL_KINDS, { each: true })
  mailOptOuts?: OptionalMailKind[];
}

/** The signed-in account's own settings: its language and the kinds of e-mail it switched off. Every role, its own account only. */
@ApiTags('auth')
@ApiBearerAuth()
@Controller('auth/me/preferences')
export class PreferencesController {
  constructor(private readonly dataSource: DataSource, private readonly audit: AuditService) {}

  @Get()
  @ApiOkResponse({ type: AccountPreferencesResponseDto })
  async get(@CurrentUser() user: AuthUser): Promise<AccountPreferencesDto> {
    const [row] = await this.dataSource.query(`SELECT language, mail_opt_outs FROM users WHERE id = $1`, [user.userId]);
    if (!row) throw notFoundProblem({ code: 'ACCOUNT_NOT_FOUND' });
    return { language: row.language, mailOptOuts: row.mail_opt_outs };
  }

  @Patch()
  @ApiOperation({ summary: 'Change your language or the kinds of e-mail you receive' })
  @ApiOkResponse({ type: AccountPreferencesResponseDto })
  @ApiBadRequestResponse({ description: 'an unknown language (field language) or kind of mail (field mailOptOuts)' })
  async update(@CurrentUser() user: AuthUser, @Body() body: UpdateAccountPreferencesDto): Promise<AccountPreferencesDto> {
    // nothing asked, or nothing different: nothing written, nothing audited
    if (body.language === undefined && body.mailOptOuts === undefined) return this.get(user);
    const changed = await this.dataSource.transaction(async (manager) => {
      // UPDATE … RETURNING: the PostgreSQL driver answers [rows, count] (queryReturning reads both drivers)
      const [row] = await queryReturning<{ language: Language; mail_opt_outs: OptionalMailKind[] }>(manager,
        `UPDATE users SET language = coalesce($2, language), mail_opt_outs = coalesce($3::text[], mail_opt_outs)
         WHERE id = $1 AND (language, mail_opt_outs) IS DISTINCT FROM (coalesce($2, language), coalesce($3::text[], mail_opt_outs))
         RETURNING language, mail_opt_outs`,
        [user.userId, body.language ?? null, body.mailOptOuts ?? null],
      );
      if (!row) return null;
      const preferences: AccountPreferencesDto = { language: row.language, mailOptOuts: row.mail_opt_outs };
      await this.audit.record(user, 'account.preferences', 'user', user.userId, { ...preferences }, manager);
      return preferences;
    });
    return changed ?? this.get(user);
  }
}
