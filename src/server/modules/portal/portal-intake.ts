import type { Kysely } from 'kysely';
import type { DB } from '../../core/db/schema.ts';
import { groupCommit } from '../../core/db/group-commit.ts';
import type { PersonalDataKeys } from '../../core/personal-data/index.ts';
import { registerBatch, type PreparedRegistration, type RegisterResult, type RegistrationOwner } from '../petitions/register-petition.ts';
import { judgeSubmissions, type GateItem, type GateOutcome } from './submission-gate.ts';

/** One citizen submission on its way through the portal's registration batch. */
export interface PortalSubmission {
  gate: GateItem;
  /** the registration once the gate has let it through: checks the form (throws its zh-CN error) and protects the personal data */
  prepare(owner: RegistrationOwner): PreparedRegistration;
}

export type PortalIntakeAnswer =
  | { kind: 'registered'; result: RegisterResult }
  /** the gate's refusal, or a retried key (answered from the first case by the caller) */
  | { kind: 'refused'; outcome: Exclude<GateOutcome, { kind: 'pass' }> }
  /** the form failed its checks: nothing was registered */
  | { kind: 'invalid'; error: unknown };

/**
 * The portal's submissions, judged and registered in one group commit: each batch runs the gate's checks for the
 * submissions that arrived together (submission-gate.ts), then checks and writes the ones it let through in one
 * transaction (the staff intake's registerBatch). One stage instead of a gate batch followed by a registration batch:
 * measured on bench/portal.ts, the two stages split the waiting submissions into smaller batches and each submission
 * waited for two of them.
 *
 * The gate's verdict is kept per submission: when a batch's write fails and the group commit retries its items one by
 * one, a submission is not counted against its limits or charged a captcha a second time.
 */
export function createPortalIntake(db: Kysely<DB>, keys: PersonalDataKeys, maxBatch = 64): (submission: PortalSubmission) => Promise<PortalIntakeAnswer> {
  const judged = new WeakMap<PortalSubmission, GateOutcome>();
  return groupCommit<PortalSubmission, PortalIntakeAnswer>({
    maxBatch,
    async write(batch) {
      const unjudged = batch.filter((s) => !judged.has(s));
      const outcomes = await judgeSubmissions(db, keys, unjudged.map((s) => s.gate));
      unjudged.forEach((s, i) => judged.set(s, outcomes[i]!));
      const answers: PortalIntakeAnswer[] = [];
      const admitted: { at: number; prepared: PreparedRegistration }[] = [];
      batch.forEach((s, at) => {
        const outcome = judged.get(s)!;
        if (outcome.kind !== 'pass') answers[at] = { kind: 'refused', outcome };
        else {
          try {
            admitted.push({ at, prepared: s.prepare(outcome.owner) });
          } catch (error) {
            answers[at] = { kind: 'invalid', error };
          }
        }
      });
      const results = await registerBatch(db, admitted.map((a) => a.prepared));
      admitted.forEach((a, i) => (answers[a.at] = { kind: 'registered', result: results[i]! }));
      return answers;
    },
  });
}
