import type { Translations } from './fr';

/** English. Same keys as `fr.ts`; a missing or extra key does not compile. */
export const EN: Translations = {
  app: {
    name: 'Telework planning',
    skipToContent: 'Skip to content',
    today: 'Today: {{date}} (Paris time)',
  },
  lang: {
    label: 'Interface language',
    fr: 'Français',
    en: 'English',
  },
  roles: {
    AGENT: 'Agent',
    MANAGER: 'Manager',
    HR: 'Human resources',
    ADMIN: 'Administrator',
  },
  nav: {
    label: 'Main navigation',
    openMenu: 'Open the navigation menu',
    sectionAgent: 'My space',
    sectionManager: 'Management',
    sectionHr: 'Planning',
    myPlanning: 'My schedule',
    myTeam: 'My team',
    requests: 'Requests to review',
    agents: 'Agents',
    sites: 'Sites',
    groups: 'Rotation groups',
    calendars: 'Rotation calendars',
    capacity: 'Capacity',
  },
  user: {
    menu: 'Account of {{name}} ({{role}}): language and log out',
    language: 'Language',
    logout: 'Log out',
  },
  login: {
    title: 'Log in',
    intro: 'Log in with your work e-mail address.',
    email: 'E-mail address',
    emailHint: 'For example: firstname.lastname@example.fr',
    password: 'Password',
    submit: 'Log in',
    submitting: 'Logging in…',
    sessionExpired: 'Your session has expired. Log in again to continue.',
    errors: {
      emailRequired: 'Enter your e-mail address.',
      emailInvalid:
        'Enter a valid e-mail address, for example firstname.lastname@example.fr.',
      passwordRequired: 'Enter your password.',
      invalidCredentials: 'Wrong e-mail address or password.',
      tooManyAttempts:
        'Too many log-in attempts. Wait a few minutes before trying again.',
      tooManyAttemptsRetry:
        'Too many log-in attempts. Try again in {{seconds}} seconds.',
      unreachable:
        'The server does not answer. Check your connection and try again.',
      unexpected:
        'Log-in failed (error {{status}}). Try again, then contact support if the problem persists.',
    },
  },
  placeholder: {
    comingSoon: 'This page is not available yet.',
    willShow: 'It will show:',
  },
  pages: {
    myPlanning: {
      title: 'My schedule',
      description:
        'your half-days working remotely, on site or off, week by week, with where each comes from (your group’s rotation, a request, a reservation); the iCal subscription link to add to Outlook; your requests for extra half-days.',
    },
    myTeam: {
      title: 'My team',
      description:
        'your team’s week, half-day by half-day: who works remotely, on site or is off.',
    },
    requests: {
      title: 'Requests to review',
      description:
        'your team’s telework requests, to approve or refuse. An approved request is then granted or waitlisted against the caps, with a plain reason.',
    },
    sites: {
      title: 'Sites',
      description:
        'the sites, their code and on-site capacity per half-day, with the number of agents attached; creating and editing them.',
    },
    groups: {
      title: 'Rotation groups',
      description:
        'the rotation groups (at most 300 eligible agents), their members, and forming them automatically, keeping org units together, then sites.',
    },
    calendars: {
      title: 'Rotation calendars',
      description:
        'for a period, which groups work remotely on which half-days: generating, editing, validating and publishing the calendar.',
    },
    capacity: {
      title: 'Capacity',
      description:
        'the VDI and VPN concurrent caps per half-day and their effective dates, the reserve for priority tiers, reservations (video council sessions) and the forecast of licences needed.',
    },
  },
  notFound: {
    title: 'Page not found',
    text: 'This address matches no page of the console.',
    home: 'Back to the home page',
  },
  agents: {
    title: 'Agents',
    filters: 'Filters',
    search: 'Search',
    searchHint: 'Last name, first name or employee number',
    site: 'Site',
    allSites: 'All sites',
    sitesUnavailable: 'Site list unavailable',
    eligible: 'Telework eligibility',
    eligibleAll: 'All agents',
    eligibleYes: 'Eligible',
    eligibleNo: 'Not eligible',
    clearFilters: 'Clear filters',
    tableCaption: 'Agent list',
    sortBy: 'Sort by {{column}}',
    columns: {
      employeeNumber: 'Employee no.',
      name: 'Name',
      site: 'Site',
      orgUnit: 'Org unit',
      group: 'Rotation group',
      tier: 'Priority',
      pool: 'Remote access',
      eligible: 'Eligible',
    },
    yes: 'Yes',
    no: 'No',
    none: 'None',
    loading: 'Loading agents…',
    count: '{{total}} agents',
    countOne: '1 agent',
    countZero: 'No agents',
    empty: 'No agent matches these criteria.',
    emptyNoFilter: 'No agent has been recorded yet.',
    errors: {
      generic: 'Could not load the agents (error {{status}}).',
      forbidden: 'Your role does not allow viewing the agent list.',
      unreachable: 'The server does not answer: could not load the agents.',
    },
    retry: 'Try again',
  },
  tiers: {
    ELECTED: 'Elected official',
    DIRECTOR: 'Director',
    ESSENTIAL: 'Essential',
    STANDARD: 'Standard',
  },
  pools: {
    VDI: 'Virtual desktop (VDI)',
    VPN: 'VPN',
  },
  paginator: {
    itemsPerPage: 'Rows per page',
    nextPage: 'Next page',
    previousPage: 'Previous page',
    firstPage: 'First page',
    lastPage: 'Last page',
    range: '{{start}} – {{end}} of {{length}}',
    rangeEmpty: '0 of {{length}}',
  },
};
