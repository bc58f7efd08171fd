import { InitialDomain1764460800000 } from './1764460800000-InitialDomain';

/** Every migration, in order. Listed by hand so bundled apps need no file globbing. */
export const MIGRATIONS = [InitialDomain1764460800000];
