import { AbstractControl } from '@angular/forms';
import { FieldError, fieldErrors, listSeparator, MessageLocale } from '../core/api/api-error';

/**
 * Puts each `errors[{field, code, ...figures}]` of a 400, worded in `locale`, on the form
 * control of that field (as a `server` error, shown by its mat-error), and returns the ones no
 * control matches.
 * `aliases` maps an API field (or a prefix of it) to a control path when they differ;
 * `items[2].from` and `items.2.from` both reach the control at `items.2.from`.
 */
export function applyServerErrors(
  form: AbstractControl,
  error: unknown,
  locale: MessageLocale,
  aliases: Record<string, string> = {},
): FieldError[] {
  const unmatched: FieldError[] = [];
  const problems = new Map<AbstractControl, string[]>();
  for (const e of fieldErrors(error, locale)) {
    const control = form.get(controlPath(e.field, aliases));
    if (control) problems.set(control, [...(problems.get(control) ?? []), e.message]);
    else unmatched.push(e);
  }
  // several problems of one field are all said
  for (const [control, messages] of problems) {
    control.setErrors({ ...(control.errors ?? {}), server: messages.join(listSeparator(locale)) });
    control.markAsTouched();
  }
  return unmatched;
}

/** The server's problem on a control, in words, if any. */
export function serverError(control: AbstractControl | null): string | null {
  const message: unknown = control?.errors?.['server'];
  return typeof message === 'string' ? message : null;
}

/** `capacityChanges[1].from` → `changes.1.from` with aliases `{capacityChanges: 'changes'}`. */
export function controlPath(
  field: string,
  aliases: Record<string, string> = {},
): string {
  const path = field.replace(/\[(\d+)\]/g, '.$1');
  for (const [from, to] of Object.entries(aliases)) {
    if (path === from) return to;
    if (path.startsWith(`${from}.`)) return to + path.slice(from.length);
  }
  return path;
}
