import { MessageCatalogue, registerMessages } from '../format';

/** Refusals of the API's directory area: one code per case, its figures, its words in both languages. */
export type DirectoryProblem =
  | { code: 'AGENT_NOT_FOUND' };

export const DIRECTORY_PROBLEM_MESSAGES: MessageCatalogue<DirectoryProblem> = {
  AGENT_NOT_FOUND: { fr: () => 'agent introuvable', en: () => 'agent not found' },
};

registerMessages(DIRECTORY_PROBLEM_MESSAGES);
