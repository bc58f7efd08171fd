import { HttpException, INestApplication } from '@nestjs/common';
import express, { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Role } from '@telework/contracts';
import { AccountStatusCache } from '../auth/account-status';
import type { AuthUser } from '../auth/auth.decorators';
import { authenticate, TokenVerifier } from '../auth/auth.guards';
import { fieldProblems, fieldRefusal, FieldCheckInput, forbiddenProblem } from './problems';

/** Every JSON body is at most this large, unless its route is listed in LARGE_BODY_ROUTES. */
export const DEFAULT_JSON_LIMIT_BYTES = 100 * 1024;
/** Deeper JSON is refused before any pipe walks it (class-transformer recursed until the stack broke). */
export const MAX_JSON_DEPTH = 32;

export interface LargeBodyRoute {
  method: string;
  path: RegExp;
  roles: Role[];
  /** JSON bodies up to this size; absent: the route reads its own body (CSV) and JSON keeps the default */
  jsonLimitBytes?: number;
}

/**
 * Routes whose bodies may be larger than the default. Their bearer token and role are checked
 * first, before one byte of the body is read: an anonymous or unauthorised caller gets its 401 /
 * 403 at once, and only HR or a manager ever makes the server parse megabytes.
 */
export const LARGE_BODY_ROUTES: LargeBodyRoute[] = [
  // a whole planning snapshot: ~700 kB for the reference département, ~14 MB for 100,000 agents
  { method: 'POST', path: /^\/api\/what-if\/?$/i, roles: ['HR', 'ADMIN'], jsonLimitBytes: 20 * 1024 * 1024 },
  // the HR system's CSV export, read by CsvBodyMiddleware (MAX_CSV_BYTES) once this check passed
  { method: 'POST', path: /^\/api\/imports\/agents\/?$/i, roles: ['HR', 'ADMIN'] },
  // up to 5,000 cell changes (~90 bytes each)
  { method: 'PATCH', path: /^\/api\/rotations\/[^/]+\/cells\/?$/i, roles: ['HR', 'ADMIN'], jsonLimitBytes: 1024 * 1024 },
  // up to 10,000 agent ids (~40 bytes each)
  { method: 'POST', path: /^\/api\/accounts\/invitations\/?$/i, roles: ['HR', 'ADMIN'], jsonLimitBytes: 1024 * 1024 },
];

function size(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${bytes / 1024 / 1024} MB` : `${bytes / 1024} kB`;
}

/** Answers a coded problem from outside Nest (ProblemsFilter does not see these). */
function send(req: Request, res: Response, problem: HttpException): void {
  res.status(problem.getStatus()).json(problem.getResponse());
  // the rest of an unread body is discarded, never parsed
  req.resume();
}

/** 413 PAYLOAD_TOO_LARGE with the route's limit, on the field `body` too. */
function tooLarge(limitBytes: number): HttpException {
  const limit = size(limitBytes);
  return fieldRefusal(413, [{ field: 'body', code: 'PAYLOAD_TOO_LARGE', limit }], { limit });
}

/**
 * Keys no body of this API has, refused anywhere in a body: class-transformer drops them without
 * a word, so `{"__proto__": {…}}` used to pass as `{}` (on POST /api/accounts/invitations:
 * "invite everyone").
 */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** A string with no lone UTF-16 surrogate (String.prototype.isWellFormed, not in this TS lib yet). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
function wellFormed(text: string): boolean {
  return !LONE_SURROGATE.test(text);
}

function hasBody(req: Request): boolean {
  return req.headers['transfer-encoding'] !== undefined || (req.headers['content-length'] ?? '0') !== '0';
}

/**
 * Walks a parsed body without recursion: too deep (MAX_JSON_DEPTH), or a string PostgreSQL or
 * the validators cannot take (a NUL character, a lone UTF-16 surrogate) is named by its path.
 */
export function jsonBodyProblem(body: unknown): FieldCheckInput | null {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: body, path: '', depth: 0 }];
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop() as { value: unknown; path: string; depth: number };
    if (typeof value === 'string') {
      if (value.includes('\u0000')) return { field: path || 'body', code: 'HAS_NUL_CHARACTER' };
      if (!wellFormed(value)) return { field: path || 'body', code: 'BAD_UNICODE' };
    } else if (value !== null && typeof value === 'object') {
      if (depth >= MAX_JSON_DEPTH) return { field: path || 'body', code: 'TOO_DEEP', max: MAX_JSON_DEPTH };
      if (Array.isArray(value)) {
        value.forEach((item, index) => stack.push({ value: item, path: `${path || 'body'}[${index}]`, depth: depth + 1 }));
      } else {
        for (const [key, item] of Object.entries(value)) {
          if (!wellFormed(key) || key.includes('\u0000')) return { field: path || 'body', code: 'BAD_KEY' };
          if (FORBIDDEN_KEYS.has(key)) return { field: path ? `${path}.${key}` : key, code: 'UNKNOWN_FIELD' };
          stack.push({ value: item, path: path ? `${path}.${key}` : key, depth: depth + 1 });
        }
      }
    }
  }
  return null;
}

function jsonParser(limitBytes: number): RequestHandler {
  const parse = express.json({ limit: limitBytes });
  return (req, res, next) => {
    if (Number(req.headers['content-length'] ?? 0) > limitBytes) {
      send(req, res, tooLarge(limitBytes));
      return;
    }
    parse(req, res, (error?: unknown) => {
      if (error) {
        const status = (error as { status?: number }).status ?? 400;
        if (status === 413) {
          send(req, res, tooLarge(limitBytes));
        } else if (status === 415) {
          const expected = 'application/json; charset=utf-8';
          send(req, res, fieldRefusal(415, [{ field: 'body', code: 'UNSUPPORTED_MEDIA_TYPE', expected }], { expected }));
        } else {
          send(req, res, fieldProblems([{ field: 'body', code: 'BAD_JSON' }]));
        }
        return;
      }
      const problem = jsonBodyProblem(req.body);
      if (problem) {
        send(req, res, fieldProblems([problem]));
        return;
      }
      next();
    });
  };
}

/**
 * Replaces Nest's body parsers (create the app with `bodyParser: false`): JSON only, 100 kB unless
 * the route is a large-body one, whose caller is authenticated first. A body of another type on a
 * JSON route is refused with 415 rather than read as `{}` (which, on POST /api/accounts/invitations,
 * would mean "invite everyone").
 */
export function installBodyParsers(app: INestApplication): void {
  const tokens = app.get(TokenVerifier);
  const accounts = app.get(AccountStatusCache);
  const defaultParser = jsonParser(DEFAULT_JSON_LIMIT_BYTES);
  const routeParsers = new Map(LARGE_BODY_ROUTES.map((route) => [route, jsonParser(route.jsonLimitBytes ?? DEFAULT_JSON_LIMIT_BYTES)]));

  const handler = async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    if (!hasBody(req)) {
      next();
      return;
    }
    const route = LARGE_BODY_ROUTES.find((r) => r.method === req.method && r.path.test(req.path));
    if (route) {
      let user: AuthUser;
      try {
        user = await authenticate(tokens, accounts, req.headers['authorization']);
      } catch (error) {
        // authenticate() refuses with a coded 401 (TOKEN_MISSING, SESSION_ENDED…)
        if (error instanceof HttpException && error.getStatus() === 401) return send(req, res, error);
        throw error;
      }
      if (!route.roles.includes(user.role)) {
        return send(req, res, forbiddenProblem({ code: 'ROLE_NEEDED', roles: route.roles }));
      }
    }
    if (req.is('application/json')) {
      (route ? (routeParsers.get(route) as RequestHandler) : defaultParser)(req, res, next);
      return;
    }
    // the CSV import reads its own body (CsvBodyMiddleware); anything else takes JSON only
    if (route && route.jsonLimitBytes === undefined) {
      next();
      return;
    }
    const expected = 'application/json';
    send(req, res, fieldRefusal(415, [{ field: 'body', code: 'UNSUPPORTED_MEDIA_TYPE', expected }], { expected }));
  };
  app.use((req: Request, res: Response, next: NextFunction) => {
    handler(req, res, next).catch(next);
  });
}
