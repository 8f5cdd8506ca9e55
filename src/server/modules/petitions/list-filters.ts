import { z } from 'zod';
import { CHANNELS, MATTER_TYPES } from './intake-schema.ts';
import { isoDate, safeString, searchText } from '../../core/http/input.ts';

const day = isoDate.optional();

/** The filters of the 信访 list — one schema for GET /petitions and its Excel export, so the export holds exactly what the list shows. */
export const petitionListFilters = z.object({
  state: safeString().max(30).optional(),
  channel: z.enum(CHANNELS).optional(),
  matterType: z.enum(MATTER_TYPES).optional(),
  flag: z.enum(['collective', 'firstTime', 'repeat', 'skippedLevel', 'lawRelated', 'afterTermination', 'evalOverdue']).optional(),
  overdue: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  unitId: z.coerce.number().int().positive().optional(),
  q: searchText.optional(),
  from: day,
  to: day,
  sort: z.enum(['receivedAt', '-receivedAt', 'caseNo', '-caseNo']).default('-receivedAt'),
});
