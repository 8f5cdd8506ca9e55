import type { ModuleDescriptor } from '../../kernel/catalog/index.ts';

/**
 * Who sees a dispute: the kernel's scope alone — the owner is the unit that mediates it (a village's 调委会, a
 * township's, a county department for 行政调解), so a village mediator sees the village's disputes, a township its
 * villages' too, the county all; a unit the case was routed to (派出所, 妇联 on an urgent case, as 协办) sees it as an
 * active party. No outside account sees disputes (no externalVisibility).
 */
export const DISPUTE_VISIBILITY: Pick<ModuleDescriptor, 'visibility' | 'externalVisibility'> = {};
