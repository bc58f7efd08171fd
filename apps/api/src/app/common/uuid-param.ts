import { ParseUUIDPipe } from '@nestjs/common';
import { badRequest } from './validation';

/** `:id` must be a UUID; anything else is a 400 naming `id`, never a database error. */
export const uuidParam = new ParseUUIDPipe({
  exceptionFactory: () => badRequest([{ field: 'id', message: 'must be a UUID' }]),
});
