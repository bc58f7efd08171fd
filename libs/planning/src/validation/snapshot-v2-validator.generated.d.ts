import type { ErrorObject } from 'ajv';

/** The planning snapshot schema version 2's validator, compiled ahead of time (snapshot-validator.codegen.ts). */
declare const validate: ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };
export default validate;
