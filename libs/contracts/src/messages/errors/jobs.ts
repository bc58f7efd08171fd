import { MessageCatalogue, registerMessages } from '../format';

/** How engine work that did not answer ended (rotation drafts, checks, what-if, sizing, solves). */
export type JobProblem =
  | { code: 'JOB_CANCELLED' }
  | { code: 'JOB_TIMED_OUT'; limitMs?: number }
  | { code: 'JOB_FAILED' }
  | { code: 'JOB_ID_TAKEN'; jobId?: string }
  | { code: 'JOB_NOT_FINISHED' };

export const JOB_PROBLEM_MESSAGES: MessageCatalogue<JobProblem> = {
  JOB_CANCELLED: { fr: () => 'calcul annulé', en: () => 'computation cancelled' },
  JOB_TIMED_OUT: {
    fr: (f, m) => `calcul arrêté : il dépassait sa durée maximale${m.limitMs ? ` (${Math.round(m.limitMs / 1000)} s)` : ''}`,
    en: (f, m) => `computation stopped: it went over its time limit${m.limitMs ? ` (${Math.round(m.limitMs / 1000)} s)` : ''}`,
  },
  JOB_FAILED: {
    fr: () => 'le calcul a échoué sur une erreur interne : rien n’a été changé',
    en: () => 'the computation failed on an internal error: nothing was changed',
  },
  JOB_ID_TAKEN: { fr: () => 'cet identifiant de calcul est déjà utilisé', en: () => 'this computation id is already taken' },
  JOB_NOT_FINISHED: { fr: () => 'le calcul n’est pas terminé', en: () => 'the computation has not finished' },
};

registerMessages(JOB_PROBLEM_MESSAGES);
