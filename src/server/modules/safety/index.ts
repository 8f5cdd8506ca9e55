/**
 * 安全生产 (the second case module), reached by other modules and the registry only through this file:
 * the register (登记造册, enterprise accounts), the hazard ledger (隐患台账), accident reports (事故快报),
 * duty (值班值守), emergency plans and training, inspections (监督检查: 检查表, 双随机, 四不两直, 检查记录) — their descriptors, routes and jobs.
 */
import type { App, AppDeps } from '../../app.ts';
import { safetyRegisterRoutes } from './register/routes.ts';
import { safetyHazardRoutes } from './hazards/routes.ts';
import { accidentRoutes } from './accidents/index.ts';
import { dutyRoutes } from './duty/index.ts';
import { planRoutes } from './plans/index.ts';
import { inspectionRoutes } from './inspections/index.ts';
import { hazardReportRoutes } from './hazards/reports/routes.ts';

export { HAZARD_MODULE } from './hazards/descriptor.ts';
export { ACCIDENT_MODULE, casualtyWindowJob } from './accidents/index.ts';
export { licenceReminderJob } from './register/licence-reminders.job.ts';
export { statReportReminderJob } from './hazards/reports/report-reminders.job.ts';
export { planReviewReminderJob } from './plans/index.ts';
export { enterpriseVisibleSql } from './register/scope.ts';
export { drawInspection, targetVisibleSql, planVisibleSql } from './inspections/index.ts';

/** Every HTTP route of 安全生产 (under /api/v1/safety). */
export async function safetyRoutes(app: App, deps: AppDeps): Promise<void> {
  await safetyRegisterRoutes(app, deps);
  await safetyHazardRoutes(app, deps);
  await hazardReportRoutes(app, deps);
  await accidentRoutes(app, deps);
  await dutyRoutes(app, deps);
  await planRoutes(app, deps);
  await inspectionRoutes(app, deps);
}
