/** 考核 and 问责 (issue 16): indicators over the modules' declared statistics, periods, 通报 with read receipts, 问责 records. */
export { assessmentRoutes } from './routes.ts';
