import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule, JwtService } from '@nestjs/jwt';
import type { AppConfig } from '@telework/server-config';
import { APP_CONFIG } from '@telework/server-infrastructure';
import { AccountsController } from './accounts.controller';
import { AccountsRepository } from './accounts.repository';
import { AccountsService } from './accounts.service';
import { AuthController } from './auth.controller';
import { JwtAuthGuard, RolesGuard, TokenVerifier } from './auth.guards';
import { AuthService } from './auth.service';
import { OidcClientService } from './oidc/oidc-client.service';
import { OidcSignInsRepository } from './oidc/oidc-sign-ins.repository';
import { OidcController } from './oidc/oidc.controller';
import { OidcService } from './oidc/oidc.service';
import { PreferencesController } from './preferences.controller';

/**
 * Log-in, activation, single sign-on (/api/auth/oidc) and the current user (/api/auth), invitations and switching accounts off
 * (/api/accounts), and the two global guards every route passes: a valid bearer token unless
 * @Public() (JwtAuthGuard, first), then the route's @Roles() (RolesGuard). The account state the
 * guard checks is AccountStatusCache, one instance for the whole API (CoreModule).
 * Exports AccountsRepository: the areas that change an agent's role or e-mail make its account follow.
 */
@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({ secret: config.jwt.secret, signOptions: { expiresIn: config.jwt.ttl as never } }),
    }),
  ],
  controllers: [AuthController, AccountsController, PreferencesController, OidcController],
  providers: [
    // one verifier (and one memo of verified tokens) for the guard and the large-body check
    { provide: TokenVerifier, inject: [JwtService, APP_CONFIG], useFactory: (jwt: JwtService, config: AppConfig) => new TokenVerifier(jwt, config.jwt.secret) },
    { provide: APP_GUARD, useClass: JwtAuthGuard },
    { provide: APP_GUARD, useClass: RolesGuard },
    AuthService,
    AccountsService,
    AccountsRepository,
    OidcClientService,
    OidcService,
    OidcSignInsRepository,
  ],
  exports: [AccountsRepository, TokenVerifier],
})
export class AuthModule {}
