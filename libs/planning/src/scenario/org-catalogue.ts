/**
 * The organisation chart of a French département, as the generator builds it: the
 * Direction générale des services (DGS), its directions générales adjointes (DGA), their
 * directions and services. Lists are in priority order: a small scenario keeps the first ones.
 */

export type SiteKind =
  | 'HOTEL' | 'MAISON' | 'ANTENNE' | 'CENTRE_ROUTIER' | 'COLLEGE'
  | 'ARCHIVES' | 'LABORATOIRE' | 'MEDIATHEQUE' | 'MDPH' | 'PARC';

export interface DirectionSpec {
  code: string;
  name: string;
  services: readonly string[];
  /** territorial services of this direction: one per site of these kinds */
  territorial?: readonly SiteKind[];
  /** the direction itself sits on a site of this kind (default: the Hôtel du Département) */
  home?: SiteKind;
}

export interface DgaSpec {
  code: string;
  name: string;
  directions: readonly DirectionSpec[];
}

export const DGS_NAME = 'Direction générale des services';
export const CABINET_NAME = 'Cabinet de la Présidence et Assemblée départementale';
export const HR_DIRECTION_CODE = 'DRH';
export const IT_DIRECTION_CODE = 'DSI';

/** DGAs in the order a small scenario keeps them. */
export const DGAS: readonly DgaSpec[] = [
  {
    code: 'DGA-SOL',
    name: 'Direction générale adjointe des solidarités',
    directions: [
      {
        code: 'DAST', name: "Direction de l'action sociale territoriale",
        services: ["Service de coordination de l'action sociale", "Service de l'accueil social", 'Service des aides financières'],
        territorial: ['MAISON', 'ANTENNE'],
      },
      {
        code: 'DEF', name: "Direction de l'enfance et de la famille",
        services: ["Service de l'aide sociale à l'enfance", "Service de l'adoption", "Cellule de recueil des informations préoccupantes", "Service des établissements de l'enfance", "Service de l'accueil familial"],
      },
      {
        code: 'DAUT', name: "Direction de l'autonomie",
        services: ["Service de l'allocation personnalisée d'autonomie", 'Service des établissements pour personnes âgées', 'Service de la prestation de compensation du handicap', "Service de l'aide à domicile"],
        territorial: ['MDPH'],
      },
      {
        code: 'DIE', name: "Direction de l'insertion et de l'emploi",
        services: ['Service du revenu de solidarité active', "Service de l'accompagnement vers l'emploi", 'Service du fonds de solidarité logement'],
      },
      {
        code: 'DPMI', name: 'Direction de la protection maternelle et infantile et de la santé',
        services: ['Service de la protection maternelle et infantile', "Service des modes d'accueil du jeune enfant", 'Service de prévention santé', 'Centre de planification et d’éducation familiale'],
      },
    ],
  },
  {
    code: 'DGA-RES',
    name: 'Direction générale adjointe des ressources',
    directions: [
      {
        code: 'DRH', name: 'Direction des ressources humaines',
        services: ['Service de la paie et des carrières', 'Service du recrutement et de la mobilité', 'Service de la formation', 'Service de la santé et de la qualité de vie au travail', 'Service du dialogue social'],
      },
      {
        code: 'DSI', name: "Direction des systèmes d'information",
        services: ['Service des infrastructures et de la sécurité', 'Service des applications métier', "Centre de services et d'assistance", 'Service des projets numériques'],
      },
      {
        code: 'DFIN', name: 'Direction des finances',
        services: ['Service du budget', "Service de l'exécution comptable", 'Service de la dette et de la trésorerie', 'Service du contrôle de gestion'],
      },
      {
        code: 'DAJCP', name: 'Direction des affaires juridiques et de la commande publique',
        services: ['Service des marchés publics', 'Service des affaires juridiques', 'Service des assurances'],
      },
      {
        code: 'DMG', name: 'Direction des moyens généraux',
        services: ['Service de la logistique', 'Service du courrier et de la reprographie', 'Service des véhicules'],
        territorial: ['PARC'],
      },
    ],
  },
  {
    code: 'DGA-AME',
    name: "Direction générale adjointe de l'aménagement et des infrastructures",
    directions: [
      {
        code: 'DR', name: 'Direction des routes',
        services: ['Service des études et travaux routiers', "Service de l'exploitation et de la viabilité hivernale", 'Service des ouvrages d’art', 'Service de la sécurité routière'],
        territorial: ['CENTRE_ROUTIER'],
      },
      {
        code: 'DPB', name: 'Direction du patrimoine bâti',
        services: ['Service de la maîtrise d’ouvrage', "Service de l'entretien des bâtiments", 'Service de l’énergie et des fluides'],
      },
      {
        code: 'DENV', name: "Direction de l'environnement",
        services: ["Service de l'eau et de l'assainissement", 'Service des espaces naturels sensibles', 'Service des déchets et de la transition écologique'],
        territorial: ['LABORATOIRE'],
      },
      {
        code: 'DMOB', name: 'Direction des mobilités',
        services: ['Service des transports scolaires', 'Service des mobilités douces', 'Service des ports et aérodromes'],
      },
    ],
  },
  {
    code: 'DGA-EDU',
    name: "Direction générale adjointe de l'éducation, de la culture et des sports",
    directions: [
      {
        code: 'DEC', name: "Direction de l'éducation et des collèges",
        services: ['Service de la vie des collèges', 'Service de la restauration scolaire', 'Service des moyens des collèges'],
        territorial: ['COLLEGE'],
      },
      {
        code: 'DCULT', name: 'Direction de la culture',
        services: ['Service du patrimoine culturel', 'Service du spectacle vivant', "Service de l'éducation artistique"],
        territorial: ['MEDIATHEQUE'],
      },
      {
        code: 'DAD', name: 'Direction des archives départementales', home: 'ARCHIVES',
        services: ['Service de la collecte et du classement', 'Service des publics', 'Service de la conservation'],
      },
      {
        code: 'DSJ', name: 'Direction des sports et de la jeunesse',
        services: ['Service des sports', 'Service de la jeunesse et de la vie associative'],
      },
    ],
  },
  {
    code: 'DGA-TER',
    name: 'Direction générale adjointe des territoires et de l’attractivité',
    directions: [
      {
        code: 'DDT', name: 'Direction du développement territorial',
        services: ['Service des contrats de territoire', "Service de l'ingénierie territoriale", 'Service du numérique territorial'],
      },
      {
        code: 'DHAB', name: "Direction de l'habitat et du logement",
        services: ["Service de l'aide à la pierre", "Service de l'amélioration de l'habitat"],
      },
      {
        code: 'DAGRI', name: "Direction de l'agriculture et de la forêt",
        services: ["Service de l'économie agricole", 'Service de la forêt et du foncier'],
      },
      {
        code: 'DTOUR', name: 'Direction du tourisme et de l’attractivité',
        services: ['Service de la promotion touristique', "Service de l'événementiel"],
      },
    ],
  },
];

/** Units directly under the DGS besides the DGAs and the Cabinet. */
export const DGS_DIRECTIONS: readonly DirectionSpec[] = [
  { code: 'DCOM', name: 'Direction de la communication', services: ['Service des relations presse', 'Service de la communication numérique'] },
  { code: 'DACG', name: "Direction de l'audit et du contrôle de gestion", services: ["Service de l'audit interne"] },
];

/** How each kind of site is named, given a town. */
export const SITE_KIND_LABEL: Record<SiteKind, string> = {
  HOTEL: 'Hôtel du Département',
  MAISON: 'Maison du Département',
  ANTENNE: 'Antenne solidarités',
  CENTRE_ROUTIER: 'Centre routier départemental',
  COLLEGE: 'Collège',
  ARCHIVES: 'Archives départementales',
  LABORATOIRE: "Laboratoire départemental d'analyses",
  MEDIATHEQUE: 'Médiathèque départementale',
  MDPH: 'Maison départementale des personnes handicapées',
  PARC: 'Parc départemental',
};

/** The label of a territorial service on a site of this kind. */
export const TERRITORIAL_SERVICE_LABEL: Record<SiteKind, string> = {
  HOTEL: 'Services centraux',
  MAISON: "Territoire d'action sociale",
  ANTENNE: 'Antenne solidarités',
  CENTRE_ROUTIER: "Centre d'exploitation routier",
  COLLEGE: 'Agents techniques du collège',
  ARCHIVES: 'Archives départementales',
  LABORATOIRE: "Laboratoire départemental d'analyses",
  MEDIATHEQUE: 'Médiathèque départementale',
  MDPH: 'Maison départementale des personnes handicapées',
  PARC: 'Parc départemental',
};
