import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { AgentsController } from './agents.controller';
import { AgentsRepository } from './agents.repository';
import { AgentsService } from './agents.service';
import { GroupsController } from './groups.controller';
import { GroupsRepository } from './groups.repository';
import { GroupsService } from './groups.service';
import { OrgUnitsController } from './org-units.controller';
import { OrgUnitsRepository } from './org-units.repository';
import { OrgUnitsService } from './org-units.service';
import { SitesController } from './sites.controller';
import { SitesRepository } from './sites.repository';
import { SitesService } from './sites.service';

/**
 * The directory: sites, org units, agents and rotation groups (GET/POST/PATCH /api/sites,
 * /api/org-units, /api/agents, /api/groups, POST /api/groups/auto-form). The team scope of a
 * manager (team-scope.ts) is shared SQL other areas import.
 */
@Module({
  // an agent's account follows its role and e-mail (AccountsRepository)
  imports: [AuthModule],
  controllers: [SitesController, OrgUnitsController, AgentsController, GroupsController],
  providers: [
    SitesService, SitesRepository,
    OrgUnitsService, OrgUnitsRepository,
    AgentsService, AgentsRepository,
    GroupsService, GroupsRepository,
  ],
})
export class DirectoryModule {}
