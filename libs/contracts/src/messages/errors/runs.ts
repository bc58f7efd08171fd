import { MessageCatalogue, registerMessages } from '../format';

/**
 * What an allocation run says of itself, beside the engine's plan warnings (PlanWarning,
 * engine.ts): its own warnings, kept in `allocation_runs.coded_warnings`, and why it failed,
 * kept in `allocation_runs.error_code`. Dates are ISO dates. A solve that was an engine job and
 * did not answer reuses the jobs' codes (JOB_FAILED, JOB_TIMED_OUT, JOB_CANCELLED, jobs.ts).
 * The English record wording is the runner's English text, kept in `warnings` and `error`.
 */
export type RunWarning =
  /** the freeze window ends after the horizon's first day: half-days before `from` keep their published assignments */
  | { code: 'RUN_FROZEN_HALF_DAYS'; from: string }
  /** the published rotation covers only [from, to] of the horizon: the run plans that span */
  | { code: 'RUN_PARTIAL_COVERAGE'; from: string; to: string };

export type RunWarningCode = RunWarning['code'];

export type RunProblem =
  /** the whole horizon [from, to] lies inside the freeze window, which lasts until `until` */
  | { code: 'RUN_HORIZON_FROZEN'; from: string; to: string; until: string }
  /** no published rotation calendar covers [from, to] */
  | { code: 'RUN_NO_PUBLISHED_ROTATION'; from: string; to: string }
  /** the run failed on an error with no code of its own (its English text stays in `error`); `attempts` made */
  | { code: 'RUN_FAILED'; attempts?: number };

export type RunProblemCode = RunProblem['code'];

export const RUN_WARNING_MESSAGES: MessageCatalogue<RunWarning> = {
  RUN_FROZEN_HALF_DAYS: {
    fr: (f) => `les demi-journées avant le ${f.from} sont figées : elles gardent leurs affectations publiées`,
    en: (f) => `half-days before ${f.from} are frozen and keep their published assignments`,
  },
  RUN_PARTIAL_COVERAGE: {
    fr: (f) => `la rotation publiée ne couvre que la période du ${f.from} au ${f.to} : l’exécution planifie cette période`,
    en: (f) => `the published rotation covers only ${f.from} → ${f.to}; the run plans that span`,
  },
};

export const RUN_PROBLEM_MESSAGES: MessageCatalogue<RunProblem> = {
  RUN_HORIZON_FROZEN: {
    fr: (f) => `rien à planifier : la période du ${f.from} au ${f.to} est entièrement figée (jusqu’au ${f.until})`,
    en: (f) => `nothing to plan: the horizon ${f.from} → ${f.to} lies inside the freeze window (until ${f.until})`,
  },
  RUN_NO_PUBLISHED_ROTATION: {
    fr: (f) => `aucun calendrier de rotation publié ne couvre la période du ${f.from} au ${f.to} : publiez-en un d’abord`,
    en: (f) => `no published rotation calendar covers ${f.from} → ${f.to}: publish one first`,
  },
  RUN_FAILED: {
    fr: (f, m) => `l’exécution d’allocation a échoué sur une erreur interne` +
      `${m.attempts ? ` (${f.attempts} tentative${m.attempts > 1 ? 's' : ''})` : ''} : le plan précédent reste en vigueur`,
    en: (f, m) => `the allocation run failed on an internal error` +
      `${m.attempts ? ` (${f.attempts} attempt${m.attempts > 1 ? 's' : ''})` : ''}: the previous plan stays`,
  },
};

registerMessages(RUN_WARNING_MESSAGES);
registerMessages(RUN_PROBLEM_MESSAGES);
