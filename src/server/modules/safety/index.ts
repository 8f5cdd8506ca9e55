/**
 * 安全生产 (the second case module), reached by other modules and the registry only through this file:
 * the register (登记造册, enterprise accounts), the hazard ledger (隐患台账) with its descriptor, routes and jobs.
 */
import type { App, AppDeps } from '../../app.ts';
import { safetyRegisterRoutes } from './register/routes.ts';
import { safetyHazardRoutes } from './hazards/routes.ts';

export { HAZARD_MODULE } from './hazards/descriptor.ts';
export { licenceReminderJob } from './register/licence-reminders.job.ts';
export { enterpriseVisibleSql } from './register/scope.ts';

/** Every HTTP route of 安全生产 (under /api/v1/safety). */
export async function safetyRoutes(app: App, deps: AppDeps): Promise<void> {
  await safetyRegisterRoutes(app, deps);
  await safetyHazardRoutes(app, deps);
}
