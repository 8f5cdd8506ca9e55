import type { JobDefinition } from './core/jobs/job-definition.ts';
import { CORE_JOBS } from './core/jobs/definitions/index.ts';
import { kernelJobs } from './kernel/jobs/kernel-jobs.ts';
import type { ModuleCatalog } from './kernel/catalog/index.ts';
import { MODULE_JOBS } from './modules/registry.ts';

/** Every job type the runner works: the platform's own, the kernel's over all modules, and the modules' own. */
export function allJobs(modules: ModuleCatalog): JobDefinition[] {
  return [...CORE_JOBS, ...kernelJobs(modules), ...MODULE_JOBS];
}
