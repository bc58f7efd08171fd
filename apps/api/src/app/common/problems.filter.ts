import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { isApiProblem } from '@telework/contracts';
import { DatabaseErrorsFilter } from './database-errors.filter';
import { problemBody } from './problems';

/**
 * The one global exception filter (APP_FILTER in app.module.ts): every 4xx and 5xx answer of a
 * route carries a `code` the contracts catalogue knows.
 * - an HttpException thrown with a code (apiProblem, fieldProblems…) is answered as it is;
 * - a bare one (a guard's, ParseUUIDPipe's, Nest's own 404 for an unknown route, code of an area
 *   not yet moved to codes) gets the generic code of its status (problemBody);
 * - a failed query goes to DatabaseErrorsFilter (400/409 naming the field, else 500);
 * - anything else, and a 5xx without a code, is 500 INTERNAL_ERROR, logged here, with nothing of
 *   the error in the answer.
 * One filter rather than several: Nest tries global filters last-registered first, so a catch-all
 * beside DatabaseErrorsFilter would depend on the order of the providers.
 * Answers made outside Nest (the body parsers of body-limits.ts) are coded there.
 */
@Catch()
export class ProblemsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problems');
  private readonly database = new DatabaseErrorsFilter();

  catch(exception: unknown, host: ArgumentsHost): void {
    if (exception instanceof QueryFailedError) {
      this.database.catch(exception, host);
      return;
    }
    const response = host.switchToHttp().getResponse<Response>();
    if (exception instanceof HttpException && exception.getStatus() < 500) {
      const status = exception.getStatus();
      this.send(response, status, problemBody(status, exception.getResponse()));
      return;
    }
    if (exception instanceof HttpException && isApiProblem(exception.getResponse())) {
      // a 5xx the code chose to answer, with its code (e.g. a planning job that is not there)
      this.send(response, exception.getStatus(), exception.getResponse() as object);
      return;
    }
    const status = exception instanceof HttpException ? exception.getStatus() : HttpStatus.INTERNAL_SERVER_ERROR;
    const error = exception instanceof Error ? exception : new Error(String(exception));
    this.logger.error(error.message, error.stack);
    this.send(response, status, { statusCode: status, code: 'INTERNAL_ERROR', message: 'Internal server error' });
  }

  private send(response: Response, status: number, body: object): void {
    if (response.headersSent) {
      // a streamed answer (a CSV export) failed half-way: it can only be cut short
      response.end();
      return;
    }
    response.status(status).json(body);
  }
}
