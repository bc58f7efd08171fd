import { formatMessage, recordText } from '../index';
import type { RunProblem, RunWarning } from './runs';

describe('allocation run messages', () => {
  const frozen: RunWarning = { code: 'RUN_FROZEN_HALF_DAYS', from: '2026-12-10' };
  const partial: RunWarning = { code: 'RUN_PARTIAL_COVERAGE', from: '2026-12-07', to: '2026-12-20' };

  it('keeps the runner’s English text as the record wording', () => {
    expect(recordText(frozen)).toBe('half-days before 2026-12-10 are frozen and keep their published assignments');
    expect(recordText(partial)).toBe('the published rotation covers only 2026-12-07 → 2026-12-20; the run plans that span');
    expect(recordText({ code: 'RUN_HORIZON_FROZEN', from: '2026-12-07', to: '2026-12-08', until: '2026-12-09' }))
      .toBe('nothing to plan: the horizon 2026-12-07 → 2026-12-08 lies inside the freeze window (until 2026-12-09)');
    expect(recordText({ code: 'RUN_NO_PUBLISHED_ROTATION', from: '2026-12-07', to: '2027-01-03' }))
      .toBe('no published rotation calendar covers 2026-12-07 → 2027-01-03: publish one first');
  });

  it('speaks French to a person, with French dates', () => {
    expect(formatMessage(frozen, 'fr'))
      .toBe('les demi-journées avant le jeudi 10 décembre 2026 sont figées : elles gardent leurs affectations publiées');
    expect(formatMessage(partial, 'fr'))
      .toBe('la rotation publiée ne couvre que la période du lundi 7 décembre 2026 au dimanche 20 décembre 2026 : l’exécution planifie cette période');
    expect(formatMessage({ code: 'RUN_NO_PUBLISHED_ROTATION', from: '2026-12-07', to: '2027-01-03' } satisfies RunProblem, 'fr'))
      .toBe('aucun calendrier de rotation publié ne couvre la période du lundi 7 décembre 2026 au dimanche 3 janvier 2027 : publiez-en un d’abord');
    expect(formatMessage({ code: 'RUN_HORIZON_FROZEN', from: '2026-12-07', to: '2026-12-08', until: '2026-12-09' }, 'fr'))
      .toBe('rien à planifier : la période du lundi 7 décembre 2026 au mardi 8 décembre 2026 est entièrement figée (jusqu’au mercredi 9 décembre 2026)');
    expect(formatMessage({ code: 'RUN_FAILED', attempts: 3 } satisfies RunProblem, 'fr'))
      .toBe('l’exécution d’allocation a échoué sur une erreur interne (3 tentatives) : le plan précédent reste en vigueur');
    expect(formatMessage({ code: 'RUN_FAILED' }, 'fr'))
      .toBe('l’exécution d’allocation a échoué sur une erreur interne : le plan précédent reste en vigueur');
    expect(recordText({ code: 'RUN_FAILED', attempts: 1 })).toBe('the allocation run failed on an internal error (1 attempt): the previous plan stays');
  });
});
