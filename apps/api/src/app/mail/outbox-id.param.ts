import { PipeTransform } from '@nestjs/common';
import { fieldProblems } from '../common/problems';

/** An outbox row's `:id` is a positive bigint; anything else is a 400 naming `id`, never a database error. */
export const outboxIdParam: PipeTransform<string, string> = {
  transform(value: string): string {
    if (!/^[1-9]\d{0,17}$/.test(value)) throw fieldProblems([{ field: 'id', code: 'BAD_FORMAT', format: '1, 2, 3…' }]);
    return value;
  },
};
