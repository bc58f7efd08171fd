import { INestApplication, Logger, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { AppConfig } from '@telework/server-config';
import { AppModule } from './app.module';
import { installBodyParsers } from './common/body-limits';
import { createValidationPipe } from './common/validation';
import { APP_VERSION } from './version';

const LEVELS: LogLevel[] = ['error', 'warn', 'log', 'debug', 'verbose'];

/** Builds the whole API (used by main.ts and by the integration tests). */
export async function createApiApp(config: AppConfig): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    logger: LEVELS.slice(0, LEVELS.indexOf(config.logLevel) + 1),
    bodyParser: false,
  });
  // JSON only, 100 kB; the few routes that take more (what-if snapshot, CSV import…) check the
  // caller's token and role before reading their body (common/body-limits.ts)
  installBodyParsers(app);
  // no ETag hashing of every JSON answer: the hot reads are small, fresh and per user
  app.set('etag', false);
  // TRUST_PROXY: whose X-Forwarded-For makes req.ip, the key of the log-in rate limit
  app.set('trust proxy', config.trustProxy);
  app.setGlobalPrefix('api');
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Télétravail — planificateur de rotations')
      .setDescription(
        'API of the telework rotation planner. Every route needs a bearer token from POST /api/auth/login ' +
          'unless marked otherwise. Planning snapshot and plan formats: see the JSON schemas in libs/planning/schemas.',
      )
      .setVersion(APP_VERSION)
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  return app;
}

export function logStarted(config: AppConfig): void {
  Logger.log(`Planning console and API on http://localhost:${config.port} (API docs: /api/docs)`, 'Bootstrap');
}
