import type { MailPayloads } from '@telework/contracts';
import { renderMail } from './render-mail';
import { halfDayWords, instantWords } from './words';

const URL_BASE = 'https://teletravail.example.fr';

const activation: MailPayloads['ACTIVATION'] = {
  firstName: 'Zoé', lastName: 'Martin',
  activationUrl: 'https://teletravail.example.fr/activation?token=abc&x=1',
  expiresAt: '2026-12-10T13:30:00.000Z',
};

const granted: MailPayloads['REQUEST_DECIDED'] = {
  requestId: 'r-1', firstName: 'Zoé', status: 'APPROVED', allocationStatus: 'GRANTED', refusal: null, comment: null,
  halfDays: [{ date: '2026-12-07', period: 'AM' }, { date: '2026-12-08', period: 'PM' }], decidedBy: 'Paul Durand',
};

const waiting: MailPayloads['REQUEST_DECIDED'] = {
  ...granted, allocationStatus: 'WAITLISTED',
  refusal: { code: 'POOL_FULL', pool: 'VPN', date: '2026-12-07', period: 'AM', used: 1700, capacity: 1700, reserved: 0 },
  halfDays: [{ date: '2026-12-07', period: 'AM' }],
};

const refused: MailPayloads['REQUEST_DECIDED'] = {
  ...granted, status: 'REFUSED', allocationStatus: null, comment: 'Réunion <b>obligatoire</b> & "inventaire"',
  decidedBy: 'Paul <Durand>',
};

const changed: MailPayloads['SCHEDULE_CHANGED'] = {
  firstName: 'Zoé', from: '2026-12-07', to: '2026-12-31', planVersion: 12, eventLabel: 'Grève <des> transports',
  changes: [
    { date: '2026-12-09', period: 'AM', before: 'ON_SITE', after: 'REMOTE' },
    {
      date: '2026-12-10', period: 'PM', before: 'REMOTE', after: 'NO_WORKPLACE',
      why: { code: 'NO_WORKPLACE_NOT_ELIGIBLE', event: 'Grève', site: 'Préfecture', siteCapacity: 0, date: '2026-12-10', period: 'PM' },
    },
  ],
};

const digest: MailPayloads['MANAGER_DIGEST'] = {
  firstName: 'Paul', date: '2026-12-07', total: 3,
  requests: [
    { requestId: 'r-1', agentName: 'Zoé <Martin>', halfDays: [{ date: '2026-12-09', period: 'AM' }], createdAt: '2026-12-04T23:30:00.000Z' },
    { requestId: 'r-2', agentName: 'Léo Petit', halfDays: [{ date: '2026-12-10', period: 'PM' }, { date: '2026-12-11', period: 'AM' }], createdAt: '2026-12-05T09:00:00.000Z' },
  ],
};

describe('words for people', () => {
  it('writes half-days in French and English', () => {
    expect(halfDayWords({ date: '2026-12-07', period: 'AM' }, 'fr')).toBe('lundi 7 décembre 2026, matin');
    expect(halfDayWords({ date: '2026-12-07', period: 'PM' }, 'en')).toBe('Monday 7 December 2026, afternoon');
  });

  it('writes instants in Europe/Paris (winter and summer time)', () => {
    expect(instantWords('2026-12-10T13:30:00.000Z', 'fr')).toBe('jeudi 10 décembre 2026 à 14:30');
    expect(instantWords('2026-07-01T22:15:00.000Z', 'en')).toBe('Thursday 2 July 2026 at 00:15');
  });
});

describe('renderMail', () => {
  it('ACTIVATION: the link, its end, in French and English', () => {
    const fr = renderMail('ACTIVATION', activation, 'fr', URL_BASE);
    expect(fr.subject).toBe('Activez votre compte — Planificateur télétravail');
    expect(fr.text).toContain('Bonjour Zoé,');
    expect(fr.text).toContain('Activer mon compte : https://teletravail.example.fr/activation?token=abc&x=1');
    expect(fr.text).toContain('jusqu’au jeudi 10 décembre 2026 à 14:30');
    expect(fr.html).toContain('<a href="https://teletravail.example.fr/activation?token=abc&amp;x=1">Activer mon compte</a>');
    expect(fr.html).toContain('<html lang="fr">');
    const en = renderMail('ACTIVATION', activation, 'en', URL_BASE);
    expect(en.subject).toBe('Activate your account — Telework planner');
    expect(en.text).toContain('Hello Zoé,');
    expect(en.text).toContain('until Thursday 10 December 2026 at 14:30');
    expect(en.text).not.toMatch(/Bonjour|Activer/);
  });

  it('REQUEST_DECIDED granted: the half-days, who decided, the planning link', () => {
    const fr = renderMail('REQUEST_DECIDED', granted, 'fr', `${URL_BASE}/`);
    expect(fr.subject).toBe('Votre demande est accordée');
    expect(fr.text).toContain('- lundi 7 décembre 2026, matin\n- mardi 8 décembre 2026, après-midi');
    expect(fr.text).toContain('Votre demande a été approuvée par Paul Durand et accordée.');
    expect(fr.text).toContain('Voir mon planning : https://teletravail.example.fr/agent/planning\n');
    expect(fr.html).toContain('<li>lundi 7 décembre 2026, matin</li>');
    const en = renderMail('REQUEST_DECIDED', granted, 'en', URL_BASE);
    expect(en.subject).toBe('Your request was granted');
    expect(en.text).toContain('- Monday 7 December 2026, morning\n- Tuesday 8 December 2026, afternoon');
    expect(en.text).toContain('approved by Paul Durand and granted.');
  });

  it('REQUEST_DECIDED waiting: the reason worded by the catalogue', () => {
    const fr = renderMail('REQUEST_DECIDED', waiting, 'fr', URL_BASE);
    expect(fr.subject).toBe('Votre demande est approuvée, en attente');
    expect(fr.text).toContain('elle est en attente : VPN complet le lundi 7 décembre 2026 matin : 1\u202f700 places prises sur 1\u202f700.');
    const en = renderMail('REQUEST_DECIDED', waiting, 'en', URL_BASE);
    expect(en.subject).toBe('Your request was approved and is waiting');
    expect(en.text).toContain('it is waiting: VPN full on Monday, 7 December 2026, morning: 1,700 of 1,700 seats');
  });

  it('REQUEST_DECIDED refused: the comment, escaped in HTML', () => {
    const fr = renderMail('REQUEST_DECIDED', refused, 'fr', URL_BASE);
    expect(fr.subject).toBe('Votre demande est refusée');
    expect(fr.text).toContain('Votre demande a été refusée par Paul <Durand>.');
    expect(fr.text).toContain('Commentaire de Paul <Durand> : « Réunion <b>obligatoire</b> & "inventaire" »');
    expect(fr.html).toContain('Réunion &lt;b&gt;obligatoire&lt;/b&gt; &amp; &quot;inventaire&quot;');
    expect(fr.html).toContain('Paul &lt;Durand&gt;');
    expect(fr.html).not.toContain('<b>');
    expect(fr.html).not.toContain('<Durand>');
    const en = renderMail('REQUEST_DECIDED', refused, 'en', URL_BASE);
    expect(en.subject).toBe('Your request was refused');
    expect(en.text).toContain('Comment from Paul <Durand>: “Réunion <b>obligatoire</b> & "inventaire"”');
  });

  it('SCHEDULE_CHANGED: only the changed half-days, before → after, why, the week link', () => {
    const fr = renderMail('SCHEDULE_CHANGED', changed, 'fr', URL_BASE);
    expect(fr.subject).toBe('Votre planning change : 2 demi-journées (Grève <des> transports)');
    const lines = fr.text.split('\n').filter((line) => line.startsWith('- '));
    expect(lines).toEqual([
      '- mercredi 9 décembre 2026, matin : Sur site → Télétravail',
      '- jeudi 10 décembre 2026, après-midi : Télétravail → Sans poste de travail (sans poste de travail le jeudi 10 décembre 2026 après-midi (Grève) : site Préfecture fermé, agent non éligible au télétravail)',
    ]);
    expect(fr.text).toContain('https://teletravail.example.fr/agent/planning?week=2026-12-07');
    expect(fr.html).toContain('Grève &lt;des&gt; transports');
    expect(fr.html).toContain('href="https://teletravail.example.fr/agent/planning?week=2026-12-07"');
    expect(fr.html.match(/<li>/g)).toHaveLength(2);
    const en = renderMail('SCHEDULE_CHANGED', changed, 'en', URL_BASE);
    expect(en.subject).toBe('Your schedule changes: 2 half-days (Grève <des> transports)');
    expect(en.text).toContain('- Wednesday 9 December 2026, morning: On site → Remote');
    expect(en.text).toContain('Remote → No workplace (no workplace on Thursday, 10 December 2026, afternoon (Grève): site Préfecture closed, agent not telework-eligible)');
  });

  it('SCHEDULE_CHANGED: one half-day in the singular, a half-day no longer planned', () => {
    const one: MailPayloads['SCHEDULE_CHANGED'] = {
      ...changed, eventLabel: null, changes: [{ date: '2026-12-14', period: 'PM', before: 'REMOTE', after: null }],
    };
    const fr = renderMail('SCHEDULE_CHANGED', one, 'fr', URL_BASE);
    expect(fr.subject).toBe('Votre planning change : 1 demi-journée');
    expect(fr.text).toContain('- lundi 14 décembre 2026, après-midi : Télétravail → plus planifié');
    expect(fr.text).toContain('?week=2026-12-14');
  });

  it('MANAGER_DIGEST: the waiting requests, the rest counted, the approvals link', () => {
    const fr = renderMail('MANAGER_DIGEST', digest, 'fr', URL_BASE);
    expect(fr.subject).toBe('3 demandes attendent votre décision');
    expect(fr.text).toContain('Ce lundi 7 décembre 2026, 3 demandes de votre équipe attendent votre décision :');
    // asked at 00:30 in Paris on the 5th, 23:30 UTC on the 4th
    expect(fr.text).toContain('- Zoé <Martin> : mercredi 9 décembre 2026, matin (demandé le samedi 5 décembre 2026)');
    expect(fr.text).toContain('- Léo Petit : jeudi 10 décembre 2026, après-midi ; vendredi 11 décembre 2026, matin');
    expect(fr.text).toContain('… et 1 autre.');
    expect(fr.text).toContain('Ouvrir les demandes à approuver : https://teletravail.example.fr/manager/requests');
    expect(fr.html).toContain('Zoé &lt;Martin&gt;');
    const en = renderMail('MANAGER_DIGEST', { ...digest, total: 1, requests: digest.requests.slice(1) }, 'en', URL_BASE);
    expect(en.subject).toBe('1 request is waiting for your decision');
    expect(en.text).toContain('- Léo Petit: Thursday 10 December 2026, afternoon; Friday 11 December 2026, morning (asked on Saturday 5 December 2026)');
    expect(en.text).not.toContain('more.');
    expect(en.html).toContain('<a href="https://teletravail.example.fr/manager/requests">Open the requests to approve</a>');
  });

  it('never leaves a French word in an English mail nor the reverse', () => {
    for (const [kind, payload] of [['ACTIVATION', activation], ['REQUEST_DECIDED', granted], ['SCHEDULE_CHANGED', { ...changed, eventLabel: null, changes: changed.changes.slice(0, 1) }], ['MANAGER_DIGEST', { ...digest, requests: [digest.requests[1]] }]] as const) {
      const en = renderMail(kind, payload as never, 'en', URL_BASE);
      expect(en.text).not.toMatch(/Bonjour|demande|planning change|décembre/);
      const fr = renderMail(kind, payload as never, 'fr', URL_BASE);
      expect(fr.text).not.toMatch(/Hello|request |December|Monday/);
    }
  });
});
