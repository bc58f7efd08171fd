import { ValidationError, ValidationPipe } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import type { CodedMessage, FieldCheck } from '@telework/contracts';
import { FieldCheckInput, fieldProblems } from './problems';

/** The figures a check reads from its decorator's constraints (`@Max(10)` → `[10]`). */
type CheckOf = (constraints: unknown[]) => FieldCheck;

const allowedOf = (values: unknown): string[] | undefined =>
  Array.isArray(values) ? values.map(String) : values && typeof values === 'object' ? Object.values(values).map(String) : undefined;

/**
 * class-validator constraint name → the field check it stands for, with the figures of its
 * decorator. A constraint missing here answers INVALID_VALUE (validation.spec.ts checks that no
 * decorator used by a DTO of the API does).
 */
export const CONSTRAINT_CHECKS: Record<string, CheckOf> = {
  isDefined: () => ({ code: 'REQUIRED' }),
  isNotEmpty: () => ({ code: 'REQUIRED' }),
  // common/optional.ts: a field that may be left out but not sent as null
  isNotNull: () => ({ code: 'NOT_NULL' }),
  whitelistValidation: () => ({ code: 'UNKNOWN_FIELD' }),
  // common/iso-date.validator.ts: its constraints are the bounds
  isIsoDate: ([min, max]) => ({ code: 'NOT_A_DATE', min: min as string, max: max as string }),
  isDateString: () => ({ code: 'NOT_A_DATE' }),
  isIso8601: () => ({ code: 'NOT_A_DATE' }),
  isInt: () => ({ code: 'NOT_AN_INTEGER' }),
  isNumber: () => ({ code: 'NOT_A_NUMBER' }),
  isNumberString: () => ({ code: 'NOT_A_NUMBER' }),
  isString: () => ({ code: 'NOT_A_STRING' }),
  isBoolean: () => ({ code: 'NOT_A_BOOLEAN' }),
  isArray: () => ({ code: 'NOT_AN_ARRAY' }),
  isObject: () => ({ code: 'NOT_AN_OBJECT' }),
  // @ValidateNested on a value that is no object; unknownValue: a body that is no object
  nestedValidation: () => ({ code: 'NOT_AN_OBJECT' }),
  unknownValue: () => ({ code: 'NOT_AN_OBJECT' }),
  isUuid: () => ({ code: 'NOT_A_UUID' }),
  isEmail: () => ({ code: 'NOT_AN_EMAIL' }),
  min: ([min]) => ({ code: 'TOO_SMALL', min: min as number }),
  max: ([max]) => ({ code: 'TOO_LARGE', max: max as number }),
  isPositive: () => ({ code: 'TOO_SMALL', min: 1 }),
  isIn: ([allowed]) => ({ code: 'NOT_ALLOWED', allowed: allowedOf(allowed) }),
  isEnum: ([entity]) => ({ code: 'NOT_ALLOWED', allowed: allowedOf(entity) }),
  isLength: ([min, max]) => ({ code: 'BAD_LENGTH', min: min as number, max: max as number }),
  maxLength: ([max]) => ({ code: 'TOO_LONG', max: max as number }),
  minLength: ([min]) => ({ code: 'TOO_SHORT', min: min as number }),
  arrayMaxSize: ([max]) => ({ code: 'TOO_MANY_ITEMS', max: max as number }),
  arrayMinSize: ([min]) => ({ code: 'TOO_FEW_ITEMS', min: min as number }),
  arrayNotEmpty: () => ({ code: 'TOO_FEW_ITEMS', min: 1 }),
  arrayUnique: () => ({ code: 'DUPLICATE_ITEMS' }),
  matches: () => ({ code: 'BAD_FORMAT' }),
};

/** Figures that are not JSON-safe or say nothing to a reader are left out (a RegExp, a function). */
function cleanFigures(check: CodedMessage): CodedMessage {
  return Object.fromEntries(Object.entries(check).filter(([, value]) => value !== undefined && typeof value !== 'function')) as CodedMessage;
}

/**
 * The field check of one failed constraint, its figures read from the decorator's metadata (the
 * `@Max(10)` of the property on the validated class, inherited ones included), never from the
 * message. A decorator's `context` (`@Matches(re, { context: { format: 'A-Z 0-9 - _' } })`)
 * adds figures, or names another `code`.
 */
export function fieldCheckOf(error: Pick<ValidationError, 'target' | 'property' | 'contexts'>, constraint: string): CodedMessage {
  const target = error.target?.constructor;
  const metadata = target
    ? getMetadataStorage()
        .getTargetValidationMetadatas(target, '', true, false)
        .find((m) => m.propertyName === error.property && (m.name === constraint || m.type === constraint))
    : undefined;
  const checkOf = CONSTRAINT_CHECKS[constraint];
  const check: CodedMessage = checkOf ? checkOf(metadata?.constraints ?? []) : { code: 'INVALID_VALUE' };
  return cleanFigures({ ...check, ...(error.contexts?.[constraint] ?? {}) });
}

/**
 * Whether the property's checks run only on some values (@IsOmittable, PartialType's fields,
 * @ValidateIf): a null there failed because the field may be left out, not sent empty.
 */
function hasCondition(error: ValidationError): boolean {
  const target = error.target?.constructor;
  return !!target && getMetadataStorage()
    .getTargetValidationMetadatas(target, '', true, false)
    .some((m) => m.propertyName === error.property && m.type === 'conditionalValidation');
}

/** Every failed constraint of the tree as one field problem (`offHalfDays`, `changes.2.date`); a field left out is REQUIRED. */
export function validationProblems(errors: ValidationError[], parent = ''): FieldCheckInput[] {
  return errors.flatMap((error) => {
    const property = String(error.property);
    const field = parent ? `${parent}.${property}` : property;
    const failed = Object.keys(error.constraints ?? {});
    // a missing value is one problem, not "not a string, too short…": left out or null where the
    // field is required, REQUIRED; null where it may only be left out, NOT_NULL
    if (failed.length > 0 && (error.value === undefined || error.value === null) && !failed.includes('whitelistValidation')) {
      const omittable = failed.includes('isNotNull') || (error.value === null && hasCondition(error));
      return [{ field, code: omittable ? 'NOT_NULL' : 'REQUIRED' }];
    }
    const own = failed.map((constraint) => ({ field, ...fieldCheckOf(error, constraint) }));
    return [...own, ...validationProblems(error.children ?? [], field)];
  });
}

/** The pipe of every body, query and param DTO: 400 INVALID_FIELDS, one coded entry per failed check. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    // the figures of a check come from the decorators of the validated class (fieldCheckOf); the
    // value only tells a field left out (REQUIRED), it is never sent back
    validationError: { target: true, value: true },
    exceptionFactory: (errors) => fieldProblems(validationProblems(errors)),
  });
}
