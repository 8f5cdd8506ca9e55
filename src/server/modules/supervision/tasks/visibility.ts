import type { ModuleDescriptor } from '../../../kernel/catalog/index.ts';

/**
 * Who sees a 督办事项: the kernel's scope alone — the 督查办 and county roles the county; the unit that does the task
 * (the work item's owner) its own tasks and nobody else's; a leader through the kernel's 包案 party. No outside
 * accounts see tasks.
 */
export const SUPERVISION_VISIBILITY: Pick<ModuleDescriptor, 'visibility' | 'externalVisibility'> = {};
