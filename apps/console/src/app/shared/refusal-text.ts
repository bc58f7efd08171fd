import type { MessageLocale } from '@telework/contracts';
import { codedText } from '../core/api/api-error';

/**
 * Why a half-day was not granted, in the reader's language: the refusal's code and figures
 * (`{code, ...figures}`, libs/contracts' catalogue) worded in `locale`; without a refusal (a
 * request allocated before refusals were kept as data) or with a code unknown here, the words
 * as they came, never read back.
 */
export function refusalText(
  refusal: unknown,
  asCame: string | null | undefined,
  locale: MessageLocale,
): string | null {
  const worded = codedText(refusal, locale);
  if (worded) return worded;
  if (asCame?.trim()) return asCame;
  const code = (refusal as { code?: unknown } | null | undefined)?.code;
  return typeof code === 'string' ? code : null;
}
