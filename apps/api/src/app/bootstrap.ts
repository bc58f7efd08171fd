import { INestApplication, Logger, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { AppConfig } from '@telework/server-config';
import { AppModule } from './app.module';
import { createValidationPipe } from './common/validation';
import { APP_VERSION } from './version';

const LEVELS: LogLevel[] = ['error', 'warn', 'log', 'debug', 'verbose'];

/** Builds the whole API (used by main.ts and by the integration tests). */
export async function createApiApp(config: AppConfig): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    logger: LEVELS.slice(0, LEVELS.indexOf(config.logLevel) + 1),
  });
  // POST /api/what-if takes a whole planning snapshot: ~700 kB for the reference département (default limit: 100 kB)
  app.useBodyParser('json', { limit: '20mb' });
  // no ETag hashing of every JSON answer: the hot reads are small, fresh and per user
  app.set('etag', false);
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
