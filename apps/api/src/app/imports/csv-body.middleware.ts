import { HttpException, Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { fieldRefusal } from '../common/problems';

/** Content types a CSV upload may come with (Excel and browsers disagree). */
export const CSV_CONTENT_TYPES = ['text/csv', 'application/csv', 'text/plain', 'application/vnd.ms-excel'];
export const MAX_CSV_BYTES = 20 * 1024 * 1024;

/**
 * Reads a CSV request body into a Buffer on the import routes only (the application's body
 * parsers handle JSON and forms): the service decodes it (UTF-8, or Windows-1252 from Excel).
 */
@Injectable()
export class CsvBodyMiddleware implements NestMiddleware {
  use(request: Request, _response: Response, next: NextFunction): void {
    const type = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (!CSV_CONTENT_TYPES.includes(type) || request.readableEnded) {
      next();
      return;
    }
    if (Number(request.headers['content-length'] ?? 0) > MAX_CSV_BYTES) {
      request.resume();
      next(tooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    request.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > MAX_CSV_BYTES) {
        failed = true;
        next(tooLarge());
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => {
      if (failed) return;
      request.body = Buffer.concat(chunks);
      next();
    });
    request.on('error', (error) => {
      if (!failed) next(error);
      failed = true;
    });
  }
}

/** 413 PAYLOAD_TOO_LARGE naming the limit, as the JSON body parsers answer it (common/body-limits.ts). */
function tooLarge(): HttpException {
  const limit = `${MAX_CSV_BYTES / 1024 / 1024} MB`;
  return fieldRefusal(413, [{ field: 'body', code: 'PAYLOAD_TOO_LARGE', limit }], { limit });
}
