import type { App, AppDeps } from '../app.ts';
import type { ModuleDescriptor } from '../kernel/catalog/index.ts';
import type { JobDefinition } from '../core/jobs/job-definition.ts';
import { PETITION_MODULE } from './petitions/descriptor.ts';
import {
  ACCIDENT_MODULE,
  HAZARD_MODULE,
  casualtyWindowJob,
  licenceReminderJob,
  planReviewReminderJob,
  safetyRoutes,
  statReportReminderJob,
} from './safety/index.ts';
import { portalHousekeepingJob } from './petitions/portal/housekeeping.job.ts';
import { systemRoutes } from './platform/system/routes.ts';
import { authRoutes } from './platform/auth/routes.ts';
import { orgRoutes } from './platform/org/routes.ts';
import { calendarRoutes } from './platform/calendar/routes.ts';
import { todoRoutes } from './platform/todo/routes.ts';
import { workbenchRoutes } from './platform/workbench/routes.ts';
import { benchRoutes } from './platform/bench/routes.ts';
import { workItemRoutes } from './platform/workitems/routes.ts';
import { auditRoutes } from './platform/audit/routes.ts';
import { notificationRoutes } from './platform/notifications/routes.ts';
import { petitionRoutes } from './petitions/routes.ts';
import { supervisionRoutes } from './platform/supervision/routes.ts';
import { leaderWorkRoutes } from './platform/leader-work/routes.ts';
import { statsRoutes } from './platform/stats/index.ts';
import { petitionExcelRoutes } from './petitions/excel/routes.ts';
import { petitionDocumentRoutes } from './petitions/documents/index.ts';
import { petitionIntakeSettingsRoutes } from './petitions/intake-settings-routes.ts';
import { outboxAdminRoutes } from './platform/outbox-admin/routes.ts';
import { open311KeyRoutes } from './petitions/open311-keys/routes.ts';
import { portalRoutes } from './petitions/portal/routes.ts';
import { petitionAttachmentRoutes } from './petitions/portal/staff-attachment-routes.ts';
import { documentIssuerRoutes, itemAttachmentRoutes, itemDocumentRoutes } from './platform/item-files/index.ts';
import { itemLinkRoutes } from './platform/item-links/index.ts';
import { importRoutes } from './platform/imports/index.ts';
import { savedFilterRoutes } from './platform/saved-filters/routes.ts';
import { DISPUTE_MODULE, disputesRoutes } from './disputes/index.ts';
import { RISK_MODULE, riskRoutes } from './risk/index.ts';
import { dashboardRoutes } from './platform/dashboard/routes.ts';
import { assessmentRoutes } from './assessment/index.ts';
import { SUPERVISION_MODULE, supervisionModuleRoutes, campaignRoutes as supervisionCampaignRoutes } from './supervision/index.ts';
import { periodicReportReminderJob, periodicReportRoutes } from './supervision-reports/index.ts';
import { meetingRoutes as supervisionMeetingRoutes } from './supervision/index.ts';
import { actionRoutes as supervisionActionRoutes } from './supervision/index.ts';

/**
 * The case modules, each one descriptor (kernel/catalog/descriptor.ts): 我的待办, work-item detail,
 * timeline, reminders, 督办, the audit viewer and the outbox read modules only through these.
 * A new module is its folder plus one line here.
 */
export const MODULES: readonly ModuleDescriptor[] = [PETITION_MODULE, HAZARD_MODULE, ACCIDENT_MODULE, DISPUTE_MODULE, RISK_MODULE, SUPERVISION_MODULE];

/** Jobs of the modules themselves (the kernel's jobs over all modules are in kernel/jobs). */
export const MODULE_JOBS: readonly JobDefinition[] = [
  portalHousekeepingJob,
  licenceReminderJob,
  casualtyWindowJob,
  planReviewReminderJob,
  statReportReminderJob,
  periodicReportReminderJob,
];

/** A module's HTTP routes, mounted under /api/v1. */
export type RegisterModule = (app: App, deps: AppDeps) => Promise<void>;

/**
 * Every API module, in mount order. Explicit on purpose: adding a module is one line here,
 * and a forgotten registration shows up as a 404 in its integration test.
 */
export const API_MODULES: RegisterModule[] = [
  authRoutes,
  systemRoutes,
  orgRoutes,
  todoRoutes,
  workbenchRoutes,
  calendarRoutes,
  benchRoutes,
  auditRoutes,
  notificationRoutes,
  workItemRoutes,
  petitionRoutes,
  petitionDocumentRoutes,
  statsRoutes,
  petitionExcelRoutes,
  supervisionRoutes,
  leaderWorkRoutes,
  petitionIntakeSettingsRoutes,
  outboxAdminRoutes,
  open311KeyRoutes,
  portalRoutes,
  petitionAttachmentRoutes,
  itemAttachmentRoutes,
  itemDocumentRoutes,
  documentIssuerRoutes,
  itemLinkRoutes,
  importRoutes,
  savedFilterRoutes,
  safetyRoutes,
  disputesRoutes,
  riskRoutes,
  dashboardRoutes,
  assessmentRoutes,
  supervisionModuleRoutes,
  supervisionCampaignRoutes,
  supervisionActionRoutes,
  periodicReportRoutes,
  supervisionMeetingRoutes,
];
