import { isDeepStrictEqual } from 'node:util';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AppConfig } from '@telework/server-config';
import {
  addDays, capacityOn, ContinuityEventSnapshot, DepartementScenario, generateScenario, mainSiteId, Plan, PlanningSnapshot, shiftScenario, strikeEvent,
} from '@telework/planning';
import { databaseIsEmpty, DemoLogin, phaseTimer, seedDemoDepartement, SeedSummary } from '@telework/persistence';
import { engineThreadScript, EngineThreadPool, PlanningJob, PlanningJobResult, warmUpPlanningThread } from '@telework/engine-jobs';
import { publishEngineRotation, readRotationSnapshot } from '@telework/planning-data';
import { InjectConfig, PlanningClock } from '@telework/server-infrastructure';
import { AuditService } from '../audit/audit.service';
import { AccountsRepository } from '../auth/accounts.repository';
import { hashPassword } from '../auth/password-hasher';
import { BUNDLED_ENGINE_THREAD, EngineJobsService } from '../jobs/engine-jobs.provider';

/** The demo's first rotation is planned without a deadline in practice, as publishEngineRotation plans it. */
const DEMO_PLAN_TIME_LIMIT_MS = 10 * 60_000;

/**
 * Runs once before the API listens: migrations (unless RUN_MIGRATIONS=false), the
 * ADMIN_EMAIL account, and the demo département into an empty database.
 */
@Injectable()
export class StartupService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Startup');
  demoLogins: DemoLogin[] = [];
  /** How the demo was loaded, when it was: its steps' milliseconds, and whether its first rotation is the plan made during the seed */
  demoLoad: { timings: Record<string, number>; plannedDuringSeed: boolean } | null = null;

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
    // The first rotation is planned in a thread of its own, from the snapshot read inside the
    // seed's transaction, while the requests and the accounts are written and committed: at
    // 100,000 agents, 4.7 s of planning that came after the seed. The thread starts now and warms
    // its engine up (a small plan) while the département is generated and written.
    const thread = this.config.demo.publishRotation ? new EngineThreadPool(engineThreadScript(BUNDLED_ENGINE_THREAD, 'api'), 1, 60_000, 1) : null;
    if (thread) warmUpPlanningThread(thread, this.logger);
    // the demo's weeks are the coming ones, whatever the day it is installed
    const scenario = shiftScenario(generateScenario(this.config.demo.scenario, this.config.demo.seed), this.clock.nextMonday());
    const events = scenario.snapshot.events?.length ? scenario.snapshot.events : demoContinuityEvents(scenario);
    const passwordHash = await hashPassword(this.config.demo.password);
    lap('generate');
    const seedTimings: Record<string, number> = {};
    const { from, to } = scenario.snapshot.horizon;
    const snapshotOptions = { maxGroupSize: this.config.maxGroupSize, withRequests: true };
    let planning: Promise<{ snapshot: PlanningSnapshot; plan: Plan | null }> | undefined;
    let summary: SeedSummary;
    let plannedDuringSeed = false;
    try {
      summary = await seedDemoDepartement(this.dataSource, scenario, passwordHash, {
        events,
        timings: seedTimings,
        beforeRequests: thread ? async (manager, requests) => {
          const read = await readRotationSnapshot(manager, from, to, snapshotOptions);
          // the requests as readPlanningSnapshot will read them once written: of the horizon, by
          // creation (one statement: the same time), then id
          const snapshot = { ...read, requests: requests.filter((r) => r.date >= from && r.date <= to).sort((a, b) => (a.id < b.id ? -1 : 1)) };
          const job: PlanningJob = { kind: 'rotationPlan', snapshot, timeLimitMs: DEMO_PLAN_TIME_LIMIT_MS, field: 'demo' };
          planning = thread.execute(job.kind, job, { payloads: 'none' })
            .then(({ result }) => {
              const answer = result as PlanningJobResult;
              return { snapshot, plan: answer.ok && answer.kind === 'rotationPlan' ? answer.plan : null };
            })
            // a refusal or a failed thread: planned again below, on the event loop, where the error is thrown
            .catch(() => ({ snapshot, plan: null }));
        } : undefined,
      });
      this.demoLogins = summary.logins;
      lap('seed');
      // 100,000 new agents: their pages marked all-visible now, so that the agents page reads its
      // covering index alone (page 1000: 133 ms before autovacuum came, 20 ms after); on a
      // connection of its own while the rotation is still being planned
      const vacuumed = this.dataSource.query(`VACUUM (ANALYZE) agents`);
      // a first published calendar, so that agents see their half-days at once
      if (planning) {
        // the snapshot is read again after the commit: the plan is published only if it was made
        // from what the database now holds (else planned again, as publishEngineRotation would)
        const [early, current] = await Promise.all([planning, readRotationSnapshot(this.dataSource.manager, from, to, snapshotOptions)]);
        await vacuumed;
        lap('plan (waited for)');
        const same = early.plan !== null && isDeepStrictEqual(early.snapshot, current);
        plannedDuringSeed = same;
        if (early.plan === null) this.logger.warn('The demo rotation could not be planned in a thread: planned again');
        else if (!same) this.logger.warn('The demo rotation planned during the seed is not for the snapshot read after it: planned again');
        await publishEngineRotation(this.dataSource, from, to, {
          ...snapshotOptions, planned: same && early.plan ? { snapshot: current, plan: early.plan } : undefined, timings,
        });
      } else {
        await vacuumed;
        lap('vacuum agents');
      }
    } finally {
      await thread?.close();
    }
    this.demoLoad = { timings: { ...timings, ...seedTimings }, plannedDuringSeed };
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
