import { MessageCatalogue, registerMessages } from '../format';

/** Refusals of the API's requests area: one code per case, its figures, its words in both languages. */
export type RequestProblem =
  | { code: 'REQUEST_NOT_FOUND' };

export const REQUESTS_PROBLEM_MESSAGES: MessageCatalogue<RequestProblem> = {
  REQUEST_NOT_FOUND: { fr: () => 'demande introuvable', en: () => 'request not found' },
};

registerMessages(REQUESTS_PROBLEM_MESSAGES);
