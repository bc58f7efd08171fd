import { AbstractControl } from '@angular/forms';
import { FieldError, fieldErrors } from '../core/api/api-error';

/**
 * Puts each `errors[{field,message}]` of a 400 on the form control of that field (as a
 * `server` error, shown by its mat-error), and returns the ones no control matches.
 * `aliases` maps an API field to a control path when they differ.
 */
export function applyServerErrors(
  form: AbstractControl,
  error: unknown,
  aliases: Record<string, string> = {},
): FieldError[] {
  const unmatched: FieldError[] = [];
  for (const e of fieldErrors(error)) {
    const control = form.get(aliases[e.field] ?? e.field);
    if (control) {
      control.setErrors({ ...(control.errors ?? {}), server: e.message });
      control.markAsTouched();
    } else {
      unmatched.push(e);
    }
  }
  return unmatched;
}

/** The server's message on a control, if any. */
export function serverError(control: AbstractControl | null): string | null {
  const message: unknown = control?.errors?.['server'];
  return typeof message === 'string' ? message : null;
}
