import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AppConfig } from '@telework/server-config';
import {
  addDays, capacityOn, ContinuityEventSnapshot, DepartementScenario, generateScenario, mainSiteId, shiftScenario, strikeEvent,
} from '@telework/planning';
import { databaseIsEmpty, DemoLogin, phaseTimer, seedDemoDepartement } from '@telework/persistence';
import { publishEngineRotation } from '@telework/planning-data';
import { InjectConfig, PlanningClock } from '@telework/server-infrastructure';
import { AuditService } from '../audit/audit.service';
import { AccountsRepository } from '../auth/accounts.repository';
import { hashPassword } from '../auth/password-hasher';
import { EngineJobsService } from '../jobs/engine-jobs.provider';

/**
 * Runs once before the API listens: migrations (unless RUN_MIGRATIONS=false), the
 * ADMIN_EMAIL account, and the demo département into an empty database.
 */
@Injectable()
export class StartupService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Startup');
  demoLogins: DemoLogin[] = [];

  constructor(
    private readonly dataSource: DataSource,
    private readonly accounts: AccountsRepository,
    private readonly audit: AuditService,
    private readonly clock: PlanningClock,
    @InjectConfig() private readonly config: AppConfig,
    private readonly engineJobs: EngineJobsService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.runMigrations) {
      const applied = await this.dataSource.runMigrations({ transaction: 'each' });
      if (applied.length) this.logger.log(`Applied ${applied.length} migration(s): ${applied.map((m) => m.name).join(', ')}`);
    }
    if (this.config.demo.enabled && (await databaseIsEmpty(this.dataSource))) {
      await this.loadDemo();
    }
    // engine jobs left unfinished by a stopped process are failed; old payloads dropped
    const { abandoned } = await this.engineJobs.store.tidy();
    if (abandoned > 0) this.logger.warn(`${abandoned} engine job(s) left unfinished by a stopped process marked FAILED`);
    if (this.config.admin) await this.ensureAdmin(this.config.admin.email, this.config.admin.password);
    if ((await this.accounts.countActiveAdmins()) === 0) {
      this.logger.warn('No active ADMIN account: nobody can log in to administer this installation. Set ADMIN_EMAIL and ADMIN_PASSWORD and restart.');
    }
    this.engineJobs.warmUpThread();
  }

  private async loadDemo(): Promise<void> {
    const started = Date.now();
    const timings: Record<string, number> = {};
    const lap = phaseTimer(timings);
    // the demo's weeks are the coming ones, whatever the day it is installed
    const scenario = shiftScenario(generateScenario(this.config.demo.scenario, this.config.demo.seed), this.clock.nextMonday());
    const events = scenario.snapshot.events?.length ? scenario.snapshot.events : demoContinuityEvents(scenario);
    const passwordHash = await hashPassword(this.config.demo.password);
    lap('generate');
    const seedTimings: Record<string, number> = {};
    const summary = await seedDemoDepartement(this.dataSource, scenario, passwordHash, { events, timings: seedTimings });
    this.demoLogins = summary.logins;
    lap('seed');
    // 100,000 new agents: their pages marked all-visible now, so that the agents page reads its
    // covering index alone (page 1000: 133 ms before autovacuum came, 20 ms after)
    await this.dataSource.query(`VACUUM (ANALYZE) agents`);
    lap('vacuum agents');
    // a first published calendar, so that agents see their half-days at once
    const { from, to } = scenario.snapshot.horizon;
    if (this.config.demo.publishRotation) {
      await publishEngineRotation(this.dataSource, from, to, { maxGroupSize: this.config.maxGroupSize, withRequests: true, timings });
    }
    this.logger.log(
      `Demo département "${scenario.name}" loaded in ${Date.now() - started} ms: ${summary.sites} sites, ` +
        `${summary.orgUnits} org units, ${summary.agents} agents, ${summary.groups} rotation groups, ${summary.requests} requests, ` +
        `${summary.events} continuity event(s) in draft; ` +
        (this.config.demo.publishRotation ? `rotation ${from} → ${to} published` : 'no rotation published') +
        ` (ms: ${Object.entries(timings).map(([step, ms]) => (step === 'seed' ? `seed ${ms} [${stepList(seedTimings)}]` : `${step} ${ms}`)).join(', ')})`,
    );
    this.logger.log(`Demo log-ins (password "${this.config.demo.password}"):`);
    for (const login of summary.logins) this.logger.log(`  ${login.role.padEnd(7)} ${login.email}  (${login.name})`);
  }

  private async ensureAdmin(email: string, password: string): Promise<void> {
    if (await this.accounts.emailInUse(email)) return;
    await this.accounts.insertAdmin(email, await hashPassword(password));
    await this.audit.record(null, 'user.admin_created', 'user', email);
    this.logger.log(`Administrator account ${email} created from ADMIN_EMAIL`);
  }
}

function stepList(timings: Record<string, number>): string {
  return Object.entries(timings).map(([step, ms]) => `${step} ${ms}`).join(', ');
}

/** Extra VDI seats of the demo's strike day: the licences bought for the occasion. */
const DEMO_EXTRA_VDI_SEATS = 300;

/**
 * The demo's continuity event, in DRAFT so that a new user can preview and activate it: a
 * transport strike on the Thursday of the demo's first week, the main site (the one with the
 * most agents: the Hôtel du Département) closed but for its ESSENTIAL agents, and 300 more VDI
 * seats for the day.
 */
export function demoContinuityEvents(scenario: DepartementScenario): ContinuityEventSnapshot[] {
  const { snapshot } = scenario;
  if (snapshot.sites.length === 0) return [];
  const date = addDays(snapshot.horizon.from, 3);
  const strike = strikeEvent(snapshot, { date });
  const site = snapshot.sites.find((s) => s.id === mainSiteId(snapshot));
  const vdi = snapshot.pools.find((pool) => pool.id === 'VDI');
  return [{
    ...strike,
    label: `Grève des transports — ${site?.name ?? site?.id ?? 'site principal'} fermé`,
    ...(vdi ? { pools: [{ poolId: vdi.id, capacity: capacityOn({ capacity: vdi.capacity, capacityChanges: vdi.capacityChanges ?? [] }, date) + DEMO_EXTRA_VDI_SEATS }] } : {}),
  }];
}
