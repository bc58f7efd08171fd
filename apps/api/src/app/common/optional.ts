import { ValidateBy, ValidateIf } from 'class-validator';

/**
 * The field may be left out, but not sent as `null`: class-validator's @IsOptional() lets
 * `null` through to the database, where a NOT NULL column answered 500. Use @IsOptional() only
 * on fields that are nullable (e.g. an agent's managerId). Its other validators run on any
 * present value.
 */
export function IsOmittable(): PropertyDecorator {
  const present = ValidateIf((_object: object, value: unknown) => value !== undefined);
  const notNull = ValidateBy({
    name: 'isNotNull',
    validator: { validate: (value: unknown) => value !== null, defaultMessage: () => 'must not be null' },
  });
  return (target: object, key: string | symbol) => {
    present(target, key as string);
    notNull(target, key as string);
  };
}
