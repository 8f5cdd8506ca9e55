import type { ModuleDescriptor } from '../../kernel/catalog/index.ts';

/**
 * Who sees an assessment: the kernel's scope alone — 维稳办 and county roles the county; the responsible department
 * (owner, 主办) its own matters; the township or village where the matter lies (属地 party) those in its area.
 * 稳评 keeps no rule of its own beyond that (no outside accounts see assessments).
 */
export const RISK_VISIBILITY: Pick<ModuleDescriptor, 'visibility' | 'externalVisibility'> = {};
