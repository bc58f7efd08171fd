import { HttpErrorResponse } from '@angular/common/http';
import { FormControl, FormGroup } from '@angular/forms';
import { formatMessage } from '@telework/contracts';
import { applyServerErrors, serverError } from '../../shared/server-errors';
import {
  codedText,
  describeHttpError,
  fieldErrorMap,
  fieldErrors,
  serverMessage,
} from './api-error';

const answer = (status: number, body: unknown) =>
  new HttpErrorResponse({ status, error: body });

/** The API's 409 when a live request already holds the half-day (its English message for logs). */
const requestExists = answer(409, {
  statusCode: 409,
  code: 'REQUEST_EXISTS',
  status: 'PENDING',
  date: '2026-12-08',
  period: 'AM',
  requestId: '6f1c2a7e-0000-4000-8000-000000000001',
  message: '2026-12-08 AM: a PENDING request already exists',
});

/** A 400 on fields: one code per bad field, with its figures. */
const badFields = answer(400, {
  statusCode: 400,
  code: 'INVALID_FIELDS',
  message: 'weeklyMax: must be at most 10',
  errors: [
    { field: 'weeklyMax', code: 'TOO_LARGE', max: 10, message: 'must be at most 10' },
    { field: 'weeklyMax', code: 'NOT_AN_INTEGER', message: 'must be an integer' },
    { field: 'name', code: 'REQUIRED', message: 'is required' },
  ],
});

describe('API problems in the reader’s language', () => {
  it('words a 409 REQUEST_EXISTS and its figures in French, and in English', () => {
    const fr = describeHttpError(requestExists, 'fr');
    expect(fr).toEqual({
      key: 'errors.withMessage',
      params: {
        status: 409,
        message: 'une demande en attente existe déjà pour le mardi 8 décembre 2026 matin',
      },
    });
    const en = describeHttpError(requestExists, 'en');
    expect(en.key).toBe('errors.withMessage');
    expect(en.params?.['message']).toBe(
      formatMessage({ code: 'REQUEST_EXISTS', status: 'PENDING', date: '2026-12-08', period: 'AM' }, 'en'),
    );
    expect(en.params?.['message']).toContain('8 December 2026');
    expect(en.params?.['message']).toContain('already exists');
    expect(serverMessage(requestExists, 'fr')).toBe(fr.params?.['message']);
  });

  it('words each bad field from its code: "doit valoir au plus 10" for weeklyMax', () => {
    expect(fieldErrors(badFields, 'fr')).toEqual([
      { field: 'weeklyMax', code: 'TOO_LARGE', message: 'doit valoir au plus 10' },
      { field: 'weeklyMax', code: 'NOT_AN_INTEGER', message: 'doit être un nombre entier' },
      { field: 'name', code: 'REQUIRED', message: 'est obligatoire' },
    ]);
    expect(fieldErrorMap(badFields, 'fr')).toEqual({
      weeklyMax: 'doit valoir au plus 10 ; doit être un nombre entier',
      name: 'est obligatoire',
    });
    expect(fieldErrorMap(badFields, 'en')).toEqual({
      weeklyMax: 'must be at most 10; must be an integer',
      name: 'is required',
    });
  });

  it('puts the worded problem under its form field, and names the others in the alert', () => {
    const form = new FormGroup({ weeklyMax: new FormControl(12) });
    const unmatched = applyServerErrors(form, badFields, 'fr');
    expect(serverError(form.controls.weeklyMax)).toBe('doit valoir au plus 10 ; doit être un nombre entier');
    expect(form.controls.weeklyMax.touched).toBe(true);
    expect(unmatched).toEqual([{ field: 'name', code: 'REQUIRED', message: 'est obligatoire' }]);

    expect(describeHttpError(badFields, 'fr', { weeklyMax: 'Maximum par semaine' })).toEqual({
      key: 'errors.withMessage',
      params: {
        status: 400,
        message:
          'Maximum par semaine : doit valoir au plus 10 ; Maximum par semaine : doit être un nombre entier ; name : est obligatoire',
      },
    });
    expect(describeHttpError(badFields, 'en').params?.['message']).toBe(
      'weeklyMax: must be at most 10; weeklyMax: must be an integer; name: is required',
    );
  });

  it('leads the list of bad fields with a refusal of its own (a rotation breaking its rules)', () => {
    const breaks = answer(400, {
      statusCode: 400,
      code: 'ROTATION_BREAKS_RULES',
      count: 2,
      message: 'the rotation breaks 2 hard rules',
      errors: [
        { field: 'changes[0].date', code: 'NOT_WORKING', why: 'PUBLIC_HOLIDAY', date: '2026-12-25', period: 'AM', message: 'x' },
        { field: 'changes', code: 'A_RULE_NOT_KNOWN_HERE', message: 'VDI over its cap on 2026-12-08 AM' },
      ],
    });
    expect(serverMessage(breaks, 'fr')).toBe('la rotation enfreint 2 règles impératives');
    expect(fieldErrors(breaks, 'fr').map((f) => f.message)).toEqual([
      'demi-journée non travaillée le vendredi 25 décembre 2026 matin (jour férié)',
      'VDI over its cap on 2026-12-08 AM',
    ]);
    expect(describeHttpError(breaks, 'fr').params?.['message']).toBe(
      'la rotation enfreint 2 règles impératives — changes[0].date : demi-journée non travaillée le vendredi 25 décembre 2026 matin (jour férié)' +
        ' ; changes : VDI over its cap on 2026-12-08 AM',
    );
  });

  it('shows the server’s message when the code is unknown here, or missing', () => {
    const later = answer(409, {
      statusCode: 409,
      code: 'SOMETHING_FROM_A_LATER_API',
      seats: 12,
      message: 'VDI full on 2026-12-10 PM: 1,640 + 60 of 1,700 seats',
    });
    expect(codedText(later.error, 'fr')).toBeNull();
    expect(serverMessage(later, 'fr')).toBe('VDI full on 2026-12-10 PM: 1,640 + 60 of 1,700 seats');
    expect(describeHttpError(later, 'fr')).toEqual({
      key: 'errors.withMessage',
      params: { status: 409, message: 'VDI full on 2026-12-10 PM: 1,640 + 60 of 1,700 seats' },
    });
    const uncoded = answer(400, {
      statusCode: 400,
      message: 'Validation failed',
      errors: [{ field: 'date', message: 'must be a date (YYYY-MM-DD)' }, { field: 'date', code: 'NEW_CHECK', message: 'is in the past' }],
    });
    expect(fieldErrorMap(uncoded, 'fr')).toEqual({ date: 'must be a date (YYYY-MM-DD) ; is in the past' });
  });

  it('names an unreachable server, a bare refused role or missing item, and server failures', () => {
    expect(describeHttpError(new HttpErrorResponse({ status: 0 }), 'fr').key).toBe('errors.unreachable');
    expect(describeHttpError(new HttpErrorResponse({ status: 403 }), 'fr').key).toBe('errors.forbidden');
    expect(describeHttpError(answer(403, { statusCode: 403, code: 'FORBIDDEN', message: 'Forbidden' }), 'fr').key).toBe(
      'errors.forbidden',
    );
    expect(describeHttpError(answer(404, { statusCode: 404, code: 'NOT_FOUND', message: 'Not Found' }), 'en').key).toBe(
      'errors.notFound',
    );
    // a refusal of its own says why the role may not
    expect(
      describeHttpError(answer(403, { statusCode: 403, code: 'OWN_REQUEST_DECISION', message: 'you cannot decide your own request' }), 'fr'),
    ).toEqual({
      key: 'errors.withMessage',
      params: { status: 403, message: 'vous ne pouvez pas décider de votre propre demande : votre responsable ou les RH le font' },
    });
    // a named item gone says which
    expect(describeHttpError(answer(404, { statusCode: 404, code: 'REQUEST_NOT_FOUND', message: 'request not found' }), 'fr')).toEqual({
      key: 'errors.withMessage',
      params: { status: 404, message: 'demande introuvable' },
    });
    expect(describeHttpError(answer(500, { statusCode: 500, code: 'INTERNAL_ERROR', message: 'Internal server error' }), 'fr')).toEqual({
      key: 'errors.generic',
      params: { status: 500 },
    });
    expect(describeHttpError(new HttpErrorResponse({ status: 503 }), 'fr')).toEqual({
      key: 'errors.generic',
      params: { status: 503 },
    });
    expect(describeHttpError(new Error('not http'), 'fr')).toEqual({ key: 'errors.generic', params: { status: '?' } });
  });

  it('says how an engine job ended: cancelled, over its time limit, failed (5xx included)', () => {
    expect(describeHttpError(answer(409, { statusCode: 409, code: 'JOB_CANCELLED', message: 'computation cancelled' }), 'fr')).toEqual({
      key: 'errors.jobEnded',
      params: { status: 409, message: 'calcul annulé' },
    });
    expect(describeHttpError(answer(503, { statusCode: 503, code: 'JOB_TIMED_OUT', limitMs: 120000, message: 'timed out' }), 'fr')).toEqual({
      key: 'errors.jobEnded',
      params: { status: 503, message: 'calcul arrêté : il dépassait sa durée maximale (120 s)' },
    });
    expect(describeHttpError(answer(500, { statusCode: 500, code: 'JOB_FAILED', message: 'failed' }), 'en')).toEqual({
      key: 'errors.jobEnded',
      params: { status: 500, message: 'the computation failed on an internal error: nothing was changed' },
    });
  });
});
