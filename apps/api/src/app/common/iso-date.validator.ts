import { ValidateBy, ValidationOptions } from 'class-validator';
import { isIsoDate } from '@telework/planning';

/** A real calendar date written YYYY-MM-DD (2026-02-30 is refused), message "must be a date YYYY-MM-DD". */
export function IsIsoDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isIsoDate',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isIsoDate(value),
        defaultMessage: () => 'must be a date YYYY-MM-DD',
      },
    },
    options,
  );
}
