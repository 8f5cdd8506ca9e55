/** 考核 and 问责 (issue 16): indicators over the modules' declared statistics, periods, 通报 with read receipts, 问责 records. */
export { assessmentRoutes } from './routes.ts';
export { computePeriod, publishPeriod } from './compute.ts';
export { confirmRead, issueNotice } from './notice.ts';
export { periodOf } from './periods.ts';
export { DEFAULT_INDICATORS, type IndicatorSetting } from './defaults.ts';
export { listExcludedUnits, setExcludedUnits } from './excluded-units.ts';
