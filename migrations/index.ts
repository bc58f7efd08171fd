import { InitialDomain1764460800000 } from './1764460800000-InitialDomain';
import { PlanningOperations1764547200000 } from './1764547200000-PlanningOperations';
import { AccountActivation1764633600000 } from './1764633600000-AccountActivation';
import { AccountSessions1764720000000 } from './1764720000000-AccountSessions';
import { PlanningDataVersion1764806400000 } from './1764806400000-PlanningDataVersion';
import { PlanningRules1764892800000 } from './1764892800000-PlanningRules';
import { EngineJobs1764979200000 } from './1764979200000-EngineJobs';
import { CodedWarnings1765065600000 } from './1765065600000-CodedWarnings';
import { ContinuityEvents1765152000000 } from './1765152000000-ContinuityEvents';
import { SingleSignOn1765238400000 } from './1765238400000-SingleSignOn';
import { MailOutbox1765238460000 } from './1765238460000-MailOutbox';
import { AgentsPageIndexes1765324800000 } from './1765324800000-AgentsPageIndexes';
import { AssignmentCounts1765324860000 } from './1765324860000-AssignmentCounts';
import { OnSiteListIndex1765411200000 } from './1765411200000-OnSiteListIndex';
import { AllocationRunSnapshotGz1765497600000 } from './1765497600000-AllocationRunSnapshotGz';
import { DropAssignmentsPlanVersionIndex1765584000000 } from './1765584000000-DropAssignmentsPlanVersionIndex';

/** Every migration, in order. Listed by hand so bundled apps need no file globbing. */
export const MIGRATIONS = [InitialDomain1764460800000, PlanningOperations1764547200000, AccountActivation1764633600000, AccountSessions1764720000000, PlanningDataVersion1764806400000, PlanningRules1764892800000, EngineJobs1764979200000, CodedWarnings1765065600000, ContinuityEvents1765152000000, SingleSignOn1765238400000, MailOutbox1765238460000, AgentsPageIndexes1765324800000, AssignmentCounts1765324860000, OnSiteListIndex1765411200000, AllocationRunSnapshotGz1765497600000, DropAssignmentsPlanVersionIndex1765584000000];
