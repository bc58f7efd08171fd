import { MessageCatalogue, registerMessages } from '../format';

/** Refusals of the API's capacity area: one code per case, its figures, its words in both languages. */
export type CapacityProblem =
  | { code: 'POOL_NOT_FOUND' };

export const CAPACITY_PROBLEM_MESSAGES: MessageCatalogue<CapacityProblem> = {
  POOL_NOT_FOUND: { fr: () => 'pool de capacité introuvable', en: () => 'capacity pool not found' },
};

registerMessages(CAPACITY_PROBLEM_MESSAGES);
