/**
 * French, the reference language: every key exists here first. `en.ts` must have exactly the
 * same keys (the compiler checks it through `Translations`).
 */
export const FR = {
  app: {
    name: 'Planification du télétravail',
    skipToContent: 'Aller au contenu',
    today: 'Aujourd’hui : {{date}} (heure de Paris)',
  },
  lang: {
    label: 'Langue de l’interface',
    fr: 'Français',
    en: 'English',
  },
  roles: {
    AGENT: 'Agent',
    MANAGER: 'Encadrant',
    HR: 'Ressources humaines',
    ADMIN: 'Administrateur',
  },
  nav: {
    label: 'Navigation principale',
    openMenu: 'Ouvrir le menu de navigation',
    sectionAgent: 'Mon espace',
    sectionManager: 'Encadrement',
    sectionHr: 'Planification',
    myPlanning: 'Mon planning',
    myTeam: 'Mon équipe',
    requests: 'Demandes à valider',
    agents: 'Agents',
    sites: 'Sites',
    groups: 'Groupes de rotation',
    calendars: 'Calendriers de rotation',
    capacity: 'Capacité',
  },
  user: {
    menu: 'Compte de {{name}} ({{role}}) : langue et déconnexion',
    language: 'Langue',
    logout: 'Se déconnecter',
  },
  login: {
    title: 'Connexion',
    intro: 'Connectez-vous avec votre adresse électronique professionnelle.',
    email: 'Adresse électronique',
    emailHint: 'Par exemple : prenom.nom@exemple.fr',
    password: 'Mot de passe',
    submit: 'Se connecter',
    submitting: 'Connexion en cours…',
    sessionExpired: 'Votre session a expiré. Reconnectez-vous pour continuer.',
    errors: {
      emailRequired: 'Saisissez votre adresse électronique.',
      emailInvalid:
        'Saisissez une adresse électronique valide, par exemple prenom.nom@exemple.fr.',
      passwordRequired: 'Saisissez votre mot de passe.',
      invalidCredentials: 'Adresse électronique ou mot de passe incorrect.',
      tooManyAttempts:
        'Trop de tentatives de connexion. Patientez quelques minutes avant de réessayer.',
      tooManyAttemptsRetry:
        'Trop de tentatives de connexion. Réessayez dans {{seconds}} secondes.',
      unreachable:
        'Le serveur ne répond pas. Vérifiez votre connexion puis réessayez.',
      unexpected:
        'La connexion a échoué (erreur {{status}}). Réessayez, puis contactez le support si le problème persiste.',
    },
  },
  placeholder: {
    comingSoon: 'Cette page n’est pas encore disponible.',
    willShow: 'Vous y trouverez :',
  },
  pages: {
    myPlanning: {
      title: 'Mon planning',
      description:
        'vos demi-journées en télétravail, sur site ou non travaillées, semaine par semaine, avec leur origine (rotation de votre groupe, demande, réservation) ; le lien d’abonnement iCal à ajouter dans Outlook ; vos demandes de demi-journées supplémentaires.',
    },
    myTeam: {
      title: 'Mon équipe',
      description:
        'la semaine de votre équipe, demi-journée par demi-journée : qui est en télétravail, sur site ou absent.',
    },
    requests: {
      title: 'Demandes à valider',
      description:
        'les demandes de télétravail de votre équipe, à accepter ou refuser. Une demande acceptée est ensuite accordée ou mise en attente selon les plafonds, avec la raison en clair.',
    },
    sites: {
      title: 'Sites',
      description:
        'les sites, leur code et leur capacité d’accueil par demi-journée, avec le nombre d’agents rattachés ; leur création et leur modification.',
    },
    groups: {
      title: 'Groupes de rotation',
      description:
        'les groupes de rotation (300 agents éligibles au plus), leur composition, et leur formation automatique en gardant ensemble les services, puis les sites.',
    },
    calendars: {
      title: 'Calendriers de rotation',
      description:
        'pour une période, quels groupes télétravaillent quelles demi-journées : génération, modification, validation et publication du calendrier.',
    },
    capacity: {
      title: 'Capacité',
      description:
        'les plafonds de sessions VDI et VPN par demi-journée et leurs dates d’effet, la réserve des agents prioritaires, les réservations (séances en visioconférence) et la prévision du nombre de licences nécessaires.',
    },
  },
  notFound: {
    title: 'Page introuvable',
    text: 'Cette adresse ne correspond à aucune page de la console.',
    home: 'Retour à l’accueil',
  },
  agents: {
    title: 'Agents',
    filters: 'Filtres',
    search: 'Rechercher',
    searchHint: 'Nom, prénom ou matricule',
    site: 'Site',
    allSites: 'Tous les sites',
    sitesUnavailable: 'Liste des sites indisponible',
    eligible: 'Éligibilité au télétravail',
    eligibleAll: 'Tous les agents',
    eligibleYes: 'Éligibles',
    eligibleNo: 'Non éligibles',
    clearFilters: 'Effacer les filtres',
    tableCaption: 'Liste des agents',
    sortBy: 'Trier par {{column}}',
    columns: {
      employeeNumber: 'Matricule',
      name: 'Nom',
      site: 'Site',
      orgUnit: 'Service',
      group: 'Groupe de rotation',
      tier: 'Priorité',
      pool: 'Accès à distance',
      eligible: 'Éligible',
    },
    yes: 'Oui',
    no: 'Non',
    none: 'Aucun',
    loading: 'Chargement des agents…',
    count: '{{total}} agents',
    countOne: '1 agent',
    countZero: 'Aucun agent',
    empty: 'Aucun agent ne correspond à ces critères.',
    emptyNoFilter: 'Aucun agent n’est encore enregistré.',
    errors: {
      generic: 'Impossible de charger les agents (erreur {{status}}).',
      forbidden: 'Votre rôle ne permet pas de consulter la liste des agents.',
      unreachable:
        'Le serveur ne répond pas : impossible de charger les agents.',
    },
    retry: 'Réessayer',
  },
  tiers: {
    ELECTED: 'Élu',
    DIRECTOR: 'Direction',
    ESSENTIAL: 'Essentiel',
    STANDARD: 'Standard',
  },
  pools: {
    VDI: 'Bureau virtuel (VDI)',
    VPN: 'VPN',
  },
  paginator: {
    itemsPerPage: 'Lignes par page',
    nextPage: 'Page suivante',
    previousPage: 'Page précédente',
    firstPage: 'Première page',
    lastPage: 'Dernière page',
    range: '{{start}} – {{end}} sur {{length}}',
    rangeEmpty: '0 sur {{length}}',
  },
};

/** The shape every language must have: the same keys as French, string leaves. */
export type Translations = typeof FR;
