import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { ENGINE_JOB_ID_HEADER } from '@telework/contracts';
import { fieldProblems } from '../common/problems';

const requests = new AsyncLocalStorage<Request>();

/**
 * Keeps the HTTP request at hand for the engine jobs it starts, so every planning call names
 * its job after the `X-Engine-Job-Id` header (the console follows it) and its author after the
 * signed-in user, without each service passing them along.
 */
@Injectable()
export class JobContextMiddleware implements NestMiddleware {
  use(req: Request, _res: Response, next: NextFunction): void {
    requests.run(req, next);
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/** The job id the client chose for the call being served (400 when it is not a UUID), and who asked. */
export function currentJobOrigin(): { jobId?: string; createdBy: string | null } {
  const req = requests.getStore();
  if (!req) return { createdBy: null };
  const header = req.headers[ENGINE_JOB_ID_HEADER];
  const jobId = Array.isArray(header) ? header[0] : header;
  if (jobId !== undefined && !UUID.test(jobId)) {
    throw fieldProblems([{ field: ENGINE_JOB_ID_HEADER, code: 'NOT_A_UUID' }]);
  }
  const user = (req as Request & { user?: { userId?: string } }).user;
  return { jobId, createdBy: user?.userId ?? null };
}
