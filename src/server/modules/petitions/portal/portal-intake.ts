import type { Kysely } from 'kysely';
import type { DB } from '../../../core/db/schema.ts';
import { groupCommit } from '../../../core/db/group-commit.ts';
import type { PersonalDataKeys } from '../../../core/personal-data/index.ts';
import { checkRegistrations, registerBatch, type PreparedRegistration, type RegisterResult, type RegistrationOwner } from '../register-petition.ts';
import { countAndJudge, readGateContext, type GateItem, type GateOutcome } from './submission-gate.ts';

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
 * submissions that arrived together (submission-gate.ts), then writes the ones it let through in one transaction (the
 * staff intake's registerBatch). One stage instead of a gate batch followed by a registration batch: measured on
 * bench/portal.ts, the same throughput, and simpler.
 *
 * The registrations are checked (units, categories, earlier petitions of the same people, clocks, ids) while the gate
 * counts hits and spends captchas, for every submission that may be let through; those the gate then refuses are
 * dropped (their ids drawn in vain leave a gap, as a rolled-back insert does). If that check fails, the admitted ones
 * are checked again alone, so a refused submission never fails the others.
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
      // (none unjudged: an item retried alone after its batch failed)
      const ctx =
        unjudged.length > 0
          ? await readGateContext(
              db,
              unjudged.map((s) => s.gate),
            )
          : null;
      // who may be let through: a verdict of pass already (a retried item), or not judged yet and not a retried key
      const candidates: { s: PortalSubmission; prepared: PreparedRegistration | null; error?: unknown }[] = [];
      for (const s of batch) {
        const earlier = judged.get(s);
        if (earlier ? earlier.kind !== 'pass' : ctx!.retried.has(s.gate.idempotencyKey)) continue;
        try {
          candidates.push({ s, prepared: s.prepare(earlier?.kind === 'pass' ? earlier.owner : ctx!.owner) });
        } catch (error) {
          candidates.push({ s, prepared: null, error });
        }
      }
      const valid = candidates.filter((c): c is { s: PortalSubmission; prepared: PreparedRegistration } => c.prepared !== null);
      const [outcomes, early] = await Promise.all([
        ctx
          ? countAndJudge(
              db,
              keys,
              unjudged.map((s) => s.gate),
              ctx,
            )
          : [],
        valid.length === 0
          ? []
          : checkRegistrations(
              db,
              valid.map((c) => c.prepared),
            ).then(
              (checked) => checked,
              () => null,
            ),
      ]);
      unjudged.forEach((s, i) => judged.set(s, outcomes[i]!));

      const answers: PortalIntakeAnswer[] = [];
      batch.forEach((s, at) => {
        const outcome = judged.get(s)!;
        if (outcome.kind !== 'pass') answers[at] = { kind: 'refused', outcome };
      });
      for (const c of candidates)
        if (c.prepared === null && judged.get(c.s)!.kind === 'pass') answers[batch.indexOf(c.s)] = { kind: 'invalid', error: c.error };
      const admitted = valid.map((c, i) => ({ ...c, checked: early?.[i] })).filter((c) => judged.get(c.s)!.kind === 'pass');
      const prepared = admitted.map((a) => a.prepared);
      // checked beside the gate, or (that check failed) the admitted ones again by themselves, inside registerBatch
      const results = await registerBatch(db, prepared, early ? admitted.map((a) => a.checked!) : undefined);
      admitted.forEach((a, i) => (answers[batch.indexOf(a.s)] = { kind: 'registered', result: results[i]! }));
      return answers;
    },
  });
}
