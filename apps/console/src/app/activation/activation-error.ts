import { HttpErrorResponse } from '@angular/common/http';
import { fieldErrors, MessageLocale, serverMessage } from '../core/api/api-error';
import { Message, retryAfterSeconds } from '../login/login-error';

/** What a refused activation means for the page. */
export interface ActivationFailure {
  /** the link itself was refused (unknown, used or expired): the form is of no use any more */
  linkInvalid: boolean;
  /** the server's reasons against the password, in the reader's language, shown on the password field */
  passwordErrors: string[];
  /** what to say in the alert above the form, if anything */
  message: Message | null;
}

/**
 * Reads the answer of a failed `POST /api/auth/activate`. A 400 names its fields: `token`
 * (the link no longer works: said in the user's language, with what to do, rather than the
 * API's English) or `password` (put on the field, worded in `locale` from its code). Anything
 * else is said as on the log-in page.
 */
export function activationFailure(error: unknown, locale: MessageLocale): ActivationFailure {
  const failure = (message: Message | null): ActivationFailure => ({
    linkInvalid: false,
    passwordErrors: [],
    message,
  });
  if (!(error instanceof HttpErrorResponse)) {
    return failure({
      key: 'activation.errors.unexpected',
      params: { status: '?' },
    });
  }
  switch (error.status) {
    case 0:
      return failure({ key: 'activation.errors.unreachable' });
    case 429: {
      const seconds = retryAfterSeconds(error.headers.get('Retry-After'));
      return failure(
        seconds !== null
          ? { key: 'activation.errors.tooManyAttemptsRetry', params: { seconds } }
          : { key: 'activation.errors.tooManyAttempts' },
      );
    }
    case 400: {
      const fields = fieldErrors(error, locale);
      if (fields.some((f) => f.field === 'token')) {
        return {
          linkInvalid: true,
          passwordErrors: [],
          message: { key: 'activation.errors.invalidLink' },
        };
      }
      const password = fields
        .filter((f) => f.field === 'password')
        .map((f) => f.message);
      if (password.length && password.length === fields.length) {
        return { linkInvalid: false, passwordErrors: password, message: null };
      }
      return {
        linkInvalid: false,
        passwordErrors: password,
        message: {
          key: 'activation.errors.refused',
          params: {
            status: 400,
            message: serverMessage(error, locale) ?? 'Bad Request',
          },
        },
      };
    }
    default:
      return failure({
        key: 'activation.errors.unexpected',
        params: { status: error.status },
      });
  }
}
