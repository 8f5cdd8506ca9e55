import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { FIELD_LABELS } from './fieldLabels.ts';
import { fieldDescriptionHint, fieldKind, fieldLabel, isRequired, objectSchema, type JsonSchema } from './jsonSchema.ts';
import { toPayload } from './toPayload.ts';

/** The server builds each action's inputSchema with z.toJSONSchema (src/server/kernel/machine/machine.ts); the form must read those shapes. */
const json = (s: z.ZodType) => z.toJSONSchema(s, { unrepresentable: 'any' }) as JsonSchema;
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

describe('action form fields from the server schema', () => {
  const assign = json(
    z.object({
      leadUnitId: z.number().int().positive(),
      assistUnitIds: z.array(z.number().int().positive()).max(20).default([]),
      territorialUnitId: z.number().int().positive().optional(),
      leaderId: z.number().int().positive().optional(),
      note: z.string().max(2000).optional(),
    }),
  );

  it('picks unit, leader and user pickers for id fields, enums and multi-enums by type', () => {
    const p = assign.properties!;
    expect(fieldKind('leadUnitId', p.leadUnitId!)).toBe('unit');
    expect(fieldKind('assistUnitIds', p.assistUnitIds!)).toBe('units');
    expect(fieldKind('leaderId', p.leaderId!)).toBe('leader');
    expect(fieldKind('approverUserId', json(z.number().int().positive()))).toBe('user');
    expect(fieldKind('note', p.note!)).toBe('textarea');
    const reject = json(
      z.object({ reason: z.string().min(1).max(2000), routes: z.array(z.enum(['fuyi', 'susong'])).default([]), otherRoute: z.string().max(50).optional() }),
    ).properties!;
    expect(fieldKind('routes', reject.routes!)).toBe('enumMulti');
    expect(fieldKind('otherRoute', reject.otherRoute!)).toBe('text');
    const evaluate = json(
      z.object({ result: z.enum(['satisfied', 'basically_satisfied', 'unsatisfied']), ok: z.boolean().default(false), n: z.number().int() }),
    ).properties!;
    expect(fieldKind('result', evaluate.result!)).toBe('enum');
    expect(fieldKind('ok', evaluate.ok!)).toBe('boolean');
    expect(fieldKind('n', evaluate.n!)).toBe('integer');
  });

  it('renders any day field as a date from the schema alone, whatever its name, labelled by its description', () => {
    // the fields every action is about to gain: nothing in the console names them
    const s = json(
      z.object({
        occurredOn: z.iso.date().optional().describe('发生日期，默认今天'),
        backdateReason: z.string().optional(),
        when: day.optional().describe('送达日期，默认今天'),
      }),
    );
    const p = s.properties!;
    expect(fieldKind('occurredOn', p.occurredOn!)).toBe('date');
    expect(fieldLabel('occurredOn', p.occurredOn!, {})).toBe('发生日期');
    expect(fieldDescriptionHint(p.occurredOn!)).toBe('默认今天');
    expect(fieldKind('when', p.when!)).toBe('date');
    expect(fieldLabel('when', p.when!, {})).toBe('送达日期');
    expect(fieldKind('backdateReason', p.backdateReason!)).toBe('textarea');
    expect(fieldLabel('backdateReason', p.backdateReason!, FIELD_LABELS)).toBe('补录理由');
    // a name that merely looks like a date is text unless the schema says it is a day
    expect(fieldKind('deliveredOn', json(z.string().max(20)))).toBe('text');
  });

  it('does not demand fields the server defaults or leaves optional', () => {
    expect(isRequired(assign, 'leadUnitId')).toBe(true);
    expect(isRequired(assign, 'assistUnitIds')).toBe(false);
    expect(isRequired(assign, 'leaderId')).toBe(false);
  });

  it('has no form without a schema: a missing or non-object schema is refused, never guessed', () => {
    expect(objectSchema(undefined)).toBeNull();
    expect(objectSchema({ type: 'string' })).toBeNull();
    expect(objectSchema(assign)?.required).toContain('leadUnitId');
    expect(objectSchema(json(z.object({})))?.properties).toEqual({});
  });

  it('sends days as YYYY-MM-DD, trims text and leaves empty fields to the server defaults', () => {
    const s = json(
      z.object({ occurredOn: z.iso.date().optional(), note: z.string().optional(), assistUnitIds: z.array(z.number()).default([]), leadUnitId: z.number() }),
    );
    expect(toPayload(s, { occurredOn: dayjs('2026-03-05'), note: '  已核实 ', assistUnitIds: [], leadUnitId: 7 })).toEqual({
      occurredOn: '2026-03-05',
      note: '已核实',
      leadUnitId: 7,
    });
  });
});
