import { HttpException, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { recordText, type CodedMessage, type FieldProblem, type WhatIfResponse } from '@telework/contracts';
import { PlanningSnapshot, validateSnapshot } from '@telework/planning';
import { publishedCoverage, readPlanningSnapshot, RotationSource } from '@telework/planning-data';
import type { AppConfig } from '@telework/server-config';
import { InjectConfig } from '@telework/server-infrastructure';
import { apiProblem, FieldCheckInput, fieldProblems } from '../common/problems';
import { DateRangeQueryDto, MAX_RANGE_DAYS, WhatIfDto } from './capacity.dto';
import { isApiDate } from '../common/iso-date.validator';
import { checkRange, daysBetween } from './dates';
import type { PlanningJobResult } from '@telework/engine-jobs';
import { PlanningRunner } from './planning-runner';

/** Reads the planning snapshot of a period in one consistent read. */
@Injectable()
export class SnapshotReader {
  constructor(private readonly dataSource: DataSource, @InjectConfig() private readonly config: AppConfig) {}

  /**
   * `published`: the published rotation of the period, or no `rotation` at all when none is
   * published (the engine then builds one); `none`: never a rotation.
   */
  read(from: string, to: string, rotation: RotationSource): Promise<PlanningSnapshot> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const snapshot = await readPlanningSnapshot(manager, { from, to, maxGroupSize: this.config.maxGroupSize, rotation });
      if (rotation.kind === 'published') {
        // no published calendar overlaps the period: no rotation to keep
        if (!(await publishedCoverage(manager, from, to))) delete snapshot.rotation;
      }
      return snapshot;
    });
  }
}

/**
 * A refusal of the planning area with its list of findings: `{ code, ...figures, errors: [{ field,
 * code, ...figures, message }] }` (fieldProblems() when only fields are wrong).
 */
export function planningProblem(status: number, problem: CodedMessage, errors: FieldCheckInput[]): HttpException {
  if (problem.code === 'INVALID_FIELDS') return fieldProblems(errors);
  const items: FieldProblem[] = errors.map(({ field, message, ...check }) => ({
    ...check, field, message: message ?? recordText(check as CodedMessage),
  }));
  return apiProblem(status, { ...problem, errors: items }, recordText(problem));
}

/** Turns a planning job's refusal into the HTTP answer it stands for. */
export function jobAnswer<K extends 'whatIf' | 'licences'>(
  result: PlanningJobResult,
  kind: K,
): Extract<PlanningJobResult, { ok: true; kind: K }> {
  if (!result.ok) throw planningProblem(result.status, result.problem, result.errors);
  if (result.kind !== kind) throw apiProblem(500, { code: 'INTERNAL_ERROR' }, `planning job answered ${result.kind} to ${kind}`);
  return result as Extract<PlanningJobResult, { ok: true; kind: K }>;
}

@Injectable()
export class SnapshotsService {
  constructor(
    private readonly reader: SnapshotReader,
    private readonly runner: PlanningRunner,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  /** The planning snapshot (schema v1) of a period, checked before it leaves. */
  async export(query: DateRangeQueryDto): Promise<PlanningSnapshot> {
    checkRange(query.from, query.to, MAX_RANGE_DAYS);
    const snapshot = await this.reader.read(query.from, query.to, { kind: 'published' });
    const valid = validateSnapshot(snapshot);
    if (!valid.ok) {
      // each error with its code and figures (a SnapshotProblem of libs/contracts) under its JSON path
      throw planningProblem(422, { code: 'STORED_DATA_INVALID', count: valid.errors.length },
        valid.errors.map(({ path, ...problem }) => ({ ...problem, field: `snapshot.${path}` })));
    }
    return snapshot;
  }

  /** Plans a snapshot (given, or the current data of [from, to]) with overrides; writes nothing. */
  async whatIf(body: WhatIfDto): Promise<WhatIfResponse> {
    let snapshot: unknown = body.snapshot;
    if (snapshot === undefined) {
      const missing = (['from', 'to'] as const).filter((field) => !body[field]);
      if (missing.length > 0) {
        throw fieldProblems(missing.map((field) => ({ field, code: 'RANGE_OR_SNAPSHOT_REQUIRED' })));
      }
      checkRange(body.from as string, body.to as string, MAX_RANGE_DAYS);
      snapshot = await this.reader.read(body.from as string, body.to as string, { kind: 'published' });
    } else if (body.from || body.to) {
      throw fieldProblems([{ field: body.from ? 'from' : 'to', code: 'SNAPSHOT_OR_RANGE_NOT_BOTH' }]);
    } else {
      checkSnapshotHorizon(body.snapshot);
    }
    const result = await this.runner.run({
      kind: 'whatIf',
      snapshot,
      origin: body.snapshot === undefined ? 'database' : 'body',
      overrides: plainOverrides(body),
      timeLimitMs: this.config.allocation.timeLimitMs,
    });
    const answer = jobAnswer(result, 'whatIf');
    return { metrics: answer.metrics, warnings: answer.warnings };
  }
}

/**
 * Bounded work: a given snapshot plans at most MAX_RANGE_DAYS days, like a range read from the
 * database. A horizon that is not a pair of dates is left to the engine's validation (400 there).
 */
function checkSnapshotHorizon(snapshot: Record<string, unknown> | undefined): void {
  const horizon = snapshot?.['horizon'] as { from?: unknown; to?: unknown } | undefined;
  if (!horizon || !isApiDate(horizon.from) || !isApiDate(horizon.to) || horizon.to < horizon.from) return;
  const days = daysBetween(horizon.from, horizon.to) + 1;
  if (days > MAX_RANGE_DAYS) {
    throw fieldProblems([{ field: 'snapshot.horizon.to', code: 'RANGE_TOO_LONG', max: MAX_RANGE_DAYS, days }]);
  }
}

/** Class instances do not cross to a worker thread as such: plain data only. */
function plainOverrides(body: WhatIfDto) {
  const o = body.overrides;
  if (!o) return {};
  return {
    ...(o.pools ? { pools: o.pools.map((p) => ({ id: p.id, capacity: p.capacity, reserve: p.reserve })) } : {}),
    ...(o.weeklyMin !== undefined ? { weeklyMin: o.weeklyMin } : {}),
    ...(o.weeklyMax !== undefined ? { weeklyMax: o.weeklyMax } : {}),
  };
}

/**
 * Validates a what-if body like the global pipe does, except the snapshot, which is passed on
 * as parsed: class-transformer would copy a 5,000-agent snapshot key by key (~300 ms on the
 * event loop); the engine's validateSnapshot checks it in the worker thread instead.
 */
