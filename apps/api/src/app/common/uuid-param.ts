import { ParseUUIDPipe } from '@nestjs/common';
import { fieldProblems } from './problems';

/** `:id` must be a UUID; anything else is a 400 naming `id` (NOT_A_UUID), never a database error. */
export const uuidParam = new ParseUUIDPipe({
  exceptionFactory: () => fieldProblems([{ field: 'id', code: 'NOT_A_UUID' }]),
});
