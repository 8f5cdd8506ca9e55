import { z } from 'zod';

/**
 * What a 信访 case has decided, step by step (petitions.decisions, JSON): written by the chain's effects on
 * the business date of each step, read by the record, the documents, the messages, the ledger export and
 * the portal — all through this one schema, never as untyped JSON. Every entry is optional (a case has
 * only the steps it went through); an entry that does not parse (a hand-edited row) is dropped, not trusted.
 */
const date = z.string();
const note = z.string().nullable().optional();
const entry = <T extends z.ZodRawShape>(shape: T) => z.looseObject(shape).optional().catch(undefined);

export const petitionDecisionsSchema = z.looseObject({
  acceptance: entry({ date, note, by: z.string().optional() }),
  rejection: entry({ date, reason: z.string(), legalRoutes: z.array(z.string()) }),
  transfer: entry({ date, toUnitName: z.string(), note }),
  assignment: entry({ date, note }),
  objection: entry({ date, reasons: z.string(), by: z.string().optional() }),
  objectionDecision: entry({ date, decision: z.enum(['uphold', 'overrule']), note }),
  extensions: z
    .array(z.looseObject({ date, amount: z.number(), reason: z.string(), approverUserId: z.number(), newDueDate: z.string().nullable() }))
    .optional()
    .catch(undefined),
  reply: entry({ date, outcome: z.enum(['support', 'explain', 'reject']), facts: z.string(), legalBasis: z.string() }),
  delivery: entry({ date }),
  evaluation: entry({ date, result: z.enum(['satisfied', 'basically_satisfied', 'unsatisfied']), comment: z.string().optional() }),
  reviewApplication: entry({ date, reviewId: z.number() }),
  closure: entry({ date, petitionerAccepted: z.boolean(), note }),
  withdrawal: entry({ date, reason: z.string().nullable() }),
  refuseAgain: entry({ date, note }),
});

export type PetitionDecisions = z.infer<typeof petitionDecisionsSchema>;

/** The decisions of a case from its stored JSON (null or malformed → none). */
export function readDecisions(json: unknown): PetitionDecisions {
  const parsed = petitionDecisionsSchema.safeParse(json ?? {});
  return parsed.success ? parsed.data : {};
}
