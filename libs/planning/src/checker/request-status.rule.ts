import { isKnownMessageCode, recordText } from '@telework/contracts';
import { CheckContext } from './check-context';
import { CheckRule, ViolationList } from './rule';

/**
 * Request statuses agree with approval and with the modes: not APPROVED → IGNORED; a granted
 * REMOTE request's half-day is R, a granted ON_SITE one's is S; a refused REMOTE request's
 * half-day is not R, a refused ON_SITE one's is not S. A refusal carries its `refusal`
 * (`{ code, ...figures }`, a code of the libs/contracts catalogue) and its record wording
 * `reason = recordText(refusal)`; other entries carry neither. Whether the refusal's code and
 * figures hold in the plan is refusal-justified's work.
 */
export const requestStatusRule: CheckRule = {
  id: 'request-status',
  description: 'request statuses are consistent with approvals and modes',
  check(ctx: CheckContext) {
    const v = new ViolationList('request-status');
    const agentIndex = new Map(ctx.snapshot.agents.map((a, i) => [a.id, i] as const));
    ctx.snapshot.requests.forEach((r, k) => {
      const e = ctx.requestEntries[k];
      if (!e) return;
      const path = `requests[${ctx.requestEntryIndexes[k]}]`;
      if (r.status !== 'APPROVED') {
        if (e.status !== 'IGNORED') v.add(`${r.id} is ${r.status}, so it must be IGNORED, not ${e.status}`, `${path}.status`);
        return;
      }
      if (e.status === 'IGNORED') {
        v.add(`${r.id} is APPROVED, so it must be GRANTED or REFUSED`, `${path}.status`);
        return;
      }
      if (e.status === 'REFUSED') {
        const refusal = e.refusal as unknown;
        const code = refusal && typeof refusal === 'object' ? (refusal as { code?: unknown }).code : undefined;
        const known = typeof code === 'string' && isKnownMessageCode(code);
        if (typeof code !== 'string') v.add(`${r.id} is REFUSED without a refusal { code, ...figures }`, `${path}.refusal`);
        else if (!known) v.add(`${r.id} is REFUSED with an unknown refusal code ${JSON.stringify(code)}`, `${path}.refusal.code`);
        if (typeof e.reason !== 'string' || e.reason.trim() === '') {
          v.add(`${r.id} is REFUSED without a reason`, `${path}.reason`);
        } else if (known && e.reason !== recordText(e.refusal as { code: string })) {
          v.add(`${r.id}'s reason "${e.reason}" is not its refusal's record wording "${recordText(e.refusal as { code: string })}"`, `${path}.reason`);
        }
      } else if (e.refusal !== undefined || e.reason !== undefined) {
        v.add(`${r.id} is ${e.status} but carries a refusal or a reason`, path);
      }
      const i = agentIndex.get(r.agentId);
      const h = ctx.halfDayByKey.get(`${r.date}${r.period}`);
      const m = i === undefined ? undefined : ctx.modes[i];
      const mode = m === undefined || h === undefined ? undefined : m[h];
      const at = `${r.date} ${r.period}`;
      if (e.status === 'GRANTED') {
        const want = r.kind === 'REMOTE' ? 'R' : 'S';
        if (m !== undefined && mode !== want) {
          v.add(`${r.id} (${r.kind}) is GRANTED but ${r.agentId} is ${mode ?? 'outside the horizon'} on ${at}`, `${path}.status`);
        }
      } else if (e.status === 'REFUSED' && mode !== undefined) {
        const unwanted = r.kind === 'REMOTE' ? 'R' : 'S';
        if (mode === unwanted) v.add(`${r.id} (${r.kind}) is REFUSED but ${r.agentId} is ${mode} on ${at}`, `${path}.status`);
      }
    });
    return v.done();
  },
};
