import { CodedMessage, MessageCatalogue, registerMessages } from './format';

/**
 * Every 4xx answer of the API: a `code` (translated by the console through the catalogue), the
 * figures the code names, an English `message` for logs and scripts, and for a 400 on fields one
 * entry per bad field, each with its own code.
 */
export interface FieldProblem extends CodedMessage {
  field: string;
  message: string;
}

export interface ApiProblem extends CodedMessage {
  statusCode: number;
  message: string;
  errors?: FieldProblem[];
}

/** Codes any endpoint may answer, and the checks of single fields (validation, database rules). */
export type GenericProblem =
  | { code: 'INVALID_FIELDS' }
  | { code: 'BAD_REQUEST' }
  | { code: 'UNAUTHENTICATED' }
  | { code: 'FORBIDDEN' }
  | { code: 'NOT_FOUND' }
  | { code: 'CONFLICT' }
  | { code: 'CONCURRENT_CHANGE' }
  | { code: 'PAYLOAD_TOO_LARGE'; limit?: string }
  | { code: 'UNSUPPORTED_MEDIA_TYPE'; expected?: string }
  | { code: 'TOO_MANY_REQUESTS'; retryAfterSeconds?: number }
  | { code: 'INTERNAL_ERROR' };

export type FieldCheck =
  | { code: 'REQUIRED' }
  | { code: 'NOT_NULL' }
  | { code: 'UNKNOWN_FIELD' }
  | { code: 'NOT_A_DATE'; min?: string; max?: string }
  | { code: 'NOT_AN_INTEGER' }
  | { code: 'NOT_A_NUMBER' }
  | { code: 'NOT_A_STRING' }
  | { code: 'NOT_A_BOOLEAN' }
  | { code: 'NOT_AN_ARRAY' }
  | { code: 'NOT_AN_OBJECT' }
  | { code: 'NOT_A_UUID' }
  | { code: 'NOT_AN_EMAIL' }
  | { code: 'TOO_SMALL'; min: number }
  | { code: 'TOO_LARGE'; max: number }
  | { code: 'NOT_ALLOWED'; allowed?: string[]; value?: string }
  | { code: 'BAD_LENGTH'; min?: number; max?: number }
  | { code: 'TOO_LONG'; max: number }
  | { code: 'TOO_SHORT'; min: number }
  | { code: 'TOO_MANY_ITEMS'; max: number }
  | { code: 'TOO_FEW_ITEMS'; min: number }
  | { code: 'DUPLICATE_ITEMS' }
  | { code: 'BAD_FORMAT'; format?: string }
  /** a whole number between two bounds (a CSV cell, a query value) */
  | { code: 'INTEGER_OUT_OF_RANGE'; min: number; max: number }
  /** the body itself: not JSON, a NUL character, a lone surrogate, too deep, a malformed key */
  | { code: 'BAD_JSON' }
  | { code: 'HAS_NUL_CHARACTER' }
  | { code: 'BAD_UNICODE' }
  | { code: 'TOO_DEEP'; max: number }
  | { code: 'BAD_KEY' }
  | { code: 'ALREADY_USED' }
  | { code: 'UNKNOWN_REFERENCE' }
  | { code: 'BREAKS_DATA_RULE' }
  | { code: 'VALUE_OUT_OF_RANGE' }
  | { code: 'VALUE_TOO_LARGE' }
  | { code: 'INVALID_VALUE' };

export const GENERIC_PROBLEM_MESSAGES: MessageCatalogue<GenericProblem> = {
  INVALID_FIELDS: { fr: () => 'certains champs sont invalides', en: () => 'some fields are invalid' },
  BAD_REQUEST: { fr: () => 'requête invalide', en: () => 'bad request' },
  UNAUTHENTICATED: { fr: () => 'session expirée ou absente : reconnectez-vous', en: () => 'not signed in, or the session has expired' },
  FORBIDDEN: { fr: () => 'votre rôle ne permet pas cette action', en: () => 'your role does not allow this' },
  NOT_FOUND: { fr: () => 'élément introuvable', en: () => 'not found' },
  CONFLICT: { fr: () => 'conflit avec l’état actuel des données', en: () => 'conflicts with the current data' },
  CONCURRENT_CHANGE: {
    fr: () => 'une modification simultanée a gêné celle-ci : rien n’a été changé, réessayez',
    en: () => 'a concurrent change got in the way: nothing was changed, try again',
  },
  PAYLOAD_TOO_LARGE: {
    fr: (f, m) => `envoi trop volumineux${m.limit ? ` (au plus ${f.limit})` : ''}`,
    en: (f, m) => `request body too large${m.limit ? ` (at most ${f.limit})` : ''}`,
  },
  UNSUPPORTED_MEDIA_TYPE: {
    fr: (f, m) => `format d’envoi non accepté${m.expected ? ` (attendu : ${f.expected})` : ''}`,
    en: (f, m) => `unsupported content type${m.expected ? ` (expected ${f.expected})` : ''}`,
  },
  TOO_MANY_REQUESTS: {
    fr: (f, m) => `trop de tentatives${m.retryAfterSeconds ? ` : réessayez dans ${f.retryAfterSeconds} s` : ''}`,
    en: (f, m) => `too many attempts${m.retryAfterSeconds ? `: try again in ${f.retryAfterSeconds} s` : ''}`,
  },
  INTERNAL_ERROR: { fr: () => 'erreur interne du serveur', en: () => 'internal server error' },
};

export const FIELD_CHECK_MESSAGES: MessageCatalogue<FieldCheck> = {
  REQUIRED: { fr: () => 'est obligatoire', en: () => 'is required' },
  NOT_NULL: { fr: () => 'ne peut pas être vide (null) : omettez le champ', en: () => 'must not be null: leave the field out' },
  UNKNOWN_FIELD: { fr: () => 'n’est pas un champ attendu', en: () => 'is not an expected field' },
  NOT_A_DATE: {
    fr: (f, m) => `doit être une date réelle AAAA-MM-JJ${m.min ? ` entre ${f.min} et ${f.max}` : ''}`,
    en: (f, m) => `must be a real date YYYY-MM-DD${m.min ? ` between ${f.min} and ${f.max}` : ''}`,
  },
  NOT_AN_INTEGER: { fr: () => 'doit être un nombre entier', en: () => 'must be an integer' },
  NOT_A_NUMBER: { fr: () => 'doit être un nombre', en: () => 'must be a number' },
  NOT_A_STRING: { fr: () => 'doit être un texte', en: () => 'must be a string' },
  NOT_A_BOOLEAN: { fr: () => 'doit valoir vrai ou faux', en: () => 'must be true or false' },
  NOT_AN_ARRAY: { fr: () => 'doit être une liste', en: () => 'must be a list' },
  NOT_AN_OBJECT: { fr: () => 'doit être un objet', en: () => 'must be an object' },
  NOT_A_UUID: { fr: () => 'doit être un identifiant (UUID)', en: () => 'must be an identifier (UUID)' },
  NOT_AN_EMAIL: { fr: () => 'doit être une adresse e-mail', en: () => 'must be an e-mail address' },
  TOO_SMALL: { fr: (f) => `doit valoir au moins ${f.min}`, en: (f) => `must be at least ${f.min}` },
  TOO_LARGE: { fr: (f) => `doit valoir au plus ${f.max}`, en: (f) => `must be at most ${f.max}` },
  NOT_ALLOWED: {
    fr: (f, m) => `${m.value !== undefined ? `«\u00a0${f.value}\u00a0» : ` : ''}valeur non autorisée${m.allowed ? ` (valeurs possibles : ${f.allowed})` : ''}`,
    en: (f, m) => `${m.value !== undefined ? `"${f.value}" ` : ''}is not an allowed value${m.allowed ? ` (one of ${f.allowed})` : ''}`,
  },
  BAD_LENGTH: {
    fr: (f) => `doit compter entre ${f.min || 0} et ${f.max} caractères`,
    en: (f) => `must be ${f.min || 0} to ${f.max} characters long`,
  },
  TOO_LONG: {
    fr: (f, m) => `doit compter au plus ${f.max} caractère${m.max > 1 ? 's' : ''}`,
    en: (f, m) => `must be at most ${f.max} character${m.max > 1 ? 's' : ''} long`,
  },
  TOO_SHORT: {
    fr: (f, m) => (m.min === 1 ? 'ne doit pas être vide' : `doit compter au moins ${f.min} caractères`),
    en: (f, m) => (m.min === 1 ? 'must not be empty' : `must be at least ${f.min} characters long`),
  },
  TOO_MANY_ITEMS: {
    fr: (f, m) => `doit contenir au plus ${f.max} élément${m.max > 1 ? 's' : ''}`,
    en: (f, m) => `must hold at most ${f.max} item${m.max > 1 ? 's' : ''}`,
  },
  TOO_FEW_ITEMS: {
    fr: (f, m) => `doit contenir au moins ${f.min} élément${m.min > 1 ? 's' : ''}`,
    en: (f, m) => `must hold at least ${f.min} item${m.min > 1 ? 's' : ''}`,
  },
  DUPLICATE_ITEMS: { fr: () => 'contient des doublons', en: () => 'holds duplicates' },
  BAD_FORMAT: {
    fr: (f, m) => `format invalide${m.format ? ` (attendu : ${f.format})` : ''}`,
    en: (f, m) => `has a bad format${m.format ? ` (expected ${f.format})` : ''}`,
  },
  INTEGER_OUT_OF_RANGE: {
    fr: (f) => `doit être un nombre entier de ${f.min} à ${f.max}`,
    en: (f) => `must be a whole number from ${f.min} to ${f.max}`,
  },
  BAD_JSON: { fr: () => 'doit être un objet ou un tableau JSON', en: () => 'must be a JSON object or array' },
  HAS_NUL_CHARACTER: { fr: () => 'ne doit pas contenir de caractère NUL', en: () => 'must not contain NUL characters' },
  BAD_UNICODE: { fr: () => 'doit être un texte Unicode bien formé', en: () => 'must be well-formed Unicode text' },
  TOO_DEEP: { fr: (f) => `imbrique plus de ${f.max} niveaux`, en: (f) => `nests deeper than ${f.max} levels` },
  BAD_KEY: { fr: () => 'contient une clé mal formée', en: () => 'has a malformed key' },
  ALREADY_USED: { fr: () => 'est déjà utilisé', en: () => 'is already used' },
  UNKNOWN_REFERENCE: { fr: () => 'désigne un élément qui n’existe pas', en: () => 'refers to something that does not exist' },
  BREAKS_DATA_RULE: { fr: () => 'enfreint une règle des données', en: () => 'breaks a data rule' },
  VALUE_OUT_OF_RANGE: { fr: () => 'contient une valeur hors limites ou mal formée', en: () => 'holds a value out of range or malformed' },
  VALUE_TOO_LARGE: { fr: () => 'contient une valeur trop grande', en: () => 'holds a value too large' },
  INVALID_VALUE: { fr: () => 'valeur invalide', en: () => 'is invalid' },
};

registerMessages(GENERIC_PROBLEM_MESSAGES);
registerMessages(FIELD_CHECK_MESSAGES);

/** Is this an API problem body (a 4xx/5xx answer with a code)? */
export function isApiProblem(body: unknown): body is ApiProblem {
  return !!body && typeof body === 'object' && typeof (body as ApiProblem).code === 'string' && typeof (body as ApiProblem).statusCode === 'number';
}
