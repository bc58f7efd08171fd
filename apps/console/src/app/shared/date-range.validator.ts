import { AbstractControl, ValidationErrors } from '@angular/forms';

/** Group validator of a `from`/`to` pair of ISO dates: `{ order: true }` when `to` is before `from`. */
export function toAfterFrom(group: AbstractControl): ValidationErrors | null {
  const from = group.get('from')?.value as string;
  const to = group.get('to')?.value as string;
  return from && to && to < from ? { order: true } : null;
}
