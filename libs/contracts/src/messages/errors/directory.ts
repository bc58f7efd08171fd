import { MessageCatalogue, registerMessages } from '../format';

/**
 * Refusals of the API's directory area (agents, sites, org units, rotation groups), of the
 * accounts and sign-in (auth), and of the agents' CSV import: one code per case, its figures,
 * its words in both languages. Field checks shared by every area (REQUIRED, TOO_LARGE…) are in
 * api-errors.ts; a code of this file may be a field's code too (`errors[i].code`).
 */
export type DirectoryProblem =
  // ---------- directory: not found ----------
  | { code: 'AGENT_NOT_FOUND' }
  | { code: 'SITE_NOT_FOUND' }
  | { code: 'GROUP_NOT_FOUND' }
  // ---------- directory: a field naming something that does not exist ----------
  /** `value`: the code or id given (a CSV cell, an agent id), when known */
  | { code: 'UNKNOWN_SITE'; value?: string }
  | { code: 'UNKNOWN_ORG_UNIT'; value?: string }
  | { code: 'UNKNOWN_AGENT'; value?: string }
  | { code: 'UNKNOWN_GROUP'; value?: string }
  /** an agent's access pool (VDI, VPN) that has no capacity pool configured */
  | { code: 'POOL_NOT_CONFIGURED'; value: string }
  // ---------- directory: the rules of an agent record ----------
  | { code: 'WEEKLY_MIN_ABOVE_MAX'; weeklyMin?: number; weeklyMax?: number }
  | { code: 'ELIGIBLE_NEEDS_POOL' }
  | { code: 'GROUP_NEEDS_ELIGIBLE' }
  | { code: 'OWN_MANAGER' }
  /** the group would exceed its maximum size: `members` it would have, `max` it may */
  | { code: 'GROUP_FULL'; group?: string; members?: number; max?: number }
  | { code: 'SITE_HAS_AGENTS' }
  /** an e-mail that already is the log-in of another account */
  | { code: 'LOGIN_EMAIL_TAKEN' }
  /** regrouping every agent would change the published plan: send confirm: true (figures of publishedPlan) */
  | { code: 'REGROUP_CHANGES_PUBLISHED_PLAN'; groups: number; agents: number; remoteHalfDays: number; from: string; versions: number[] }
  // ---------- auth: sign-in and sessions ----------
  | { code: 'TOKEN_MISSING' }
  | { code: 'TOKEN_INVALID' }
  | { code: 'ACCOUNT_DISABLED' }
  | { code: 'SESSION_ENDED' }
  | { code: 'BAD_CREDENTIALS' }
  | { code: 'ROLE_NEEDED'; roles: string[] }
  | { code: 'ACTIVATION_LINK_INVALID' }
  | { code: 'ACCOUNT_NOT_FOUND' }
  /** PASSWORD_LOGIN=off: only single sign-on */
  | { code: 'PASSWORD_LOGIN_DISABLED' }
  // ---------- auth: single sign-on (SSO_ERROR_CODES: also in the console's URL, /login?sso=CODE) ----------
  | { code: 'SSO_NOT_CONFIGURED' }
  | { code: 'SSO_STATE_INVALID' }
  | { code: 'SSO_PROVIDER_ERROR' }
  | { code: 'SSO_UNKNOWN_USER' }
  | { code: 'SSO_ACCOUNT_DISABLED' }
  | { code: 'SSO_NO_IDENTIFIER' }
  | { code: 'SSO_TICKET_INVALID' }
  // ---------- auth: accounts ----------
  | { code: 'AGENT_HAS_NO_ACCOUNT' }
  | { code: 'OWN_ACCOUNT_DISABLE' }
  | { code: 'ADMIN_ONLY_DISABLE'; role: string }
  | { code: 'ADMIN_ONLY_ROLE' }
  | { code: 'ADMIN_ONLY_EMAIL' }
  /** invitation skips (InvitationSkipCode) and refusals */
  | { code: 'ACTIVE_ACCOUNT' }
  | { code: 'EMAIL_TAKEN'; email?: string }
  | { code: 'NEEDS_ADMIN'; employeeNumber?: string }
  // ---------- imports: the agents' CSV file (each error also names its `line` and `column`) ----------
  | { code: 'CSV_UNREADABLE'; detail?: string }
  | { code: 'CSV_EMPTY' }
  | { code: 'CSV_UNKNOWN_COLUMN'; name: string; expected: string[] }
  | { code: 'CSV_DUPLICATE_COLUMN' }
  | { code: 'CSV_KEY_COLUMN_MISSING' }
  | { code: 'CSV_VALUE_COUNT'; expected: number; found: number }
  | { code: 'CSV_NO_LINES' }
  | { code: 'ALREADY_IN_FILE'; value: string; otherLine: number }
  | { code: 'COLUMN_NEEDED_FOR_NEW'; employeeNumber: string }
  | { code: 'EMAIL_OF_OTHER_AGENT'; value: string; employeeNumber: string }
  /** the body also holds the report: `errors` (each with line, column, code), created: 0, updated: 0 */
  | { code: 'IMPORT_REFUSED'; count: number }
  | { code: 'IMPORT_NEEDS_ADMIN'; lines: number };

const quoted = {
  fr: (value: string) => (value ? ` «\u00a0${value}\u00a0»` : ''),
  en: (value: string) => (value ? ` "${value}"` : ''),
};

export const DIRECTORY_PROBLEM_MESSAGES: MessageCatalogue<DirectoryProblem> = {
  AGENT_NOT_FOUND: { fr: () => 'agent introuvable', en: () => 'agent not found' },
  SITE_NOT_FOUND: { fr: () => 'site introuvable', en: () => 'site not found' },
  GROUP_NOT_FOUND: { fr: () => 'groupe de rotation introuvable', en: () => 'rotation group not found' },

  UNKNOWN_SITE: { fr: (f) => `site inconnu${quoted.fr(f.value)}`, en: (f) => `unknown site${quoted.en(f.value)}` },
  UNKNOWN_ORG_UNIT: { fr: (f) => `service inconnu${quoted.fr(f.value)}`, en: (f) => `unknown org unit${quoted.en(f.value)}` },
  UNKNOWN_AGENT: { fr: (f) => `agent inconnu${quoted.fr(f.value)}`, en: (f) => `unknown agent${quoted.en(f.value)}` },
  UNKNOWN_GROUP: {
    fr: (f) => `groupe de rotation inconnu${quoted.fr(f.value)}`,
    en: (f) => `unknown rotation group${quoted.en(f.value)}`,
  },
  POOL_NOT_CONFIGURED: {
    fr: (f) => `aucun accès à distance ${f.value} n’est configuré`,
    en: (f) => `no capacity pool ${f.value} is configured`,
  },

  WEEKLY_MIN_ABOVE_MAX: {
    fr: (f, m) => m.weeklyMin !== undefined && m.weeklyMax !== undefined
      ? `le minimum hebdomadaire (${f.weeklyMin}) dépasse le maximum (${f.weeklyMax})`
      : 'le minimum hebdomadaire doit être compris entre 0 et le maximum, lui-même au plus 10',
    en: (f, m) => m.weeklyMin !== undefined && m.weeklyMax !== undefined
      ? `weekly_min (${f.weeklyMin}) is above weekly_max (${f.weeklyMax})`
      : 'must be between 0 and weeklyMax, and weeklyMax at most 10',
  },
  ELIGIBLE_NEEDS_POOL: {
    fr: () => 'un agent éligible au télétravail doit avoir un accès à distance (VDI ou VPN)',
    en: () => 'an eligible agent needs an access pool (VDI or VPN)',
  },
  GROUP_NEEDS_ELIGIBLE: {
    fr: () => 'seuls les agents éligibles appartiennent à un groupe de rotation',
    en: () => 'only eligible agents belong to a rotation group',
  },
  OWN_MANAGER: { fr: () => 'un agent ne peut pas être son propre responsable', en: () => 'an agent cannot be its own manager' },
  GROUP_FULL: {
    fr: (f, m) => m.members !== undefined && m.max !== undefined
      ? `le groupe de rotation${quoted.fr(f.group)} compterait ${f.members} membres, plus que son maximum de ${f.max}`
      : 'le groupe de rotation est complet',
    en: (f, m) => m.members !== undefined && m.max !== undefined
      ? `rotation group${f.group ? ` ${f.group}` : ''} would have ${f.members} members, more than its maximum of ${f.max}`
      : 'the rotation group is full',
  },
  SITE_HAS_AGENTS: { fr: () => 'des agents sont encore rattachés à ce site', en: () => 'the site still has agents' },
  LOGIN_EMAIL_TAKEN: {
    fr: () => 'cette adresse est déjà l’identifiant de connexion d’un autre compte',
    en: () => 'is already the log-in of another account',
  },
  REGROUP_CHANGES_PUBLISHED_PLAN: {
    fr: (f) => `refaire tous les groupes vide ${f.groups} groupe(s) que nomment les calendriers publiés (version(s) ${f.versions}) : `
      + `leurs ${f.agents} agent(s) perdraient ${f.remoteHalfDays} demi-journée(s) de télétravail à partir du ${f.from}, `
      + 'jusqu’à la publication d’un nouveau calendrier. Confirmez pour le faire.',
    en: (f) => `regrouping every agent empties ${f.groups} group(s) that the published calendar(s) (version(s) ${f.versions}) still name: `
      + `their ${f.agents} agent(s) would lose ${f.remoteHalfDays} remote half-day(s) from ${f.from} on `
      + '(on site from the next allocation run, until a new calendar is published). Send confirm: true to do it.',
  },

  TOKEN_MISSING: { fr: () => 'connexion requise', en: () => 'a bearer token is required' },
  TOKEN_INVALID: { fr: () => 'session invalide ou expirée : reconnectez-vous', en: () => 'the token is invalid or has expired' },
  ACCOUNT_DISABLED: { fr: () => 'ce compte est désactivé', en: () => 'this account is switched off' },
  SESSION_ENDED: { fr: () => 'cette session est terminée : reconnectez-vous', en: () => 'this session has ended: log in again' },
  BAD_CREDENTIALS: { fr: () => 'adresse e-mail inconnue ou mot de passe erroné', en: () => 'unknown e-mail or wrong password' },
  ROLE_NEEDED: {
    fr: (f) => `cette action demande l’un des rôles ${f.roles}`,
    en: (f) => `this action needs one of the roles ${f.roles}`,
  },
  ACTIVATION_LINK_INVALID: {
    fr: () => 'ce lien d’activation est inconnu, déjà utilisé ou expiré : demandez-en un nouveau aux RH',
    en: () => 'this activation link is unknown, already used or expired: ask HR for a new one',
  },
  ACCOUNT_NOT_FOUND: { fr: () => 'ce compte n’existe plus', en: () => 'this account no longer exists' },
  PASSWORD_LOGIN_DISABLED: {
    fr: () => 'la connexion par mot de passe est désactivée ici : connectez-vous avec l’authentification unique (SSO)',
    en: () => 'log-in with a password is switched off here: sign in with single sign-on',
  },
  SSO_NOT_CONFIGURED: { fr: () => 'l’authentification unique (SSO) n’est pas configurée', en: () => 'single sign-on is not configured' },
  SSO_STATE_INVALID: {
    fr: () => 'cette connexion a expiré ou a déjà servi : recommencez',
    en: () => 'this sign-in has expired or was already used: start again',
  },
  SSO_PROVIDER_ERROR: {
    fr: () => 'le fournisseur d’identité n’a pas pu confirmer la connexion : réessayez, ou prévenez le support s’il persiste',
    en: () => 'the identity provider could not confirm the sign-in: try again, or tell support if it persists',
  },
  SSO_UNKNOWN_USER: {
    fr: () => 'aucun agent ne correspond à ce compte : demandez aux RH de vérifier votre fiche',
    en: () => 'no agent matches this account: ask HR to check your record',
  },
  SSO_ACCOUNT_DISABLED: { fr: () => 'ce compte est désactivé : adressez-vous aux RH', en: () => 'this account is switched off: ask HR' },
  SSO_NO_IDENTIFIER: {
    fr: () => 'le fournisseur d’identité n’a transmis ni adresse e-mail vérifiée ni matricule : prévenez le support',
    en: () => 'the identity provider sent neither a verified e-mail nor an employee number: tell support',
  },
  SSO_TICKET_INVALID: {
    fr: () => 'ce lien de connexion est inconnu, déjà utilisé ou expiré : reconnectez-vous',
    en: () => 'this sign-in link is unknown, already used or expired: sign in again',
  },

  AGENT_HAS_NO_ACCOUNT: { fr: () => 'cet agent n’a pas de compte', en: () => 'this agent has no account' },
  OWN_ACCOUNT_DISABLE: { fr: () => 'vous ne pouvez pas désactiver votre propre compte', en: () => 'you cannot switch off your own account' },
  ADMIN_ONLY_DISABLE: {
    fr: (f) => `seul un ADMIN peut désactiver un compte ${f.role}`,
    en: (f) => `only an ADMIN can switch off an ${f.role} account`,
  },
  ADMIN_ONLY_ROLE: {
    fr: () => 'seul un ADMIN peut donner ou retirer les rôles HR et ADMIN',
    en: () => 'only an ADMIN can give or take the HR and ADMIN roles',
  },
  ADMIN_ONLY_EMAIL: {
    fr: () => 'seul un ADMIN peut changer l’adresse e-mail (l’identifiant de connexion) d’un compte HR ou ADMIN',
    en: () => 'only an ADMIN can change the e-mail (the log-in) of an HR or ADMIN account',
  },
  ACTIVE_ACCOUNT: { fr: () => 'a déjà un compte actif', en: () => 'already has an active account' },
  EMAIL_TAKEN: {
    fr: (f, m) => (m.email ? `un autre compte utilise l’adresse ${f.email}` : 'un autre compte utilise cette adresse'),
    en: (f, m) => (m.email ? `another account uses the e-mail ${f.email}` : 'another account uses this e-mail'),
  },
  NEEDS_ADMIN: {
    fr: (f, m) => `seul un ADMIN peut inviter ou réactiver un compte HR ou ADMIN${m.employeeNumber ? ` (agent ${f.employeeNumber})` : ''}`,
    en: (f, m) => `only an ADMIN can invite or re-enable an HR or ADMIN account${m.employeeNumber ? ` (agent ${f.employeeNumber})` : ''}`,
  },

  CSV_UNREADABLE: {
    fr: (f, m) => `fichier CSV illisible${m.detail ? ` (${f.detail})` : ''}`,
    en: (f, m) => `unreadable CSV${m.detail ? `: ${f.detail}` : ''}`,
  },
  CSV_EMPTY: { fr: () => 'le fichier est vide : une ligne d’en-tête est requise', en: () => 'the file is empty: a header row is required' },
  CSV_UNKNOWN_COLUMN: {
    fr: (f) => `colonne inconnue${quoted.fr(f.name)} ; colonnes attendues : ${f.expected}`,
    en: (f) => `unknown column "${f.name}"; expected ${f.expected}`,
  },
  CSV_DUPLICATE_COLUMN: { fr: () => 'la colonne apparaît deux fois', en: () => 'the column appears twice' },
  CSV_KEY_COLUMN_MISSING: {
    fr: () => 'la colonne employee_number (matricule) est obligatoire : elle identifie chaque agent',
    en: () => 'the employee_number column is required (it identifies each agent)',
  },
  CSV_VALUE_COUNT: {
    fr: (f) => `${f.expected} valeurs attendues (une par colonne de l’en-tête), ${f.found} trouvées`,
    en: (f) => `expected ${f.expected} values (one per header column), found ${f.found}`,
  },
  CSV_NO_LINES: { fr: () => 'le fichier a un en-tête mais aucune ligne d’agent', en: () => 'the file has a header but no agent line' },
  ALREADY_IN_FILE: {
    fr: (f) => `${f.value} figure déjà ligne ${f.otherLine}`,
    en: (f) => `${f.value} is already on line ${f.otherLine}`,
  },
  COLUMN_NEEDED_FOR_NEW: {
    fr: (f) => `la colonne est nécessaire pour créer l’agent ${f.employeeNumber}`,
    en: (f) => `the column is needed to create agent ${f.employeeNumber}`,
  },
  EMAIL_OF_OTHER_AGENT: {
    fr: (f) => `${f.value} est déjà l’adresse de l’agent ${f.employeeNumber}`,
    en: (f) => `${f.value} is already the e-mail of agent ${f.employeeNumber}`,
  },
  IMPORT_REFUSED: {
    fr: (f, m) => `le fichier a été refusé (${f.count} erreur${m.count > 1 ? 's' : ''}) : rien n’a été importé`,
    en: (f, m) => `The file was refused (${f.count} error${m.count > 1 ? 's' : ''}); nothing was imported`,
  },
  IMPORT_NEEDS_ADMIN: {
    fr: (f, m) => `le fichier a été refusé : ${f.lines} ligne${m.lines > 1 ? 's' : ''} donne${m.lines > 1 ? 'nt' : ''} ou retire${m.lines > 1 ? 'nt' : ''} `
      + 'le rôle HR ou ADMIN, ou change l’adresse d’un compte HR ou ADMIN, ce que seul un ADMIN peut faire ; rien n’a été importé',
    en: (f, m) => `The file was refused: ${f.lines} line${m.lines > 1 ? 's' : ''} give or take the HR or ADMIN role, or change an HR or `
      + 'ADMIN account\'s e-mail, which only an ADMIN can do; nothing was imported',
  },
};

registerMessages(DIRECTORY_PROBLEM_MESSAGES);
