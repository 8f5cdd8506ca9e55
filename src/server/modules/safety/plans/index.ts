/** 应急预案 and 安全培训 registers (routes, the review reminder job), registered in modules/registry.ts. */
export { planRoutes } from './routes.ts';
export { planReviewReminderJob } from './plan-review.job.ts';
export { remindPlanReviews } from './plans-store.ts';
export { createPlan, recordDrill, createTraining } from './plans-store.ts';
