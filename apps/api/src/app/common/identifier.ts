/**
 * Codes people type and files carry (employee numbers, site and group codes): letters, digits,
 * `-` and `_`. A refusal is BAD_FORMAT with this `format` figure (the decorator's context, see
 * fieldCheckOf in validation.ts), the same words for the API and the CSV import.
 */
export const IDENTIFIER_PATTERN = /^[A-Za-z0-9_-]+$/;
export const IDENTIFIER_FORMAT = { format: 'A-Z a-z 0-9 - _' };
